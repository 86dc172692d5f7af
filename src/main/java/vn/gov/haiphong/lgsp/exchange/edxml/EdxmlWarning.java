package vn.gov.haiphong.lgsp.exchange.edxml;

import java.util.Objects;

/** One tolerated deviation, with a detail naming where it was found. */
public record EdxmlWarning(EdxmlWarningCode code, String message) {

    public EdxmlWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code.code() + " " + code.name() + ": " + message;
    }
}
