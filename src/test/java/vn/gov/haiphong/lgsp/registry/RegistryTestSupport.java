package vn.gov.haiphong.lgsp.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.registry.imports.ImportReport;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * Helpers for registry tests that go through the real admin HTTP API as the operator. Adds no
 * Spring configuration, so the shared context of {@link PlatformTestSupport} is reused.
 *
 * <p>Test data never collides with the demo registry: codes are {@code 000.ZZ.YY.H27} (and H26)
 * with YY in 90–99, one YY per test class, and legacy source ids are 5-digit numbers starting with YY.
 */
public abstract class RegistryTestSupport extends PlatformTestSupport {

    protected static final String ADMIN = "/api/admin";

    @Autowired
    protected JdbcClient jdbc;

    protected String[] operator() {
        return credentialsWithRole(Roles.OPERATOR);
    }

    protected String operatorName() {
        return operator()[0];
    }

    protected HttpResponse<String> get(String path) {
        return TestHttp.get(baseUrl() + path, operator());
    }

    protected HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
        return TestHttp.send(method, baseUrl() + path, operator(), contentType, body);
    }

    protected HttpResponse<String> sendJson(String method, String path, Object body) {
        try {
            return send(method, path, "application/json", json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** GET as the operator, expecting 200 and JSON. */
    protected JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return read(response.body());
    }

    // --- fixtures and imports ---------------------------------------------------------------

    protected static byte[] fixture(String name) {
        try (InputStream in = RegistryTestSupport.class.getResourceAsStream("/registry/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture registry/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HttpResponse<String> postImport(String format, String fileName, byte[] content, boolean dryRun) {
        String contentType = format.equals("hp-csv") ? "text/csv" : "application/json";
        return send("POST", ADMIN + "/imports/" + format + "?fileName=" + fileName + "&dryRun=" + dryRun, contentType,
                content);
    }

    /** Imports through the admin API as the operator, expecting 201 and a report. */
    protected ImportReport importFile(String format, String fileName, byte[] content) {
        HttpResponse<String> response = postImport(format, fileName, content, false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return report(response.body());
    }

    protected ImportReport importFixture(String format, String fixture) {
        return importFile(format, fixture, fixture(fixture));
    }

    protected ImportReport report(String body) {
        try {
            return json.readValue(body, ImportReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- registry state ---------------------------------------------------------------------

    protected HttpResponse<String> resolve(String code) {
        return get(ADMIN + "/resolve/" + code);
    }

    /** The current code a code resolves to through the API, or null when the API answers 404. */
    protected String resolvedCode(String code) {
        HttpResponse<String> response = resolve(code);
        if (response.statusCode() == 404) {
            assertProblem(response, 404, "REG-102");
            return null;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body()).path("agency").path("code").asText();
    }

    /** The legacy codes the API lists for this current code (from GET /agencies/{code}). */
    protected List<String> aliasesOf(String code) {
        JsonNode aliases = getJson(ADMIN + "/agencies/" + code).path("aliases");
        assertThat(aliases.isArray()).as("aliases of %s", code).isTrue();
        List<String> codes = new java.util.ArrayList<>();
        aliases.forEach(a -> codes.add(a.asText()));
        return codes;
    }

    protected JsonNode createAgency(String code, String name, String parentCode) {
        HttpResponse<String> response = sendJson("POST", ADMIN + "/agencies", agencyBody(code, name, parentCode, null));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return read(response.body());
    }

    protected static Map<String, Object> agencyBody(String code, String name, String parentCode, String status) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("parentCode", parentCode);
        body.put("region", "HP");
        body.put("status", status);
        return body;
    }

    protected HttpResponse<String> putAlias(String aliasCode, String targetCode) {
        return sendJson("PUT", ADMIN + "/aliases/" + aliasCode, Map.of("aliasCode", aliasCode, "targetCode", targetCode));
    }

    protected int agencyRows() {
        return jdbc.sql("SELECT COUNT(*) FROM agency").query(Integer.class).single();
    }

    protected int aliasRows() {
        return jdbc.sql("SELECT COUNT(*) FROM agency_alias").query(Integer.class).single();
    }

    protected int importRows() {
        return jdbc.sql("SELECT COUNT(*) FROM registry_import").query(Integer.class).single();
    }

    /** Waits until the outbox has sent every event written so far to Kafka. */
    protected void awaitOutboxDrained() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc
                .sql("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL").query(Integer.class).single() == 0);
    }

    protected long lastChangeId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM registry_change").query(Long.class).single();
    }

    /** Change log rows newer than {@code afterId}, oldest first, as the API serves them. */
    protected List<JsonNode> changesSince(long afterId) {
        JsonNode all = getJson(ADMIN + "/changes?limit=1000");
        List<JsonNode> newer = new java.util.ArrayList<>();
        all.forEach(c -> {
            if (c.path("id").asLong() > afterId) {
                newer.add(0, c);
            }
        });
        return newer;
    }
}
