package vn.gov.haiphong.lgsp.platform.messagelog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.security.Roles;

/** The message log in the running platform: its background sealer, admin API, JMX and metrics. */
class MessageLogAdminTest extends PlatformTestSupport {

    static final String LOG = "/api/admin/message-log";

    @Autowired
    MessageLog messageLog;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    HttpResponse<String> search(String query, String[] credentials) {
        return TestHttp.get(baseUrl() + LOG + query, credentials);
    }

    HttpResponse<String> verify(String[] credentials) {
        return TestHttp.send("POST", baseUrl() + LOG + "/verify", credentials, null, null);
    }

    @Test
    void onlyOperatorsAndAdminsReadOrVerifyTheLog() {
        for (String role : List.of(Roles.ADMIN, Roles.OPERATOR)) {
            String[] who = credentialsWithRole(role);
            assertThat(search("", who).statusCode()).as(role).isEqualTo(200);
            HttpResponse<String> verified = verify(who);
            assertThat(verified.statusCode()).as(role + ": " + verified.body()).isEqualTo(200);
            assertThat(read(verified.body()).path("ok").isBoolean()).isTrue();
        }
        String[] officer = credentialsWithRole(Roles.AGENCY_OFFICER);
        assertProblem(search("", officer), 403, "LGSP-403");
        assertProblem(verify(officer), 403, "LGSP-403");
        assertProblem(search("", null), 401, "LGSP-401");
        assertProblem(verify(null), 401, "LGSP-401");
        String[] admin = credentialsWithRole(Roles.ADMIN);
        assertProblem(verify(new String[] {admin[0], "wrong-password"}), 401, "LGSP-401");
    }

