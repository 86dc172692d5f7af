package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import vn.gov.haiphong.lgsp.LgspApplication;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AgencyInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * A restart keeps every agency, system and queued message: the platform is stopped and started
 * again on the same data directory, and finds its registry, its Artemis queue and its Kafka log.
 */
class PlatformRestartTest {

    private final Path dataDir = Path.of("./target/test-data/restart-" + UUID.randomUUID().toString().substring(0, 8));
    private ConfigurableApplicationContext app;

    private ConfigurableApplicationContext start() {
        // Command-line arguments: they outrank application.yml (builder "properties" would not).
        return new SpringApplicationBuilder(LgspApplication.class).run(TestArgs.of(Map.of(
                "lgsp.data-dir", dataDir.toString(),
                "lgsp.routes-dir", PlatformTestSupport.ROUTES_DIR,
                "lgsp.kafka.embedded.port", "0",
                "server.port", "0",
                // A second platform in this JVM beside the shared test one: keep out of JMX.
                "spring.jmx.enabled", "false",
                "camel.main.jmx-enabled", "false",
                "lgsp.artemis.jmx-enabled", "false",
                "management.endpoints.web.exposure.include", "health")));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        PlatformTestSupport.deleteTree(dataDir);
    }

    @Test
    void restartKeepsRegistryQueuedMessagesAndKafkaLog() {
        String queue = "lgsp.test.restart";
        String topic = "lgsp.test.restart";
        String payload = "văn bản chờ giao " + UUID.randomUUID();

        app = start();
        int agenciesAfterDemo = JdbcClient.create(app.getBean(javax.sql.DataSource.class))
                .sql("SELECT COUNT(*) FROM agency").query(Integer.class).single();
        assertThat(agenciesAfterDemo).as("demo data loaded on the empty database").isGreaterThan(50);
        app.getBean(RegistryService.class).createAgency(new AgencyInput("000.00.99.H27", "Sở thử nghiệm khởi động lại",
                "000.00.00.H27", Region.HP, null, null, null, null, null), "restart-test");
        app.getBean(JmsTemplate.class).convertAndSend(queue, payload);
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, String> kafka = app.getBean(KafkaTemplate.class);
        kafka.send(topic, "k", payload).join();
        app.close();

        app = start();
        JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
        assertThat(app.getBean(AgencyResolver.class).resolve("000.00.99.H27")).isPresent();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM agency").query(Integer.class).single())
                .as("demo data is not loaded a second time").isEqualTo(agenciesAfterDemo + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connected_system").query(Integer.class).single()).isEqualTo(4);

        JmsTemplate jms = app.getBean(JmsTemplate.class);
        jms.setReceiveTimeout(10_000);
        assertThat(jms.receive(queue)).isInstanceOfSatisfying(TextMessage.class, m -> {
            try {
                assertThat(m.getText()).isEqualTo(payload);
            } catch (jakarta.jms.JMSException e) {
                throw new AssertionError(e);
            }
        });

        Map<String, Object> config = app.getBean(KafkaProperties.class).buildConsumerProperties(null);
        config.put("group.id", "restart-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String found = null;
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    found = record.value();
                }
            }
            assertThat(found).isEqualTo(payload);
        }
    }
}
