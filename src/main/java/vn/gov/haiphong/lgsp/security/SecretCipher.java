package vn.gov.haiphong.lgsp.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (system HMAC secrets) with AES-256-GCM under the master key from
 * configuration ({@code lgsp.security.master-key}, base64 of 32 bytes). Stored form:
 * {@code v1:<base64(iv || ciphertext+tag)>}. Plaintext secrets exist only in memory, never in
 * logs or API answers.
 *
 * <p>Master-key rotation: {@code lgsp.security.previous-master-keys} (comma-separated) are keys
 * that still decrypt, never encrypt; {@link SecretReEncryption} then rewrites every stored secret
 * under the current key, after which the previous keys can be removed (docs/deployment.md).
 */
@Component
public class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    /** Keys being rotated out: they decrypt what is still stored under them, and encrypt nothing. */
    private final List<SecretKey> previous;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(String masterKeyBase64) {
        this(masterKeyBase64, "");
    }

    @Autowired
    public SecretCipher(@Value("${lgsp.security.master-key:}") String masterKeyBase64,
                        @Value("${lgsp.security.previous-master-keys:}") String previousKeysBase64) {
        this.key = masterKeyBase64 == null || masterKeyBase64.isBlank() ? null : toKey(masterKeyBase64, "lgsp.security.master-key");
        this.previous = previousKeysBase64 == null ? List.of() : Arrays.stream(previousKeysBase64.split(","))
                .map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> toKey(k, "lgsp.security.previous-master-keys")).toList();
    }

    private static SecretKey toKey(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (AES-256), got " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public boolean isConfigured() {
        return key != null;
    }

    public String encrypt(String plaintext) {
        requireKey();
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        requireEncrypted(stored);
        String plain = decryptWith(key, stored);
        return plain != null ? plain : decryptWithPrevious(stored);
    }

    /**
     * The stored secret encrypted under the current key, or empty when it already is.
     *
     * @throws IllegalStateException when no configured key (current or previous) decrypts it
     */
    public Optional<String> reEncrypt(String stored) {
        requireEncrypted(stored);
        if (decryptWith(key, stored) != null) {
            return Optional.empty();
        }
        return Optional.of(encrypt(decryptWithPrevious(stored)));
    }

    private void requireEncrypted(String stored) {
        requireKey();
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not an encrypted secret");
        }
    }

    /** A secret the current key does not open, opened with a key being rotated out. */
    private String decryptWithPrevious(String stored) {
        for (SecretKey candidate : previous) {
            String plain = decryptWith(candidate, stored);
            if (plain != null) {
                return plain;
            }
        }
        // Wrong master key or tampered row: never echo the stored value.
        throw new IllegalStateException("Stored secret cannot be decrypted with the configured master key");
    }

    /** The plaintext, or null when this key does not open it (GCM's tag does not match). */
    private static String decryptWith(SecretKey candidate, String stored) {
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, candidate, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private void requireKey() {
        if (key == null) {
            throw new IllegalStateException("No master key configured (lgsp.security.master-key / LGSP_MASTER_KEY)");
        }
    }
}
