package vn.gov.haiphong.lgsp.exchange.edxml;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/**
 * A refused package. The message is a one-line detail naming the element and line where known,
 * safe to show to the sender: it never carries a stack trace or the package's content beyond
 * element names and short field values.
 */
public class EdxmlException extends RuntimeException {

    private final ErrorCode error;
    private final int line;

    public EdxmlException(ErrorCode error, String detail) {
        this(error, detail, -1, null);
    }

    public EdxmlException(ErrorCode error, String detail, int line) {
        this(error, detail, line, null);
    }

    public EdxmlException(ErrorCode error, String detail, int line, Throwable cause) {
        super(detail, cause);
        this.error = error;
        this.line = line;
    }

    public ErrorCode error() {
        return error;
    }

    /** The 1-based line in the package the refusal refers to, or -1 when it has none. */
    public int line() {
        return line;
    }

    @Override
    public String toString() {
        return "EdxmlException[" + error.code() + " " + error.name() + "]: " + getMessage();
    }
}
