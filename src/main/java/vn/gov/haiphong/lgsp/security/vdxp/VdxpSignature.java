package vn.gov.haiphong.lgsp.security.vdxp;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-side check of the VDXP "XroadVnpt" HMAC scheme (VDXP.md §2).
 *
 * <p>The HMAC is computed over the received {@code XroadVnpt-sign-header} string exactly as
 * received, never over JSON rebuilt from the other headers: the SDK serialises its HashMap in
 * hash-bucket order with Gson's escaping, which a rebuild cannot reliably reproduce. Parameters
 * are then read from that signed JSON only; the plain {@code XroadVnpt-*} headers are unsigned
 * copies and are ignored, as is {@code XroadVnpt-sign-header-key}.
 *
 * <p>Timestamps are not checked for freshness: the SDK fixes its timestamp when a client object
 * is created and resends it for ever.
 */
public final class VdxpSignature {

    public static final String PREFIX = "XroadVnpt-";
    public static final String SYSTEMID_HEADER = PREFIX + "systemid";
    public static final String SIGN_HEADER = PREFIX + "sign-header";
    public static final String HASH_HEADER = PREFIX + "hash-header";

    private static final String HMAC = "HmacSHA256";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private VdxpSignature() {
    }

    /**
     * The system id a request claims, unverified: what the caller looks the secret up by before
     * calling {@link #verify}.
     */
    public static Optional<String> claimedSystemId(Map<String, String> headers) {
        return Optional.ofNullable(header(headers, SYSTEMID_HEADER)).filter(v -> !v.isBlank());
    }

    /**
     * Verifies a request's headers against the secret of the system it claims to be.
     *
     * @param headers received HTTP headers; names are matched case-insensitively
     * @param secret  the system's shared secret, used literally as UTF-8 bytes (not base64-decoded)
     * @throws VdxpSignatureException when the request is not signed correctly
     */
    public static VdxpRequest verify(Map<String, String> headers, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the system's secret is needed to verify its signature");
        }
        Objects.requireNonNull(headers, "headers");
        String systemId = required(headers, SYSTEMID_HEADER);
        String signedJson = required(headers, SIGN_HEADER);
        String hash = required(headers, HASH_HEADER);

        byte[] expected = HexFormat.of().formatHex(hmacSha256(secret, signedJson)).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = hash.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new VdxpSignatureException(ErrorCode.VDXP_BAD_SIGNATURE,
                    HASH_HEADER + " does not match the HMAC-SHA256 of " + SIGN_HEADER + " for system '"
                            + abbreviate(systemId) + "'");
        }

        Map<String, String> parameters = signedParameters(signedJson);
        List<String> signedSystemIds = VdxpRequest.variants(parameters, "systemid");
        if (signedSystemIds.isEmpty()) {
            throw new VdxpSignatureException(ErrorCode.VDXP_SYSTEMID_MISMATCH,
                    SIGN_HEADER + " does not sign a systemid");
        }
        // Every case variant must agree, or a later lookup of another spelling could see another system.
        for (String signed : signedSystemIds) {
            if (!signed.equals(systemId)) {
                throw new VdxpSignatureException(ErrorCode.VDXP_SYSTEMID_MISMATCH, "the signed systemid '"
                        + abbreviate(signed) + "' differs from the " + SYSTEMID_HEADER + " header '"
                        + abbreviate(systemId) + "'");
            }
        }
        return new VdxpRequest(systemId, VdxpRequest.lookup(parameters, "timestamp").orElse(null), parameters,
                new ArrayList<>(parameters.keySet()));
    }

    /** Signed JSON keys without the prefix (matched case-insensitively), to their string values. */
    private static Map<String, String> signedParameters(String signedJson) {
        JsonNode root;
        try {
            root = JSON.readTree(signedJson);
        } catch (JsonProcessingException e) {
            throw new VdxpSignatureException(ErrorCode.VDXP_UNPARSEABLE_SIGNED_HEADER,
                    SIGN_HEADER + " is not valid JSON (" + abbreviate(e.getOriginalMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new VdxpSignatureException(ErrorCode.VDXP_UNPARSEABLE_SIGNED_HEADER,
                    SIGN_HEADER + " is not a JSON object");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey();
            String name = key.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? key.substring(PREFIX.length()) : key;
            if (!field.getValue().isTextual()) {
                throw new VdxpSignatureException(ErrorCode.VDXP_UNPARSEABLE_SIGNED_HEADER,
                        "signed key '" + abbreviate(key) + "' does not carry a string");
            }
            if (parameters.putIfAbsent(name, field.getValue().textValue()) != null) {
                throw new VdxpSignatureException(ErrorCode.VDXP_UNPARSEABLE_SIGNED_HEADER,
                        "two signed keys both name '" + abbreviate(name) + "'");
            }
        }
        return parameters;
    }

    private static byte[] hmacSha256(String secret, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /**
     * A header by name, case-insensitively. Only the headers read here are checked for
     * conflicting duplicates: the SDK itself sends e.g. {@code XroadVnpt-docId} and
     * {@code XroadVnpt-docid} with different values, which must not break verification.
     */
    private static String header(Map<String, String> headers, String name) {
        String found = null;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() == null || header.getValue() == null || !header.getKey().equalsIgnoreCase(name)) {
                continue;
            }
            if (found != null && !found.equals(header.getValue())) {
                throw new VdxpSignatureException(ErrorCode.VDXP_AMBIGUOUS_HEADER,
                        "header " + name + " is present twice with different values");
            }
            found = header.getValue();
        }
        return found;
    }

    private static String required(Map<String, String> headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isEmpty()) {
            throw new VdxpSignatureException(ErrorCode.VDXP_MISSING_HEADER, "header " + name + " is missing");
        }
        return value;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