    @Test
    void concurrentAppendsAreAllSealedByTheBackgroundSealerIntoOneVerifiedChain() throws Exception {
        int threads = 6;
        int perThread = 100;
        String run = "concurrent-" + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String id = run + "-" + thread + "-" + i;
                        // half in a caller's transaction, half in their own
                        if (i % 2 == 0) {
                            transaction.executeWithoutResult(s -> messageLog.append(entry(id)));
                        } else {
                            messageLog.append(entry(id));
                        }
                    }
                }));
            }
            for (Future<?> appender : appenders) {
                appender.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messageLog.unsealedCount() == 0);
        long ours = jdbc.sql("SELECT COUNT(*) FROM message_log WHERE message_id LIKE ? AND chain_seq IS NOT NULL")
                .param(run + "-%").query(Long.class).single();
        assertThat(ours).isEqualTo((long) threads * perThread);
        // Every seq up to the head exactly once (read the head first: sealing may go on meanwhile).
        long head = messageLog.head().seq();
        Map<String, Object> chain = jdbc.sql("SELECT COUNT(*) AS c, COUNT(DISTINCT chain_seq) AS d, MIN(chain_seq) AS lo "
                + "FROM message_log WHERE chain_seq <= ?").param(head).query().singleRow();
        assertThat(((Number) chain.get("c")).longValue()).as("no gaps").isEqualTo(head);
        assertThat(((Number) chain.get("d")).longValue()).as("no duplicates").isEqualTo(head);
        assertThat(((Number) chain.get("lo")).longValue()).isEqualTo(1);

        HttpResponse<String> response = verify(credentialsWithRole(Roles.ADMIN));
        JsonNode report = read(response.body());
        assertThat(report.path("ok").asBoolean()).as(response.body()).isTrue();
        assertThat(report.path("checkedRows").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(report.path("headSeq").asLong()).isEqualTo(report.path("checkedRows").asLong());
        assertThat(report.path("headHash").asText()).matches("[0-9a-f]{64}");
        assertThat(report.path("unsealedRows").isIntegralNumber()).isTrue();
        assertThat(report.path("firstBreak").isNull()).isTrue();
    }

    static MessageLogEntry entry(String id) {
        return new MessageLogEntry("GATEWAY_CALL", id, "test.gateway", "000.00.02.H27", "000.60.71.H27",
                "test-route", "200", null, 42L, Map.of("thread", Thread.currentThread().getName()));
    }

    @Test
    void searchFiltersByKindTimeAndPagesNewestFirst() {
        String run = "search-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            messageLog.append(new MessageLogEntry("EXCHANGE_REPLAYED", run, "operator", null, null, null, "OK", null,
                    null, Map.of("i", i)));
        }
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        JsonNode page = read(search("?messageId=" + run + "&kind=EXCHANGE_REPLAYED&size=2", operator).body());
        assertThat(page.path("more").asBoolean()).isTrue();
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("items").get(0).path("detail").path("i").asInt()).isEqualTo(2);
        assertThat(page.path("items").get(1).path("detail").path("i").asInt()).isEqualTo(1);
        JsonNode second = read(search("?messageId=" + run + "&size=2&page=1", operator).body());
        assertThat(second.path("more").asBoolean()).isFalse();
        assertThat(second.path("items").get(0).path("detail").path("i").asInt()).isEqualTo(0);
        assertThat(read(search("?messageId=" + run + "&kind=GATEWAY_CALL", operator).body()).path("items")).isEmpty();
        assertThat(read(search("?messageId=" + run + "&from=2999-01-01T00:00:00Z", operator).body()).path("items"))
                .isEmpty();
        assertThat(read(search("?messageId=" + run + "&from=2025-01-01T07:00:00%2B07:00&to=2999-01-01T00:00:00Z",
                operator).body()).path("items")).hasSize(3);
    }

    @Test
    void badSearchParametersAreRefusedNamingTheField() {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        assertThat(assertProblem(search("?page=-1", operator), 400, "LGSP-400").path("fields").has("page")).isTrue();
        assertThat(assertProblem(search("?size=201", operator), 400, "LGSP-400").path("fields").has("size")).isTrue();
        assertThat(assertProblem(search("?from=yesterday", operator), 400, "LGSP-400").path("fields").has("from"))
                .isTrue();
        assertThat(assertProblem(search("?kind=" + "K".repeat(41), operator), 400, "LGSP-400").path("fields")
                .has("kind")).isTrue();
        assertProblem(search("?page=abc", operator), 400, "LGSP-400");
    }

    @Test
    void hawtioSeesTheLogAsAnMBeanAndPrometheusItsBacklog() throws Exception {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        JsonNode head = jolokia(operator, "{\"type\":\"read\",\"mbean\":\"lgsp:type=MessageLog\",\"attribute\":\"HeadSeq\"}");
        assertThat(head.path("status").asInt()).as(head.toString()).isEqualTo(200);
        assertThat(head.path("value").isIntegralNumber()).isTrue();
        JsonNode verified = jolokia(operator, "{\"type\":\"exec\",\"mbean\":\"lgsp:type=MessageLog\",\"operation\":\"verify\"}");
        assertThat(verified.path("status").asInt()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.path("value").asText()).startsWith("OK: ");
        JsonNode last = jolokia(operator,
                "{\"type\":\"read\",\"mbean\":\"lgsp:type=MessageLog\",\"attribute\":\"LastVerification\"}");
        assertThat(last.path("value").asText()).contains("OK: ");
        JsonNode unsealed = jolokia(operator,
                "{\"type\":\"read\",\"mbean\":\"lgsp:type=MessageLog\",\"attribute\":\"UnsealedRows\"}");
        assertThat(unsealed.path("value").isIntegralNumber()).as(unsealed.toString()).isTrue();

        HttpResponse<String> metrics = TestHttp.get(baseUrl() + "/actuator/prometheus", operator);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("(?m)^lgsp_message_log_unsealed_rows(\\{[^}]*\\})? \\d")
                .containsPattern("(?m)^lgsp_message_log_head_seq(\\{[^}]*\\})? \\d")
                .contains("lgsp_message_log_sealed_rows_total");
    }

    private JsonNode jolokia(String[] credentials, String request) {
        HttpResponse<String> response = TestHttp.send("POST", baseUrl() + "/actuator/jolokia", credentials,
                "application/json", request.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body());
    }
}
