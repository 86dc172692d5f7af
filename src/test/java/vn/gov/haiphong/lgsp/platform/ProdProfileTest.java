package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.gov.haiphong.lgsp.LgspApplication;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.PostgresTestSchema;
import vn.gov.haiphong.lgsp.TestHttp;

/**
 * The prod profile takes Artemis, Kafka and PostgreSQL from the environment and starts none of
 * the embedded brokers. Here the "external" services are real ones started beside it: an Artemis
 * broker with a TCP acceptor, a KRaft Kafka broker, and this machine's PostgreSQL.
 */
class ProdProfileTest {

    private final Path workDir = Path.of("./target/test-data/prod-" + UUID.randomUUID().toString().substring(0, 8));
    private PostgresTestSchema schema;
    private EmbeddedActiveMQ artemis;
    private EmbeddedKafkaServer kafka;
    private ConfigurableApplicationContext app;

    @AfterEach
    void stopAll() throws Exception {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        if (artemis != null) {
            artemis.stop();
        }
        if (schema != null) {
            schema.close();
        }
        PlatformTestSupport.deleteTree(workDir);
    }

    @Test
    void prodProfileUsesExternalServicesAndStartsNoEmbeddedBroker() throws Exception {
        schema = PostgresTestSchema.createOrSkip("lgsp_prod", "the prod profile was");
        int artemisPort = freePort();
        artemis = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setName("external-artemis").setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJMXManagementEnabled(false).addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + artemisPort));
        artemis.start();
        int kafkaPort = freePort();
        kafka = new EmbeddedKafkaServer(workDir, Path.of("etc/kafka/embedded-broker.properties"), kafkaPort, freePort());
        kafka.start();

        String password = "prod-test-" + UUID.randomUUID();
        Map<String, Object> env = new HashMap<>(ProdEnvironment.of(schema, "tcp://127.0.0.1:" + artemisPort,
                "unused-by-this-broker", kafka.bootstrapServers(), password));
        env.put("lgsp.data-dir", workDir.toString());
        env.put("lgsp.routes-dir", PlatformTestSupport.ROUTES_DIR);
        env.put("server.port", "0");
        env.put("spring.jmx.enabled", "false");
        env.put("camel.main.jmx-enabled", "false");
        // Command-line arguments: they outrank application.yml (builder "properties" would not).
        // The prod profile's JSON log format would otherwise stay on for every later test in this
        // JVM: logging is global, and Spring Boot also leaves it in system properties
        // (CONSOLE_LOG_STRUCTURED_FORMAT) that a later context's logging set-up reads. So this
        // context does not touch logging, and the system properties are restored afterwards.
        Properties systemProperties = (Properties) System.getProperties().clone();
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            app = new SpringApplicationBuilder(LgspApplication.class).profiles("prod").run(TestArgs.of(env));
        } finally {
            System.setProperties(systemProperties);
        }

        assertThat(app.getBeansOfType(EmbeddedKafkaServer.class)).as("no in-JVM Kafka in prod").isEmpty();
        assertThat(app.getBeansOfType(EmbeddedActiveMQ.class)).as("no in-JVM Artemis in prod").isEmpty();
        assertThat(app.getEnvironment().getProperty("lgsp.demo-data.enabled")).isEqualTo("false");

        String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        String[] operator = {"operator", password};
        var health = TestHttp.get(base + "/actuator/health", operator);
        JsonNode components = new ObjectMapper().readTree(health.body()).path("components");
        assertThat(components.path("db").path("details").path("database").asText()).isEqualTo("PostgreSQL");
        for (String component : new String[] {"db", "jms", "kafka"}) {
            assertThat(components.path(component).path("status").asText()).as(component).isEqualTo("UP");
        }
        // Routing tables come from the database in prod: at the first start the files became version 1.
        assertThat(app.getEnvironment().getProperty("lgsp.routing.source")).isEqualTo("database");
        assertThat(app.getBean(vn.gov.haiphong.lgsp.platform.routing.RoutingTables.class).status().active().version())
                .isEqualTo(1L);
        // An empty registry (no demo data), and the dev accounts do not exist here.
        var agencies = TestHttp.get(base + "/api/admin/agencies", operator);
        assertThat(agencies.statusCode()).isEqualTo(200);
        assertThat(agencies.body()).isEqualTo("[]");
        assertThat(TestHttp.get(base + "/api/admin/agencies", new String[] {"operator", "operator-dev-2025"})
                .statusCode()).isEqualTo(401);
        assertBrowserCookiesAreSecure(base, password);
    }

    /** Production is reached over HTTPS: the session and CSRF cookies are never sent over plain HTTP. */
    private static void assertBrowserCookiesAreSecure(String base, String password) {
        HttpResponse<String> loginPage = TestHttp.get(base + "/login", null);
        String tokenCookie = loginPage.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertThat(tokenCookie).contains("Secure").contains("SameSite=Strict");
        Matcher formToken = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(formToken.find()).isTrue();
        HttpResponse<String> login = TestHttp.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .header("Cookie", tokenCookie.split(";")[0])
                .POST(HttpRequest.BodyPublishers.ofString("username=operator&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(formToken.group(1), StandardCharsets.UTF_8))).build());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
