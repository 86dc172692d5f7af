package vn.gov.haiphong.lgsp.security.vdxp;

import java.util.LinkedHashMap;
import java.util.Map;

/** The worked example of VDXP.md §2, copied from the document (not computed by our code). */
final class VdxpWorkedExample {

    static final String SYSTEM_ID = "vxp.demo.01";
    static final String SECRET = "s3cr3t-demo";
    static final String TIMESTAMP = "15012024T093000+0123";
    static final String SIGN_HEADER_KEY = "systemid;servicetype;messagetype;timestamp;Content-Type";
    static final String SIGN_HEADER = "{\"XroadVnpt-systemid\":\"vxp.demo.01\",\"XroadVnpt-servicetype\":\"eDoc\","
            + "\"XroadVnpt-messagetype\":\"edoc\",\"XroadVnpt-timestamp\":\"15012024T093000+0123\","
            + "\"XroadVnpt-Content-Type\":\"application/json\"}";
    static final String HASH = "5dc231d80a05d2f2f9fa2f115d77eeed435b5737e7ddc1bcac8573943cf4f2c6";

    private VdxpWorkedExample() {
    }

    /** The logical headers in the SDK's HashMap order for this example. */
    static LinkedHashMap<String, String> logicalHeaders() {
        LinkedHashMap<String, String> logical = new LinkedHashMap<>();
        logical.put("systemid", SYSTEM_ID);
        logical.put("servicetype", "eDoc");
        logical.put("messagetype", "edoc");
        logical.put("timestamp", TIMESTAMP);
        logical.put("Content-Type", "application/json");
        return logical;
    }

    /** The request headers exactly as listed in VDXP.md, in wire order. */
    static LinkedHashMap<String, String> wireHeaders() {
        LinkedHashMap<String, String> wire = new LinkedHashMap<>();
        wire.put("XroadVnpt-systemid", SYSTEM_ID);
        wire.put("XroadVnpt-servicetype", "eDoc");
        wire.put("XroadVnpt-messagetype", "edoc");
        wire.put("XroadVnpt-timestamp", TIMESTAMP);
        wire.put("Content-Type", "application/json");
        wire.put("XroadVnpt-Content-Type", "application/json");
        wire.put("XroadVnpt-sign-header-key", SIGN_HEADER_KEY);
        wire.put("XroadVnpt-sign-header", SIGN_HEADER);
        wire.put("XroadVnpt-hash-header", HASH);
        wire.put("User-Agent", "JAVASDKAgent/1.0.0 XRoad/VPCP");
        wire.put("XroadVnpt-version", "3.0.201608");
        return wire;
    }

    static LinkedHashMap<String, String> with(Map<String, String> headers, String name, String value) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }
}
