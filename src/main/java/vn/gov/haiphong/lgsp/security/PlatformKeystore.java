package vn.gov.haiphong.lgsp.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's own signing key and certificate ({@code lgsp.security.platform-keystore.*}:
 * path, type, password, alias, key-password), e.g. for WS-Security signatures on SOAP push
 * deliveries. Optional: without a path nothing is loaded and {@link #key()} is empty; with one,
 * a keystore that cannot be read, or an alias without a private key, stops the start. The
 * passwords are never logged.
 */
@Component
public class PlatformKeystore {

    private static final Logger log = LoggerFactory.getLogger(PlatformKeystore.class);

    /** The loaded key: the keystore holding it, its alias and the key's password. */
    public record SigningKey(KeyStore keyStore, String alias, char[] keyPassword, X509Certificate certificate) {
        @Override
        public String toString() {
            return "SigningKey[" + alias + ", " + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    private final SigningKey key;

    public PlatformKeystore(@Value("${lgsp.security.platform-keystore.path:}") String path,
                            @Value("${lgsp.security.platform-keystore.type:PKCS12}") String type,
                            @Value("${lgsp.security.platform-keystore.password:}") String password,
                            @Value("${lgsp.security.platform-keystore.alias:}") String alias,
                            @Value("${lgsp.security.platform-keystore.key-password:}") String keyPassword) {
        if (path == null || path.isBlank()) {
            log.info("No platform keystore (lgsp.security.platform-keystore.path): SOAP push deliveries cannot be signed");
            this.key = null;
            return;
        }
        this.key = load(Path.of(path), type, password.toCharArray(), alias,
                (keyPassword.isEmpty() ? password : keyPassword).toCharArray());
        log.info("Platform keystore loaded: {} (certificate valid until {})", key, key.certificate().getNotAfter().toInstant());
    }

    public Optional<SigningKey> key() {
        return Optional.ofNullable(key);
    }

    private static SigningKey load(Path path, String type, char[] password, String alias, char[] keyPassword) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore keyStore = KeyStore.getInstance(type);
            keyStore.load(in, password);
            String chosen = alias == null || alias.isBlank() ? firstKeyAlias(keyStore) : alias;
            if (chosen == null || !(keyStore.getKey(chosen, keyPassword) instanceof PrivateKey)) {
                throw new IllegalStateException("platform keystore " + path + " has no private key under alias '"
                        + chosen + "'");
            }
            if (!(keyStore.getCertificate(chosen) instanceof X509Certificate certificate)) {
                throw new IllegalStateException("platform keystore " + path + " has no X.509 certificate for '" + chosen + "'");
            }
            return new SigningKey(keyStore, chosen, keyPassword, certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("platform keystore " + path + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private static String firstKeyAlias(KeyStore keyStore) throws GeneralSecurityException {
        for (String alias : Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(alias)) {
                return alias;
            }
        }
        return null;
    }
}
