package vn.gov.haiphong.lgsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.gov.haiphong.lgsp.security.OperatorAccounts;

/**
 * The one Spring context most tests share: the whole platform as the default profile starts it
 * (embedded H2, Artemis and Kafka, demo data, routes from a copy of {@code routes/}), on random
 * ports and under {@code target/test-data/}. Subclasses add no configuration of their own, so
 * the context is built once per test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lgsp.data-dir=" + PlatformTestSupport.DATA_DIR,
        "lgsp.routes-dir=" + PlatformTestSupport.ROUTES_DIR,
        "lgsp.kafka.embedded.port=0",
        "lgsp.events.outbox-poll=200ms",
        // Redelivery as in production (exponential backoff, ceiling, dead letter), only faster.
        "lgsp.artemis.redelivery-delay=200ms",
        "lgsp.artemis.max-redelivery-delay=800ms",
        "lgsp.artemis.max-delivery-attempts=4",
        // The hd.legacy.* pattern subscription notices a topic created by a test within a second.
        "lgsp.warehouse.hd-sync.topic-refresh=1s",
        // Tests of event-driven refresh must not be masked by the periodic safety-net reload.
        "lgsp.registry.refresh-interval=1h",
        // @SpringBootTest turns Spring's JMX export off; application.yml turns it on, and Hawtio
        // shows the platform's own MBeans (lgsp:type=MessageLog, lgsp:type=Exchange) through it.
        "spring.jmx.enabled=true",
        // Gateway circuit breakers: open after 4 calls of which half failed, try again after 2 s.
        "lgsp.gateway.circuit-breaker.sliding-window=4",
        "lgsp.gateway.circuit-breaker.minimum-calls=4",
        "lgsp.gateway.circuit-breaker.wait-in-open-state=2s",
        // Login locks as in production (doubling, bounded), only shorter: 8 s, at most 32 s (long enough for two requests on a loaded machine).
        "lgsp.security.login-throttle.initial-lock=8s",
        "lgsp.security.login-throttle.max-lock=32s",
        // Unlike the embedded broker's defaults (7 days, min.insync 1), so EventTopicsTest sees the declared settings applied.
        "lgsp.kafka.topics.retention=3d"})
@CamelSpringBootTest
// Operators see Camel through JMX (Hawtio); the tests check exactly that, so keep it on.
@DisableJmx(false)
@AutoConfigureObservability
public abstract class PlatformTestSupport {

    public static final String DATA_DIR = "./target/test-data/shared";
    public static final String ROUTES_DIR = "./target/test-data/routes";

    static {
        // A clean platform per test JVM: fresh database, journal and Kafka log; the real routing tables.
        try {
            deleteTree(Path.of(DATA_DIR));
            deleteTree(Path.of(ROUTES_DIR));
            Files.createDirectories(Path.of(ROUTES_DIR));
            try (Stream<Path> routes = Files.list(Path.of("routes"))) {
                for (Path route : routes.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                    Files.copy(route, Path.of(ROUTES_DIR).resolve(route.getFileName()));
                }
            }
            // And the routing tables' cases, which every reload runs.
            Files.createDirectories(Path.of(ROUTES_DIR, "tests"));
            try (Stream<Path> cases = Files.list(Path.of("routes", "tests"))) {
                for (Path file : cases.toList()) {
                    Files.copy(file, Path.of(ROUTES_DIR, "tests").resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected OperatorAccounts accounts;

    @Autowired
    protected ObjectMapper json;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Username and plain password of the first dev account with this role (from etc/dev/dev-secrets.yml). */
    protected String[] credentialsWithRole(String role) {
        OperatorAccounts.Account account = accounts.accounts().stream().filter(a -> a.roles().contains(role)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No dev account with role " + role));
        return new String[] {account.username(), account.password().replaceFirst("^\\{noop}", "")};
    }

    protected JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts an RFC 9457 refusal with this status and catalogue code, and returns its body. */
    protected JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonNode problem = read(response.body());
        assertThat(problem.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    /** An announcement a test sends, e.g. an event on Kafka. */
    @FunctionalInterface
    public interface Announcement {
        void send() throws Exception;
    }

    /**
     * Sends the announcement until {@code seen} holds, waiting 5 s after each, at most 12 times: a
     * consumer that starts at the latest offset misses what was sent before it joined its group.
     */
    public static void announceUntil(Announcement announcement, Callable<Boolean> seen) throws Exception {
        for (int attempt = 1; ; attempt++) {
            announcement.send();
            try {
                await().atMost(Duration.ofSeconds(5)).until(seen);
                return;
            } catch (ConditionTimeoutException e) {
                if (attempt == 12) {
                    throw e;
                }
            }
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
