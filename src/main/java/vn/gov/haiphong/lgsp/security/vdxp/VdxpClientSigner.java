package vn.gov.haiphong.lgsp.security.vdxp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds request headers exactly as the national axis SDK (SDKVXP 2.0.1) does (VDXP.md §2): for
 * tests, and for relaying to the axis as a client.
 *
 * <p>Deliberately independent of {@link VdxpSignature}: sharing code would let one bug hide in
 * both, and the byte-exact worked example would no longer test anything.
 *
 * <p>The SDK iterates a {@code HashMap}, so its order is hash-bucket order; callers that must
 * match a real SDK request give the headers in that order (e.g. the worked example's
 * {@code systemid;servicetype;messagetype;timestamp;Content-Type}).
 */
public final class VdxpClientSigner {

    public static final String USER_AGENT = "JAVASDKAgent/1.0.0 XRoad/VPCP";
    public static final String PROTOCOL_VERSION = "3.0.201608";

    private static final String PREFIX = "XroadVnpt-";
    private static final String CONTENT_TYPE = "Content-Type";

    private final byte[] key;

    /** @param secret the shared secret, used literally as UTF-8 bytes like the SDK does */
    public VdxpClientSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a secret is needed to sign");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The HTTP headers to send, in order.
     *
     * @param logicalHeaders the SDK's logical headers in signing order, normally including
     *                       {@code systemid}, {@code timestamp} and {@code Content-Type}; values are
     *                       sent as given (the SDK sends {@code to} as JSON text, quotes included)
     */
    public LinkedHashMap<String, String> sign(LinkedHashMap<String, String> logicalHeaders) {
        Objects.requireNonNull(logicalHeaders, "logicalHeaders");
        LinkedHashMap<String, String> wire = new LinkedHashMap<>();
        StringBuilder json = new StringBuilder("{");
        StringBuilder keys = new StringBuilder();
        for (Map.Entry<String, String> header : logicalHeaders.entrySet()) {
            String name = Objects.requireNonNull(header.getKey(), "header name");
            String value = Objects.requireNonNull(header.getValue(), () -> "value of header " + name);
            if (name.equals(CONTENT_TYPE)) {
                // The SDK sets a plain Content-Type right before its prefixed copy.
                wire.put(CONTENT_TYPE, value);
            }
            wire.put(PREFIX + name, value);
            if (json.length() > 1) {
                json.append(',');
                keys.append(';');
            }
            json.append(gsonString(PREFIX + name)).append(':').append(gsonString(value));
            keys.append(name);
        }
        json.append('}');
        String signedJson = json.toString();
        wire.put(PREFIX + "sign-header-key", keys.toString());
        wire.put(PREFIX + "sign-header", signedJson);
        wire.put(PREFIX + "hash-header", HexFormat.of().formatHex(hmac(signedJson)));
        wire.put("User-Agent", USER_AGENT);
        wire.put(PREFIX + "version", PROTOCOL_VERSION);
        return wire;
    }

    /**
     * The SDK's {@code SimpleDateFormat("ddMMyyyy'T'HHmmss+SSSS")}: {@code +SSSS} is the
     * milliseconds zero-padded to four digits, not a UTC offset. (java.time's {@code SSSS} would
     * mean a fraction of a second, so it is formatted by hand.)
     */
    public static String timestamp(LocalDateTime time) {
        return String.format("%02d%02d%04dT%02d%02d%02d+%04d", time.getDayOfMonth(), time.getMonthValue(),
                time.getYear(), time.getHour(), time.getMinute(), time.getSecond(), time.getNano() / 1_000_000);
    }

    /**
     * A JSON string as Gson 2.2's {@code JsonObject.toString()} writes it: only {@code "},
     * {@code \}, control characters and U+2028/U+2029 escaped (short forms for \t \b \n \r \f,
     * a lowercase four-hex-digit escape otherwise), no HTML escaping, everything else raw.
     */
    static String gsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
