package vn.gov.haiphong.lgsp.security.vdxp;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/** A refused VDXP signature. The message never reveals the expected hash. */
public class VdxpSignatureException extends RuntimeException {

    private final ErrorCode error;

    public VdxpSignatureException(ErrorCode error, String detail) {
        super(detail);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }

    @Override
    public String toString() {
        return "VdxpSignatureException[" + error.code() + " " + error.name() + "]: " + getMessage();
    }
}
