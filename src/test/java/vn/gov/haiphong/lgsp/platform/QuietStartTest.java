package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.ChildPlatform;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestSupport;

/**
 * What a newcomer sees on a first {@code mvn spring-boot:run}: a fresh platform (default profile,
 * empty data directory, its health polled while it starts, as a person or a script does) logs
 * no warning and no error until it is healthy, and when its health first answers UP the demo
 * data is there.
 */
class QuietStartTest {

    /** A log line at WARN or ERROR (the console pattern: time, level, thread, logger), or a JVM/System.err warning. */
    private static final Pattern WARNING = Pattern.compile(
            "^\\S+\\s+(WARN|ERROR)\\s.*|^(WARNING|SEVERE|ERROR)\\b.*|.*(Commons Logging discovery|VM warning).*");

    private final Path dataDir = Path.of("./target/test-data/quiet-start-" + UUID.randomUUID().toString().substring(0, 8));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ChildPlatform platform;

    @AfterEach
    void cleanUp() throws Exception {
        if (platform != null) {
            platform.close();
        }
        PlatformTestSupport.deleteTree(dataDir);
    }

    @Test
    void aFirstStartIsQuietAndHealthyOnlyWithItsDemoData() throws Exception {
        platform = new ChildPlatform(dataDir, Map.of()).start(Duration.ofMinutes(4));

        // At once, on the first UP: the registry answers with the demo agencies and their systems.
        JsonNode homeAffairs = resolve(VdxpTestSupport.HOME_AFFAIRS);
        JsonNode legacyCity = resolve("000.00.00.H26");
        List<String> log = Files.readAllLines(platform.log(), StandardCharsets.UTF_8);

        assertThat(homeAffairs.path("agency").path("code").asText()).isEqualTo(VdxpTestSupport.HOME_AFFAIRS);
        assertThat(homeAffairs.path("servedBy").toString()).contains(VdxpTestSupport.HOME_AFFAIRS_SYSTEM);
        assertThat(legacyCity.path("viaAlias").asBoolean()).as("the Hải Dương registry's alias").isTrue();
        assertThat(legacyCity.path("agency").path("code").asText()).isEqualTo("000.00.00.H27");
        assertThat(log).as("the demo data was loaded before health was UP")
                .anyMatch(line -> line.contains("Demo data loaded:"))
                .anyMatch(line -> line.contains("Gateway demo data loaded:"));
        assertThat(log).as("WARN and ERROR lines from start to healthy (" + platform.log() + ")")
                .filteredOn(line -> WARNING.matcher(line).matches())
                .isEmpty();
    }

    private JsonNode resolve(String code) throws Exception {
        String admin = Base64.getEncoder().encodeToString("admin:admin-dev-2025".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(platform.baseUrl() + "/api/admin/resolve/" + code))
                .header("Authorization", "Basic " + admin).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("resolve " + code + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
