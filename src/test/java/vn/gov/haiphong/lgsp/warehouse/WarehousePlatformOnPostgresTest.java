package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.InJvmPlatform;
import vn.gov.haiphong.lgsp.PostgresTestSchema;
import vn.gov.haiphong.lgsp.TestHttp;

/**
 * The warehouse of a whole platform on PostgreSQL (default profile, demo data, a fresh schema
 * of this machine's PostgreSQL): the data API and open data queries — filters of every type,
 * integer and code sorts, paging, field selection, hostile values — answer exactly what the
 * demo rows say (the H2 suite runs the same shapes in DataQueryTest and OpenDataTest); then the
 * regional sync's SQL (export load, conflict list, resolution) and the retention purge.
 * Skipped, saying why, only when no PostgreSQL answers.
 */
class WarehousePlatformOnPostgresTest {

    private static final String[] SONV = {"hp.sonv.qlvb", "hp-sonv-dev-secret-2025"};
    private static final String[] OPERATOR = {"operator", "operator-dev-2025"};

    private final ObjectMapper json = new ObjectMapper();
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

    private JsonNode get(String path, String[] credentials) throws Exception {
        var answer = TestHttp.get(base + path, credentials);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The demo rows' keys matching, sorted, one page: what any correct database answers. */
    private static List<String> expected(List<Map<String, Object>> rows, Predicate<Map<String, Object>> filter,
                                         Comparator<Map<String, Object>> order, int page, int size) {
        return rows.stream().filter(filter).sorted(order.thenComparing(r -> (String) r.get("code")))
                .skip((long) page * size).limit(size).map(r -> (String) r.get("code")).toList();
    }

    private static List<String> keys(JsonNode answer) {
        List<String> keys = new ArrayList<>();
        answer.path("items").forEach(i -> keys.add(i.path("key").asText()));
        return keys;
    }

    private static long population(Map<String, Object> row) {
        return ((Number) row.get("population")).longValue();
    }

    /**
     * Another transaction holds the index table locked: a query waits on it until its statement
     * timeout (1 s here) stops it, and the caller gets DATA-418 with Retry-After, not an error.
     */
    private void queriesHeldPastTheTimeoutAreStoppedWithARetryableAnswer() throws Exception {
        try (java.sql.Connection lock = schema.dataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (java.sql.Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE dataset_field_value IN ACCESS EXCLUSIVE MODE");
            }
            for (String[] call : List.of(new String[] {"/api/data/administrative-units?unitType=" + enc("Xã"), "data"},
                    new String[] {"/opendata/administrative-units?sort=name", "open"})) {
                long start = System.nanoTime();
                var answer = TestHttp.get(base + call[0], call[1].equals("data") ? SONV : null);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).get().asString()
                        .startsWith("application/problem+json");
                assertThat(json.readTree(answer.body()).path("code").asText()).isEqualTo("DATA-418");
                assertThat(answer.headers().firstValue("Retry-After")).contains("1");
                assertThat((System.nanoTime() - start) / 1_000_000).as("stopped by the timeout, not the lock's end")
                        .isLessThan(10_000);
            }
            lock.rollback();
        }
        // The lock gone, the same query answers.
        get("/opendata/administrative-units?sort=name", null);
    }

