package vn.gov.haiphong.lgsp.security.vdxp;

/**
 * Why a VDXP request's XroadVnpt signature was refused. An unknown system is not among them: the
 * caller looks the secret up by {@link VdxpSignature#claimedSystemId} and refuses unknown ones itself.
 */
public enum VdxpSignatureError {
    MISSING_HEADER("VDXP-101", "A required XroadVnpt header is missing"),
    AMBIGUOUS_HEADER("VDXP-102", "A header is present twice with different values"),
    BAD_SIGNATURE("VDXP-103", "The hash header does not match the signed header"),
    UNPARSEABLE_SIGNED_HEADER("VDXP-104", "The signed header is not a JSON object of strings"),
    SYSTEMID_MISMATCH("VDXP-105", "The signed systemid differs from the systemid header");

    private final String code;
    private final String title;

    VdxpSignatureError(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
