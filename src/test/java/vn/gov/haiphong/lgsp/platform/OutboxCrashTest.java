package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.LgspApplication;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;

/**
 * The outbox survives a crash between the database commit and the Kafka publish: a platform in
 * a child JVM commits data changes with outbox publishing switched off (lgsp.events.publish=
 * false, so the events are committed but not sent), is killed (SIGKILL, no shutdown hook), and
 * started again on the same data directory; each change is then on its topic exactly once.
 */
class OutboxCrashTest {

    private static final Duration START_PATIENCE = Duration.ofMinutes(6);
    private static final String[] SONV = {"hp.sonv.qlvb", "hp-sonv-dev-secret-2025"};
    private static final String TOPIC = "lgsp.data.document-types";

    private final Path dataDir = Path.of("./target/test-data/outbox-crash-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath().normalize();
    private final List<Process> children = new ArrayList<>();
    private int httpPort;
    private int kafkaPort;
    private int controllerPort;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process child : children) {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        PlatformTestSupport.deleteTree(dataDir);
    }

    private String dbUrl() {
        // AUTO_SERVER: the test reads the child's outbox table while the child holds the database.
        // Deliberately without WRITE_DELAY=0: commits must be durable whatever URL an operator sets.
        return "jdbc:h2:file:" + dataDir.resolve("db/lgsp") + ";AUTO_SERVER=TRUE";
    }

    private Process start(boolean publish, int run) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("lgsp.data-dir", dataDir);
        settings.put("spring.datasource.url", dbUrl());
        settings.put("lgsp.routes-dir", Path.of(PlatformTestSupport.ROUTES_DIR).toAbsolutePath().normalize());
        settings.put("server.port", httpPort);
        settings.put("lgsp.kafka.embedded.port", kafkaPort);
        settings.put("lgsp.kafka.embedded.controller-port", controllerPort);
        settings.put("lgsp.events.publish", publish);
        settings.put("lgsp.events.outbox-poll", "200ms");
        settings.put("spring.jmx.enabled", false);
        settings.put("camel.main.jmx-enabled", false);
        settings.put("lgsp.artemis.jmx-enabled", false);
        settings.put("management.endpoints.web.exposure.include", "health");
        // Readiness turns UP only after the start-up runners (demo registry and systems) finished.
        settings.put("management.endpoint.health.probes.enabled", true);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                LgspApplication.class.getName()));
        command.addAll(List.of(TestArgs.of(settings)));
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("child-" + run + ".log");
        Process child = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(child);
        Awaitility.await().atMost(START_PATIENCE).pollInterval(Duration.ofSeconds(1))
                .failFast("the child platform did not start: " + log, () -> !child.isAlive()
                        || Files.readString(log).contains("Application run failed"))
                .until(() -> {
                    try {
                        var health = TestHttp.get("http://localhost:" + httpPort + "/actuator/health/readiness", null);
                        return health.statusCode() == 200 && health.body().contains("\"UP\"");
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
        return child;
    }

    /** Unpublished outbox rows of the topic per key. */
    private Map<String, Integer> pending() throws SQLException {
        Map<String, Integer> pending = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(dbUrl(), "sa", "");
             ResultSet rs = connection.createStatement().executeQuery("SELECT event_key, COUNT(*) FROM event_outbox "
                     + "WHERE topic = '" + TOPIC + "' AND published_at IS NULL AND event_key LIKE 'T-O-%' "
                     + "GROUP BY event_key ORDER BY event_key")) {
            while (rs.next()) {
                pending.put(rs.getString(1), rs.getInt(2));
            }
        }
        return pending;
    }

    private long pendingAll() throws SQLException {
        try (Connection connection = DriverManager.getConnection(dbUrl(), "sa", "");
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void write(String code, String name) {
        var answer = TestHttp.send("POST", "http://localhost:" + httpPort + "/api/data/document-types", SONV,
                "application/json", ("[{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}]")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void eventsCommittedButNotPublishedBeforeAKillArePublishedExactlyOnceAfterRestart() throws Exception {
        httpPort = freePort();
        kafkaPort = freePort();
        controllerPort = freePort();

        Process first = start(false, 1);
        write("T-O-1", "Văn bản trước sự cố");
        write("T-O-1", "Văn bản trước sự cố (sửa)");
        write("T-O-2", "Văn bản thứ hai");
        assertThat(pending()).as("committed, not published").containsExactly(Map.entry("T-O-1", 2), Map.entry("T-O-2", 1));
        first.destroyForcibly();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed, not stopped").isNotZero();

        start(true, 2);
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of("localhost:" + kafkaPort));
        try (EventTopicReader reader = new EventTopicReader(kafka, new ObjectMapper(), TOPIC)) {
            // The restarted child publishes its whole backlog (demo data of every dataset and the
            // registry) to topics its broker creates only now; on a busy machine that takes a while.
            reader.patience(Duration.ofSeconds(90));
            reader.await("T-O-2 version 1", e -> e.path("key").asText().equals("T-O-2"));
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> pendingAll() == 0);
            List<String> published = reader.readToEnd().stream().filter(r -> r.key().startsWith("T-O-"))
                    .map(r -> r.key() + " v" + r.value().path("data").path("version").asLong() + " "
                            + r.value().path("data").path("row").path("name").asText())
                    .toList();
            assertThat(published).containsExactly("T-O-1 v1 Văn bản trước sự cố", "T-O-1 v2 Văn bản trước sự cố (sửa)",
                    "T-O-2 v1 Văn bản thứ hai");
        }
        assertThat(pending()).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
