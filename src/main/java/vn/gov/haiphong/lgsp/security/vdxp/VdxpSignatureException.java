package vn.gov.haiphong.lgsp.security.vdxp;

/** A refused VDXP signature. The message never reveals the expected hash. */
public class VdxpSignatureException extends RuntimeException {

    private final VdxpSignatureError error;

    public VdxpSignatureException(VdxpSignatureError error, String detail) {
        super(detail);
        this.error = error;
    }

    public VdxpSignatureError error() {
        return error;
    }

    @Override
    public String toString() {
        return "VdxpSignatureException[" + error.code() + " " + error.name() + "]: " + getMessage();
    }
}
