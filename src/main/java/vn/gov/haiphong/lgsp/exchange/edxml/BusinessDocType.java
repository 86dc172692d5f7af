package vn.gov.haiphong.lgsp.exchange.edxml;

import java.util.Optional;

/**
 * What a document package does, from {@code TraceHeaderList/Bussiness/BussinessDocType} (the wire
 * spells it "Bussiness"). Values come from client libraries, not the standard's text.
 */
public enum BusinessDocType {
    NEW(0),
    REVOKE(1),
    UPDATE(2),
    REPLACE(3);

    private final int code;

    BusinessDocType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True for revoke, update and replace: they refer to an earlier document. */
    public boolean refersToEarlierDocument() {
        return this != NEW;
    }

    public static Optional<BusinessDocType> fromCode(String code) {
        for (BusinessDocType type : values()) {
            if (String.valueOf(type.code).equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
