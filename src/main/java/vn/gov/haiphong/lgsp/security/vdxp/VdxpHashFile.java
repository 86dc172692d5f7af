package vn.gov.haiphong.lgsp.security.vdxp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import vn.gov.haiphong.lgsp.platform.Sha256;

/**
 * The SDK's {@code XroadVnpt-hash-file} for sendEdoc (VDXP.md §4): SHA-256 of the package, each
 * byte written as lowercase hex <em>without</em> zero padding ({@code 0x05} becomes {@code 5}),
 * so 32 to 64 characters. We must reproduce the SDK's quirk to accept its uploads. The unpadded
 * form is ambiguous ({@code 01 23} and {@code 12 03} both give {@code 123}), which makes it a
 * weaker integrity check than the digest itself; it is still only one of the checks on a package.
 */
public final class VdxpHashFile {

    public static final String HEADER = "XroadVnpt-hash-file";

    private VdxpHashFile() {
    }

    /** The header value the SDK would send for these file bytes. */
    public static String compute(byte[] file) {
        StringBuilder hex = new StringBuilder(64);
        for (byte b : Sha256.of(file)) {
            hex.append(Integer.toHexString(b & 0xFF));
        }
        return hex.toString();
    }

    /**
     * Checks an uploaded body against the header. The SDK sends the file followed by CR LF, so
     * the body without a trailing CR LF is tried first, then the body as is (other clients).
     *
     * @return the bytes to store (the package without the SDK's CR LF) when the hash matches; empty otherwise
     */
    public static Optional<byte[]> matches(String headerValue, byte[] body) {
        if (headerValue == null || headerValue.isBlank() || body == null) {
            return Optional.empty();
        }
        byte[] presented = headerValue.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (endsWithCrlf(body)) {
            byte[] stripped = Arrays.copyOf(body, body.length - 2);
            if (sameHash(presented, stripped)) {
                return Optional.of(stripped);
            }
        }
        return sameHash(presented, body) ? Optional.of(body) : Optional.empty();
    }

    private static boolean sameHash(byte[] presented, byte[] file) {
        return MessageDigest.isEqual(presented, compute(file).getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean endsWithCrlf(byte[] body) {
        return body.length >= 2 && body[body.length - 2] == '\r' && body[body.length - 1] == '\n';
    }
}
