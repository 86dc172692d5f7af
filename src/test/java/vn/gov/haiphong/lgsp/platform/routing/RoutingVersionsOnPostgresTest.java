package vn.gov.haiphong.lgsp.platform.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.BrowserSupport;
import vn.gov.haiphong.lgsp.BrowserSupport.Browser;
import vn.gov.haiphong.lgsp.InJvmPlatform;
import vn.gov.haiphong.lgsp.PostgresTestSchema;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.exchange.delivery.RoutingTable;

/**
 * The routing tables as production keeps them (lgsp.routing.source=database) on PostgreSQL: the
 * files become version 1 at the first start; an administrator deploys a version (checked first,
 * stored, audited, live); a set that breaks a case is refused and nothing is stored; a version
 * activated by another node (straight in the shared database) is live here within a poll; an
 * earlier version is made active again through the API and in the console (the way back).
 */
class RoutingVersionsOnPostgresTest {

    private static final String[] ADMIN = {"admin", "admin-dev-2025"};
    private static final String[] OPERATOR = {"operator", "operator-dev-2025"};
    private static final RoutingTable.Facts RELAYED = new RoutingTable.Facts("000.00.61.H27", true, true, "hd.lgsp-cu",
            "RELAY", "edoc");
    /** The relay rule's target in routes/document-routing.camel.yaml, as written there. */
    static final String RELAY_TARGET_RULE = "                      constant: relay\n                  - setHeader:\n"
            + "                      name: lgspTarget\n                      simple: \"${header.lgspSystemId}\"\n";
    private final ObjectMapper json = new ObjectMapper();

    @RegisterExtension
    final BrowserSupport browsers = new BrowserSupport();
    private PostgresTestSchema schema;
    private InJvmPlatform platform;
    private String base;

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void versionsAreCheckedStoredAuditedSharedAndReversible() throws Exception {
        schema = PostgresTestSchema.createOrSkip("lgsp_pgroute", "routing versions on PostgreSQL were");
        platform = new InJvmPlatform("pg-routing", schema.jdbcUrl());
        Path routes = platform.dataDir().resolve("routes");
        Files.createDirectories(routes.resolve("tests"));
        RouteFiles shipped = RouteFiles.fromDirectory(Path.of("routes"));
        for (var t : shipped.tables().entrySet()) {
            Files.writeString(routes.resolve(t.getKey()), t.getValue());
        }
        for (var c : shipped.cases().entrySet()) {
            Files.writeString(routes.resolve("tests").resolve(c.getKey()), c.getValue());
        }
        platform.with("lgsp.routes-dir", routes).with("lgsp.routing.source", "database")
                .with("lgsp.routing.poll-interval", "300ms").start();
        base = platform.baseUrl();
        RoutingTable routingTable = platform.context().getBean(RoutingTable.class);

        // The files became version 1.
        JsonNode status = get("/api/admin/routing", OPERATOR);
        assertThat(status.path("source").asText()).isEqualTo("database");
        assertThat(status.path("active").path("version").asLong()).isEqualTo(1);
        assertThat(status.path("active").path("sha256").asText()).isEqualTo(shipped.sha256());
        assertThat(get("/api/admin/routing/versions", OPERATOR).get(0).path("author").asText()).isEqualTo("platform");

        // A new rule with its case: version 2, live, audited.
        Map<String, String> tables = new HashMap<>(shipped.tables());
        assertThat(tables.get("document-routing.camel.yaml")).contains(RELAY_TARGET_RULE);
        tables.put("document-routing.camel.yaml", tables.get("document-routing.camel.yaml").replace(RELAY_TARGET_RULE,
                RELAY_TARGET_RULE.replace("simple: \"${header.lgspSystemId}\"", "constant: hd.lgsp-cu-2")));
        Map<String, String> cases = new HashMap<>(shipped.cases());
        cases.put("document-routing.yaml", cases.get("document-routing.yaml").replace(
                "lgspRoute: relay\n        lgspTarget: hd.lgsp-cu\n", "lgspRoute: relay\n        lgspTarget: hd.lgsp-cu-2\n"));
        HttpResponse<String> deployed = post("/api/admin/routing/versions", ADMIN,
                Map.of("tables", tables, "cases", cases, "comment", "relay through the second relay system"));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        assertThat(json.readTree(deployed.body()).path("version").asLong()).isEqualTo(2);
        assertThat(routingTable.decide(RELAYED)).map(RoutingTable.Decision::targetSystem).contains("hd.lgsp-cu-2");
        JdbcTemplate db = new JdbcTemplate(schema.dataSource());
        assertThat(db.queryForList("SELECT actor FROM message_log WHERE kind = 'ROUTING_DEPLOYED' AND message_id = 'routing-v2'",
                String.class)).containsExactly("admin");

        // The rule without its case: refused, nothing stored, version 2 keeps routing.
        HttpResponse<String> refused = post("/api/admin/routing/versions", ADMIN, Map.of("tables", tables,
                "cases", shipped.cases()));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("code").asText()).isEqualTo("LGSP-400");
        assertThat(problem.path("problems").get(0).path("message").asText())
                .isEqualTo("lgspTarget expected \"hd.lgsp-cu\", got \"hd.lgsp-cu-2\"");
        assertThat(get("/api/admin/routing/versions", OPERATOR)).hasSize(2);
        // Deploying is for administrators.
        assertThat(post("/api/admin/routing/versions", OPERATOR, Map.of("tables", tables)).statusCode()).isEqualTo(403);

