package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.LgspApplication;
import vn.gov.haiphong.lgsp.PlatformTestSupport;

/**
 * The prod profile, started as an operator would from a folder with nothing but the jar's own
 * configuration (no etc/) and an incomplete environment, stops at once with one message naming
 * every missing setting and its environment variable, and the JVM exits non-zero: nothing
 * embedded starts in its place.
 */
class RequiredSettingsTest {

    @Test
    void aProdStartWithoutItsSettingsNamesThemAllAndExits() throws Exception {
        Path folder = Path.of("./target/test-data/prod-unset-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(folder);
        Path log = folder.resolve("start.log");
        try {
            ProcessBuilder start = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), LgspApplication.class.getName(),
                    "--spring.profiles.active=prod", "--server.port=0"))
                    .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            start.environment().keySet().removeIf(name -> name.startsWith("LGSP_"));
            start.environment().put("LGSP_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            Process process = start.start();

            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the JVM ended by itself; log: " + log).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            String output = Files.readString(log);
            assertThat(output).contains("APPLICATION FAILED TO START")
                    .contains("These required settings are not set: LGSP_DB_USER (spring.datasource.username), "
                            + "LGSP_ARTEMIS_URL (spring.artemis.broker-url), LGSP_KAFKA_BOOTSTRAP_SERVERS "
                            + "(spring.kafka.bootstrap-servers), LGSP_MASTER_KEY (lgsp.security.master-key), "
                            + "LGSP_OPERATOR_PASSWORD (lgsp.security.accounts[0].password), "
                            + "LGSP_GATEWAY_PUBLIC_URL (lgsp.gateway.public-url).")
                    .doesNotContain("LGSP_DB_URL (")
                    .doesNotContain("\tat ").doesNotContain("Kafka").doesNotContain("Artemis");
        } finally {
            PlatformTestSupport.deleteTree(folder);
        }
    }
}
