package vn.gov.haiphong.lgsp.security.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How the token endpoint checks client secrets: the console's as configured ({bcrypt}, or {noop}
 * in dev files), a connected system's against its registered secret held only in memory
 * ({@code {system-secret}}), compared in constant time. Used by the token endpoint only, never for
 * people's passwords.
 */
final class ClientSecrets {

    static final String PLAIN_ID = "system-secret";

    private ClientSecrets() {
    }

    static PasswordEncoder encoder() {
        PasswordEncoder standard = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        PasswordEncoder constantTime = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                throw new UnsupportedOperationException("System secrets are never encoded here");
            }

            @Override
            public boolean matches(CharSequence raw, String expected) {
                return raw != null && expected != null && MessageDigest.isEqual(
                        raw.toString().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
            }
        };
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(), PLAIN_ID, constantTime));
        encoder.setDefaultPasswordEncoderForMatches(standard);
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return encoder.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return encoder.matches(raw, encoded);
            }

            // Never "upgrade": the token endpoint would try to save a re-encoded system secret.
            @Override
            public boolean upgradeEncoding(String encoded) {
                return false;
            }
        };
    }
}