        // Another node makes version 1 active (in the shared database): live here within a poll.
        new RoutingVersions(db, json).activate(1, "other-node-admin");
        await().atMost(Duration.ofSeconds(10)).until(() -> routingTable.decide(RELAYED)
                .map(RoutingTable.Decision::targetSystem).orElse("").equals("hd.lgsp-cu"));
        assertThat(get("/api/admin/routing", OPERATOR).path("active").path("version").asLong()).isEqualTo(1);

        // The way back to version 2, through the API.
        HttpResponse<String> activated = post("/api/admin/routing/versions/2/activate", ADMIN, null);
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        assertThat(routingTable.decide(RELAYED)).map(RoutingTable.Decision::targetSystem).contains("hd.lgsp-cu-2");
        assertThat(db.queryForList("SELECT message_id FROM message_log WHERE kind = 'ROUTING_ACTIVATED'", String.class))
                .containsExactly("routing-v2");
        assertThat(post("/api/admin/routing/versions/9/activate", ADMIN, null).statusCode()).isEqualTo(404);

        // And back to version 1 in the console, as an administrator.
        Browser browser = browsers.open("routing-versions");
        browser.login(base + "/console/routing", ADMIN[0], ADMIN[1]);
        browser.waitForText(Duration.ofSeconds(20), "Các phiên bản", "relay through the second relay system");
        assertThat(browser.find(By.id("version-2")).getText()).contains("Đang chạy");
        browser.find(By.id("activate-1")).click();
        browser.waitForText(Duration.ofSeconds(20), "Phiên bản 1 đã được kích hoạt.");
        assertThat(browser.find(By.id("version-1")).getText()).contains("Đang chạy");
        assertThat(routingTable.decide(RELAYED)).map(RoutingTable.Decision::targetSystem).contains("hd.lgsp-cu");
        assertThat(db.queryForList("SELECT actor FROM message_log WHERE kind = 'ROUTING_ACTIVATED' AND message_id = 'routing-v1'",
                String.class)).containsExactly("admin");
    }

    /**
     * Two nodes' administrators activate versions at the same moment: each activation takes the
     * versions' row locks first, so the second sees what the first committed and exactly one
     * version is active after both.
     */
    @Test
    void twoActivationsAtOnceLeaveExactlyOneActiveVersion() throws Exception {
        schema = PostgresTestSchema.createOrSkip("lgsp_pgroute", "routing versions on PostgreSQL were");
        schema.migrate();
        JdbcTemplate db = new JdbcTemplate(schema.dataSource());
        RoutingVersions versions = new RoutingVersions(db, json);
        RouteFiles shipped = RouteFiles.fromDirectory(Path.of("routes"));
        versions.storeActive(shipped, "admin", "first");
        versions.storeActive(shipped, "admin", "second");
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(schema.dataSource()));
        CountDownLatch firstActivated = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = nodes.submit(() -> transaction.executeWithoutResult(status -> {
                versions.activate(1, "node-a");
                firstActivated.countDown();
                try {
                    firstMayCommit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(firstActivated.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> second = nodes.submit(() -> transaction.executeWithoutResult(status -> versions.activate(2, "node-b")));
            Thread.sleep(500); // the second is now waiting on the first's row locks
            firstMayCommit.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            nodes.shutdownNow();
        }
        assertThat(db.queryForList("SELECT version FROM routing_version WHERE active", Long.class)).containsExactly(2L);
    }

    private JsonNode get(String path, String[] who) throws Exception {
        HttpResponse<String> response = TestHttp.get(base + path, who);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String[] who, Object body) throws Exception {
        return TestHttp.send("POST", base + path, who, body == null ? null : "application/json",
                body == null ? null : json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }
}
