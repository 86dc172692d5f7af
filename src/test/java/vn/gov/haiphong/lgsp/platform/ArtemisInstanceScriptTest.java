package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.utils.DefaultSensitiveStringCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etc/artemis/create-instance.sh} keeps the passwords it is given off every command line
 * (which every user of the host can read in {@code ps}) and stores them only as hashes the broker
 * accepts. The distribution's {@code bin/artemis} is called through a stand-in that records its
 * arguments and then runs the real one. That the broker lets both users in with these hashes is
 * shown by {@link ClusterKillTest}, which logs in with each.
 */
class ArtemisInstanceScriptTest {

    @Test
    void passwordsNeverReachACommandLineAndAreStoredAsHashesThatVerify(@TempDir Path dir) throws Exception {
        assumeTrue(StandaloneArtemis.distributionPresent(), "the Artemis distribution is unpacked by Maven");
        Path home = Files.createDirectories(dir.resolve("artemis-home"));
        Files.createSymbolicLink(home.resolve("lib"), StandaloneArtemis.HOME.resolve("lib"));
        Path arguments = dir.resolve("artemis-arguments.txt");
        Path artemis = Files.createDirectories(home.resolve("bin")).resolve("artemis");
        Files.writeString(artemis, "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> '" + arguments + "'\nexec '"
                + StandaloneArtemis.HOME.resolve("bin/artemis") + "' \"$@\"\n");
        Files.setPosixFilePermissions(artemis, PosixFilePermissions.fromString("rwxr-xr-x"));

        String admin = "admin-" + UUID.randomUUID();
        String nodes = "nodes-" + UUID.randomUUID();
        Path instance = dir.resolve("instance");
        ProcessBuilder create = new ProcessBuilder("bash", Path.of("etc/artemis/create-instance.sh").toAbsolutePath().toString(),
                home.toString(), instance.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("create.log").toFile());
        create.environment().putAll(Map.of("ARTEMIS_ADMIN_PASSWORD", admin, "LGSP_ARTEMIS_PASSWORD", nodes));
        Process making = create.start();
        try {
            assertThat(making.waitFor(3, TimeUnit.MINUTES)).as("create-instance.sh finished").isTrue();
        } finally {
            // The link, not the distribution's lib/ it points to (JUnit would warn at the temp dir's removal).
            Files.delete(home.resolve("lib"));
        }
        assertThat(making.exitValue()).as(Files.readString(dir.resolve("create.log"))).isZero();

        assertThat(Files.readString(arguments)).as("what bin/artemis was called with").contains("create")
                .doesNotContain(admin).doesNotContain(nodes);
        String usersFile = Files.readString(instance.resolve("etc/artemis-users.properties"));
        assertThat(usersFile).doesNotContain(admin).doesNotContain(nodes);
        Properties users = new Properties();
        users.load(Files.newBufferedReader(instance.resolve("etc/artemis-users.properties")));
        assertThat(users.stringPropertyNames()).containsExactlyInAnyOrder("lgsp-admin", "lgsp");
        DefaultSensitiveStringCodec codec = new DefaultSensitiveStringCodec();
        codec.init(Map.of(DefaultSensitiveStringCodec.ALGORITHM, DefaultSensitiveStringCodec.ONE_WAY));
        assertThat(codec.verify(admin.toCharArray(), unwrap(users.getProperty("lgsp-admin")))).as("admin's hash").isTrue();
        assertThat(codec.verify(nodes.toCharArray(), unwrap(users.getProperty("lgsp")))).as("nodes' hash").isTrue();
        assertThat(codec.verify(admin.toCharArray(), unwrap(users.getProperty("lgsp")))).as("a wrong password").isFalse();
    }

    /** {@code ENC(hash)} as artemis-users.properties holds a hashed password. */
    private static String unwrap(String stored) {
        assertThat(stored).startsWith("ENC(").endsWith(")");
        return stored.substring(4, stored.length() - 1);
    }
}
