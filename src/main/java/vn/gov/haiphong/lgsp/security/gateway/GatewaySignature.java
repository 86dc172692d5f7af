package vn.gov.haiphong.lgsp.security.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's HMAC-SHA256 scheme with freshness (docs/integrators.md, "Service gateway"). A client signs
 * the string
 * <pre>
 * LGSP-HMAC-SHA256 \n METHOD \n path \n query \n systemId \n timestamp \n nonce \n hex(SHA-256(body))
 * </pre>
 * (lines joined by a single LF, no LF at the end; path and query exactly as sent on the wire,
 * percent-encoding included; query empty when there is none) with its secret, and sends the
 * lowercase hex HMAC in {@value #SIGNATURE} with the parts in the headers below.
 */
public final class GatewaySignature {

    public static final String ALGORITHM = "LGSP-HMAC-SHA256";
    public static final String SYSTEM = "X-LGSP-System";
    public static final String TIMESTAMP = "X-LGSP-Timestamp";
    public static final String NONCE = "X-LGSP-Nonce";
    public static final String CONTENT_SHA256 = "X-LGSP-Content-SHA256";
    public static final String SIGNATURE = "X-LGSP-Signature";

    /** SHA-256 of no bytes: the content hash of a request without a body. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private GatewaySignature() {
    }

    public static String canonical(String method, String path, String query, String systemId, String timestamp,
                                   String nonce, String contentSha256) {
        return ALGORITHM + '\n' + method + '\n' + path + '\n' + (query == null ? "" : query) + '\n' + systemId + '\n'
                + timestamp + '\n' + nonce + '\n' + contentSha256;
    }

    public static String hmacHex(byte[] key, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex strings (case-insensitive). */
    public static boolean hexEquals(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                presented.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The HMAC scheme's body check, wherever the body is read (the gateway's servlet, the data
     * API's {@link SignedBodyCheck}): null when the body's SHA-256 (hex) is the one signed, else why
     * not (GW-106).
     */
    public static String bodyMismatch(String signedSha256, String bodySha256) {
        return hexEquals(signedSha256, bodySha256) ? null
                : "The body's SHA-256 is " + bodySha256 + ", not the " + CONTENT_SHA256 + " that was signed";
    }
}
