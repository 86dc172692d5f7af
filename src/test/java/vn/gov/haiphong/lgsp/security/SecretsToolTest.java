package vn.gov.haiphong.lgsp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** The operator's tools make what a prod start takes: a {bcrypt} password and a master key. */
class SecretsToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Optional<Integer> run(String input, String... args) throws Exception {
        return SecretsTool.run(args, null, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void hashPasswordPrintsAHashSpringSecurityAccepts() throws Exception {
        assertThat(run("mật-khẩu-vận-hành-2026\n", "hash-password")).contains(0);
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(hash).startsWith("{bcrypt}$2a$10$").doesNotContain("mật-khẩu");
        var encoders = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(encoders.matches("mật-khẩu-vận-hành-2026", hash)).isTrue();
        assertThat(encoders.matches("something-else-2026", hash)).isFalse();
    }

    @Test
    void aShortPasswordIsRefused() throws Exception {
        assertThat(run("short\n", "hash-password")).contains(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12 characters");
    }

    @Test
    void newMasterKeyIsOneSecretCipherTakesAndDiffersEachTime() throws Exception {
        assertThat(run("", "new-master-key")).contains(0);
        assertThat(run("", "new-master-key")).contains(0);
        String[] keys = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertThat(keys).hasSize(2);
        assertThat(keys[0]).isNotEqualTo(keys[1]);
        assertThat(Base64.getDecoder().decode(keys[0])).hasSize(32);
        SecretCipher cipher = new SecretCipher(keys[0]);
        assertThat(cipher.decrypt(cipher.encrypt("bí mật"))).isEqualTo("bí mật");
    }

    @Test
    void anythingElseStartsThePlatform() throws Exception {
        assertThat(run("", "--server.port=0")).isEmpty();
        assertThat(run("")).isEmpty();
    }
}
