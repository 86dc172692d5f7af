package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.security.Roles;

/** The embedded parts are real and wired: health, brokers round-trip, YAML routes live, metrics. */
@ExtendWith(OutputCaptureExtension.class)
class PlatformInfrastructureTest extends PlatformTestSupport {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ConsumerTemplate consumer;
    @Autowired
    EmbeddedActiveMQ artemis;
    @Test
    void healthListsDatabaseArtemisKafkaAndCamelAsUp() throws Exception {
        var response = TestHttp.get(baseUrl() + "/actuator/health", credentialsWithRole(Roles.OPERATOR));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode components = json.readTree(response.body()).path("components");
        for (String component : new String[] {"db", "jms", "kafka", "camelHealth"}) {
            assertThat(components.path(component).path("status").asText()).as(component).isEqualTo("UP");
        }
        assertThat(components.path("kafka").path("details").path("nodes").asInt()).isEqualTo(1);
    }

    /**
     * A load balancer asks readiness: what this node needs to serve (its database), not Artemis or
     * Kafka, whose outages the delivery table and the event outbox buffer (ArtemisOutageTest).
     * Liveness is the process alone.
     */
    @Test
    void readinessIsTheDatabaseNotTheBrokersAndLivenessIsTheProcess() throws Exception {
        var readiness = TestHttp.get(baseUrl() + "/actuator/health/readiness", credentialsWithRole(Roles.OPERATOR));
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).path("components").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("readinessState", "db");
        var liveness = TestHttp.get(baseUrl() + "/actuator/health/liveness", null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).path("status").asText()).isEqualTo("UP");
        var livenessDetails = TestHttp.get(baseUrl() + "/actuator/health/liveness", credentialsWithRole(Roles.OPERATOR));
        assertThat(json.readTree(livenessDetails.body()).path("components").properties()).extracting(Map.Entry::getKey)
                .containsExactly("livenessState");
    }

    @Test
    void anonymousHealthShowsComponentStatusButNoDetails() throws Exception {
        var response = TestHttp.get(baseUrl() + "/actuator/health", null);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("db").has("details")).isFalse();
    }

    @Test
    void messageSentToArtemisComesBack() {
        String queue = "jms:queue:lgsp.test.roundtrip-" + UUID.randomUUID();
        producer.sendBody(queue, "xin chào Artemis");
        assertThat(consumer.receiveBody(queue, 10_000, String.class)).isEqualTo("xin chào Artemis");
    }

    @Test
    void messageSentToKafkaComesBack() {
        String topic = "lgsp.test.roundtrip-" + UUID.randomUUID();
        String payload = "xin chào Kafka " + UUID.randomUUID();
        producer.sendBodyAndHeader("kafka:" + topic, payload, "kafka.KEY", "k1");
        String received = consumer.receiveBody("kafka:" + topic + "?groupId=test-" + UUID.randomUUID()
                + "&autoOffsetReset=earliest", 30_000, String.class);
        assertThat(received).isEqualTo(payload);
    }

    @Test
    void artemisHasTheRedeliveryPolicyAndDeadLetterAddress() {
        AddressSettings settings = artemis.getActiveMQServer().getAddressSettingsRepository().getMatch("lgsp.any.queue");
        // The tests' own (faster) policy, PlatformTestSupport: exponential backoff with a ceiling.
        assertThat(settings.getMaxDeliveryAttempts()).isEqualTo(4);
        assertThat(settings.getRedeliveryMultiplier()).isEqualTo(2.0);
        assertThat(settings.getRedeliveryDelay()).isEqualTo(200);
        assertThat(settings.getMaxRedeliveryDelay()).isEqualTo(800);
        assertThat(settings.getDeadLetterAddress().toString()).isEqualTo("DLA");
        assertThat(artemis.getActiveMQServer().getConfiguration().isPersistenceEnabled()).isTrue();
        assertThat(Path.of(artemis.getActiveMQServer().getConfiguration().getJournalDirectory()).toAbsolutePath())
                .startsWith(Path.of(DATA_DIR).toAbsolutePath());
    }

    @Test
    void yamlRouteDroppedIntoRoutesIsLive() throws Exception {
        String id = "test-dropped-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(Path.of(ROUTES_DIR, id + ".camel.yaml"), """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - setBody:
                            simple: "route ${body}"
                """.formatted(id, id));
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute(id) != null);
        assertThat(producer.requestBody("direct:" + id, "live", String.class)).isEqualTo("route live");
        // Reloading added a route and kept every Java-defined one.
        assertThat(camel.getRoute("registry-events-refresh")).isNotNull();
        assertThat(camel.getRoute("registry-changes-log")).isNotNull();
    }

    @Test
    void shippedRoutingTablesAreLoaded() {
        assertThat(camel.getRoute("registry-changes-log")).isNotNull();
        assertThat(camel.getRouteController().getRouteStatus("registry-changes-log").isStarted()).isTrue();
    }

    @Test
    void aLoggedExceptionStaysOnItsEventsLine(CapturedOutput output) {
        String marker = "one-line-check-" + UUID.randomUUID();
        LoggerFactory.getLogger("lgsp.test").error(marker, new IllegalStateException("boom", new RuntimeException("cause")));
        String line = output.getOut().lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        assertThat(line).contains("IllegalStateException: boom").contains(" | at ").contains("Caused by: java.lang.RuntimeException");
        assertThat(output.getOut().lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by"))).isEmpty();
    }

    @Test
    void prometheusExposesCamelAndJvmMetricsToOperators() {
        var response = TestHttp.get(baseUrl() + "/actuator/prometheus", credentialsWithRole(Roles.OPERATOR));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("camel_exchanges_total").contains("jvm_memory_used_bytes");
        assertThat(TestHttp.get(baseUrl() + "/actuator/prometheus", null).statusCode()).isEqualTo(401);
    }
}
