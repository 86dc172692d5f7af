package vn.gov.haiphong.lgsp.exchange.edxml;

import java.util.Optional;

/** QCVN 102 processing statuses carried by status packages (EDXML.md "Status package"). */
public enum EdxmlStatusCode {
    ARRIVED("01"),
    /** Also "revocation refused". */
    REJECTED("02"),
    /** Accepted and registered; also "revocation agreed". */
    ACCEPTED("03"),
    ASSIGNED("04"),
    PROCESSING("05"),
    COMPLETED("06"),
    TAKE_BACK_REQUESTED("13"),
    TAKE_BACK_OR_UPDATE_AGREED("15"),
    TAKE_BACK_OR_UPDATE_REFUSED("16");

    private final String code;

    EdxmlStatusCode(String code) {
        this.code = code;
    }

    /** The two-digit wire value, e.g. {@code "03"}. */
    public String code() {
        return code;
    }

    public static Optional<EdxmlStatusCode> fromCode(String code) {
        for (EdxmlStatusCode status : values()) {
            if (status.code.equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