    @Test
    void queriesSyncAndRetentionOnAPlatformBackedByPostgres() throws Exception {
        schema = PostgresTestSchema.createOrSkip("lgsp_pgwh", "the warehouse of a PostgreSQL-backed platform was");
        platform = new InJvmPlatform("pg-warehouse", schema.jdbcUrl())
                .with("management.endpoints.web.exposure.include", "health")
                .with("lgsp.opendata.rate-limit.capacity", 1000)
                // JDBC's smallest statement timeout, so the test below can reach it.
                .with("lgsp.warehouse.query.timeout", "1s")
                .start();
        base = platform.baseUrl();
        assertThat(platform.context().getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");

        List<Map<String, Object>> demo = json.readValue(
                Files.readString(Path.of("etc/datasets/demo/administrative-units.json")), new TypeReference<>() {
                });
        String units = "/api/data/administrative-units";
        Comparator<Map<String, Object>> none = (a, b) -> 0;
        Comparator<Map<String, Object>> byPopulationDesc = Comparator.comparingLong(
                WarehousePlatformOnPostgresTest::population).reversed();

        JsonNode all = get(units + "?size=500", SONV);
        assertThat(all.path("total").asLong()).isEqualTo(demo.size());
        assertThat(keys(all)).isEqualTo(expected(demo, r -> true, none, 0, 500));
        // Vietnamese text equality, integer sort descending, paging.
        for (int page = 0; page < 3; page++) {
            JsonNode communes = get(units + "?unitType=" + enc("Xã") + "&sort=-population&size=4&page=" + page, SONV);
            assertThat(communes.path("total").asLong()).isEqualTo(demo.stream().filter(r -> "Xã".equals(r.get("unitType")))
                    .count());
            assertThat(keys(communes)).as("page " + page).isEqualTo(expected(demo, r -> "Xã".equals(r.get("unitType")),
                    byPopulationDesc, page, 4));
        }
        // Integer, date, code (ASCII) sort, two filters together, field selection.
        assertThat(keys(get(units + "?population=68950", SONV))).containsExactly("10701");
        assertThat(get(units + "?effectiveFrom=2025-07-01&size=1", SONV).path("total").asLong()).isEqualTo(demo.size());
        assertThat(keys(get(units + "?sort=-code&size=5", SONV))).isEqualTo(expected(demo, r -> true,
                Comparator.comparing((Map<String, Object> r) -> (String) r.get("code")).reversed(), 0, 5));
        assertThat(keys(get(units + "?sort=population&size=3", SONV))).isEqualTo(expected(demo, r -> true,
                Comparator.comparingLong(WarehousePlatformOnPostgresTest::population), 0, 3));
        JsonNode both = get(units + "?unitType=" + enc("Phường") + "&formerAgencyCodes=000.02.36.H27&fields=code,agencyCode",
                SONV);
        assertThat(keys(both)).containsExactly("10132");
        assertThat(both.path("items").get(0).path("data").size()).isEqualTo(2);
        queriesHeldPastTheTimeoutAreStoppedWithARetryableAnswer();
        for (String attack : List.of("' OR 1=1 --", "x'; DROP TABLE dataset_row; --", "Xã' OR 'a'='a")) {
            assertThat(get(units + "?name=" + enc(attack), SONV).path("total").asLong()).as(attack).isZero();
            assertThat(get("/opendata/administrative-units?unitType=" + enc(attack), null).path("total").asLong()).isZero();
        }
        assertThat(get("/api/data/document-types?active=true&sort=sortOrder&size=3", SONV).path("items")
                .findValuesAsText("sortOrder")).isSortedAccordingTo(Comparator.comparingInt(Integer::parseInt));
        JsonNode open = get("/opendata/administrative-units?unitType=" + enc("Đặc khu"), null);
        assertThat(keys(open)).isEqualTo(expected(demo, r -> "Đặc khu".equals(r.get("unitType")), none, 0, 50));
        assertThat(open.path("items").get(0).path("data").has("officerInCharge")).as("not public").isFalse();

        // The regional sync's SQL on PostgreSQL: export load, conflict, resolution, replay.
        byte[] export = Files.readAllBytes(Path.of("etc/datasets/hd-export/administrative-units.ndjson"));
        var loaded = TestHttp.send("POST", base + "/api/admin/data/administrative-units/hd-import", OPERATOR,
                "application/x-ndjson", export);
        JsonNode report = json.readTree(loaded.body());
        assertThat(report.path("outcomes").path("CONVERGED").asInt()).as(loaded.body()).isEqualTo(9);
        assertThat(report.path("outcomes").path("APPLIED").asInt()).isEqualTo(3);
        assertThat(report.path("outcomes").path("CONFLICT").asInt()).isEqualTo(1);
        JsonNode conflicts = get("/api/admin/data/administrative-units/conflicts?status=OPEN", OPERATOR);
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).path("key").asText()).isEqualTo("10722");
        var resolved = TestHttp.send("POST", base + "/api/admin/data/administrative-units/conflicts/"
                + conflicts.get(0).path("id").asLong() + "/resolution", OPERATOR, "application/json",
                "{\"choose\":\"HD\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.readTree(resolved.body()).path("version").asLong()).as(resolved.body()).isEqualTo(2);
        assertThat(keys(get(units + "?population=36315", SONV))).containsExactly("10722");
        assertThat(json.readTree(TestHttp.send("POST", base + "/api/admin/data/administrative-units/hd-import", OPERATOR,
                "application/x-ndjson", export).body()).path("outcomes").path("REPLAYED").asInt()).isEqualTo(13);

        // The retention purge's DELETE on PostgreSQL (document-types keeps 20 years).
        assertThat(platform.context().getBean(HistoryRetention.class).purge(Instant.now().plusSeconds(3600L * 24 * 366 * 21)))
                .containsKey("document-types").doesNotContainKey("administrative-units");
    }
}
