package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.TestHttp;

/** The admin API (validation, change log, events), metadata for clients, and the audit of every call. */
class GatewayAdminAndAuditTest extends GatewayTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient messageLogJdbc;


    static final String OPENAPI = """
            {"openapi":"3.0.3","info":{"title":"Echo","version":"1"},
             "servers":[{"url":"http://10.0.0.7:8080/internal"}],
             "paths":{"/items/{id}":{"get":{"servers":[{"url":"http://10.0.0.7"}],"responses":{"200":{"description":"ok"}}}}}}
            """;

    @Test
    void changesAreValidatedRecordedAndAnnounced() {
        try (EventTopicReader events = new EventTopicReader(kafka, json, "lgsp.registry-events")) {
            Map<String, Object> service = new LinkedHashMap<>(Map.of("serviceCode", "adm.echo", "name", "Echo",
                    "providerSystem", "hp.sonv.qlvb", "kind", "REST", "endpoints", Map.of("default", STUB.url("/adm"))));
            HttpResponse<String> created = admin("POST", "/services", service);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(read(created.body()).path("timeoutMs").asInt()).isEqualTo(10_000);
            JsonNode event = events.await("GW_SERVICE_CREATE", "adm.echo");
            assertThat(event.path("actor").asText()).isEqualTo("operator");
            assertThat(event.path("data").path("endpoints").path("default").asText()).isEqualTo(STUB.url("/adm"));
            assertProblem(admin("POST", "/services", service), 409, "GW-401");

            long id = grant("adm.echo", "SYSTEM", SONV[0], "GET", "/items/**");
            events.await("GW_GRANT_CREATE", Long.toString(id));
            HttpResponse<String> group = admin("PUT", "/groups/adm-hd", Map.of("groupId", "adm-hd", "name",
                    "Former Hai Duong systems", "region", "HD"));
            assertThat(group.statusCode()).as(group.body()).isEqualTo(200);
            assertThat(read(group.body()).path("systemsNow").toString()).contains("hd.phuonghaiduong.qlvb");
            events.await("GW_GROUP_CREATE", "adm-hd");
            long groupGrant = grant("adm.echo", "GROUP", "adm-hd", null, null);
            assertProblem(admin("DELETE", "/groups/adm-hd", null), 409, "GW-406");
            assertThat(admin("DELETE", "/grants/" + groupGrant, null).statusCode()).isEqualTo(204);
            events.await("GW_GRANT_DELETE", Long.toString(groupGrant));
            assertThat(admin("DELETE", "/groups/adm-hd", null).statusCode()).isEqualTo(204);
        }
        HttpResponse<String> changes = TestHttp.get(baseUrl() + "/api/admin/changes?limit=50", operator());
        assertThat(changes.body()).contains("GW_SERVICE").contains("adm.echo").contains("GW_GRANT");
    }

    @org.springframework.beans.factory.annotation.Autowired
    vn.gov.haiphong.lgsp.gateway.GatewayAudit gatewayAudit;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @org.springframework.beans.factory.annotation.Autowired
    vn.gov.haiphong.lgsp.platform.messagelog.MessageLog messageLog;

    @Test
    void auditRowsAreLinkedAsWrittenOrLeftForTheSealerWhenTheHeadStaysLocked() throws Exception {
        // A long sealing elsewhere: the chain's head locked past H2's lock timeout (2 s).
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Void> holder = java.util.concurrent.CompletableFuture.runAsync(() ->
                new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(s -> {
                    jdbc.sql("SELECT last_seq FROM message_log_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
                    locked.countDown();
                    try {
                        Thread.sleep(3_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        locked.await();
        String whileLocked = vn.gov.haiphong.lgsp.gateway.mediation.GatewayServlet.requestId();
        gatewayAudit.record(new vn.gov.haiphong.lgsp.gateway.GatewayCall(whileLocked, java.time.Instant.now(),
                "hp.sonv.qlvb", null, "demo.opendata", "REST", "GET /x", "default", 200, null, 10, 0, 0, null, null));
        gatewayAudit.flush();
        holder.get(30, java.util.concurrent.TimeUnit.SECONDS);
        String afterwards = vn.gov.haiphong.lgsp.gateway.mediation.GatewayServlet.requestId();
        gatewayAudit.record(new vn.gov.haiphong.lgsp.gateway.GatewayCall(afterwards, java.time.Instant.now(),
                "hp.sonv.qlvb", null, "demo.opendata", "REST", "GET /y", "default", 200, null, 10, 0, 0, null, null));
        gatewayAudit.flush();
        java.util.function.Function<String, java.util.Optional<Long>> row = id -> jdbc.sql(
                "SELECT COALESCE(chain_seq, -1) FROM message_log WHERE message_id = ?").param(id).query(Long.class).optional();
        // flush() returns once the queue is taken; the row follows within the writer's batch.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while ((row.apply(whileLocked).isEmpty() || row.apply(afterwards).isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(row.apply(whileLocked)).as("written although the head was locked").isPresent();
        assertThat(row.apply(afterwards).orElseThrow()).as("linked as written").isPositive();
        assertThat(messageLog.verify().ok()).isTrue();
    }

    @Test
    void invalidDefinitionsAreRefusedWithTheirCodes() {
        Map<String, Object> base = Map.of("serviceCode", "adm.bad", "name", "Bad", "providerSystem", "hp.sonv.qlvb",
                "kind", "REST");
        for (String url : List.of("ftp://x/y", "http://user:pw@127.0.0.1/x", "http://127.0.0.1/x?y=1", "/relative",
                "http://127.0.0.1/a/../b")) {
            Map<String, Object> s = new LinkedHashMap<>(base);
            s.put("endpoints", Map.of("default", url));
            assertProblem(admin("POST", "/services", s), 422, "GW-402");
        }
        Map<String, Object> unknownProvider = new LinkedHashMap<>(base);
        unknownProvider.put("providerSystem", "no.such.system");
        unknownProvider.put("endpoints", Map.of("default", STUB.url("/x")));
        assertProblem(admin("POST", "/services", unknownProvider), 422, "GW-402");
        Map<String, Object> twoWithoutTable = new LinkedHashMap<>(base);
        twoWithoutTable.put("endpoints", Map.of("a", STUB.url("/a"), "b", STUB.url("/b")));
        assertProblem(admin("POST", "/services", twoWithoutTable), 422, "GW-402");
        assertProblem(admin("POST", "/grants", Map.of("serviceCode", "no.such", "subjectType", "SYSTEM",
                "subject", SONV[0])), 422, "GW-405");
        assertProblem(admin("DELETE", "/grants/999999", null), 404, "GW-404");
        assertProblem(admin("PUT", "/services/no.such/description", OPENAPI), 404, "GW-201");
        // Agency officers do not administer the gateway.
        HttpResponse<String> officer = TestHttp.get(baseUrl() + "/api/admin/gateway/services",
                credentialsWithRole("AGENCY_OFFICER"));
        assertProblem(officer, 403, "LGSP-403");
        assertProblem(TestHttp.get(baseUrl() + "/api/admin/gateway/grants", null), 401, "LGSP-401");
        // ... and the API is documented with the rest of the admin API.
        JsonNode paths = read(TestHttp.get(baseUrl() + "/openapi/admin", operator()).body()).path("paths");
        for (String path : List.of("/api/admin/gateway/services", "/api/admin/gateway/grants",
                "/api/admin/gateway/groups/{groupId}", "/api/admin/gateway/services/{code}/description")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    @Test
    void clientsSeeTheCatalogueAndTheOpenApiWithTheGatewayAddress() {
        ensureService(Map.of("serviceCode", "adm.described", "name", "Described", "providerSystem", "hp.sonv.qlvb",
                "kind", "REST", "endpoints", Map.of("default", STUB.url("/described"))));
        grant("adm.described", "SYSTEM", LGSP_CU[0], null, null);
        HttpResponse<String> described = admin("PUT", "/services/adm.described/description", OPENAPI);
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
        assertProblem(admin("PUT", "/services/adm.described/description", "{\"not\":\"openapi\"}"), 422, "GW-407");

        JsonNode listed = body(client(HONGBANG).get("/gw/meta/listServices"));
        JsonNode entry = null;
        for (JsonNode s : listed) {
            if (s.path("serviceCode").asText().equals("adm.described")) {
                entry = s;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("address").asText()).isEqualTo(baseUrl() + "/gw/r1/adm.described");
        JsonNode api = body(client(LGSP_CU).get("/gw/meta/services/adm.described/description"));
        assertThat(api.path("servers").get(0).path("url").asText()).isEqualTo(baseUrl() + "/gw/r1/adm.described");
        assertThat(api.toString()).doesNotContain("10.0.0.7");
        JsonNode allowed = body(client(LGSP_CU).get("/gw/meta/allowedServices"));
        assertThat(allowed.toString()).contains("adm.described");
        assertThat(body(client(HONGBANG).get("/gw/meta/allowedServices")).toString()).doesNotContain("adm.described");
    }

    @Test
    void theDemoServiceRelaysThePlatformsOwnOpenDataToItsGrantees() {
        // docs/integrators.md examples: demo.opendata is granted to hp.sonv.qlvb, and to group hd-region for
        // GET /administrative-units/** only.
        HttpResponse<byte[]> units = client(PHUONG_HD).get("/gw/r1/demo.opendata/administrative-units?size=2");
        assertThat(units.statusCode()).as(text(units)).isEqualTo(200);
        assertThat(body(units).path("dataset").asText()).isEqualTo("administrative-units");
        assertThat(body(units).path("items")).hasSize(2);
        assertRefused(client(PHUONG_HD).get("/gw/r1/demo.opendata/document-types"), 403, "GW-202");
        assertThat(client(SONV).get("/gw/r1/demo.opendata/document-types").statusCode()).isEqualTo(200);
        assertRefused(client(HONGBANG).get("/gw/r1/demo.opendata/administrative-units"), 403, "GW-202");
    }

    @Test
    void everyCallIsAuditedOnKafkaAndCountedPerServiceAndClient() {
        ensureService(Map.of("serviceCode", "adm.audited", "name", "Audited", "providerSystem", "hp.sonv.qlvb",
                "kind", "REST", "endpoints", Map.of("default", STUB.url("/audited"))));
        grant("adm.audited", "SYSTEM", SONV[0], null, null);
        try (EventTopicReader audit = new EventTopicReader(kafka, json, "lgsp.audit")) {
            HttpResponse<byte[]> ok = client(SONV).send(GatewayClient.call("/gw/r1/adm.audited/x?y=1").method("POST")
                    .body("application/json", "{\"a\":1}"));
            assertThat(ok.statusCode()).isEqualTo(200);
            String requestId = ok.headers().firstValue("X-LGSP-Request-Id").orElseThrow();
            JsonNode event = audit.await("the allowed call", e -> "GATEWAY_CALL".equals(e.path("type").asText())
                    && requestId.equals(e.path("data").path("requestId").asText()));
            JsonNode data = event.path("data");
            assertThat(event.path("key").asText()).isEqualTo("adm.audited");
            assertThat(event.path("actor").asText()).isEqualTo(SONV[0]);
            assertThat(data.path("client").asText()).isEqualTo(SONV[0]);
            assertThat(data.path("operation").asText()).isEqualTo("POST /x");
            assertThat(data.path("status").asInt()).isEqualTo(200);
            assertThat(data.path("requestBytes").asLong()).isEqualTo(7);
            assertThat(data.path("responseBytes").asLong()).isEqualTo(ok.body().length);
            assertThat(data.path("requestHash").asText()).isEqualTo(ok.headers().firstValue("X-LGSP-Request-Hash").orElseThrow());
            assertThat(data.path("durationMicros").asLong()).isPositive();
            // The same call is in the hash-chained message log, bound to the same request hash.
            assertThat(messageLogJdbc.sql("SELECT kind || ' ' || to_code || ' ' || route || ' ' || outcome || ' ' || sha256"
                    + " FROM message_log WHERE message_id = ?").param(requestId).query(String.class).single())
                    .isEqualTo("GATEWAY_CALL adm.audited POST /x OK " + data.path("requestHash").asText());

            HttpResponse<byte[]> refused = client(HONGBANG).get("/gw/r1/adm.audited/x");
            String refusedId = body(refused).path("requestId").asText();
            JsonNode denied = audit.await("the refused call", e -> refusedId.equals(e.path("data").path("requestId").asText()));
            assertThat(denied.path("data").path("code").asText()).isEqualTo("GW-202");
            assertThat(denied.path("data").path("status").asInt()).isEqualTo(403);

            HttpResponse<byte[]> forged = client(SONV).send(GatewayClient.call("/gw/r1/adm.audited/x").secret("wrong-secret-x"));
            String forgedId = body(forged).path("requestId").asText();
            JsonNode unauthenticated = audit.await("the forged call",
                    e -> forgedId.equals(e.path("data").path("requestId").asText()));
            assertThat(unauthenticated.path("data").path("client").isNull()).isTrue();
            assertThat(unauthenticated.path("data").path("claimedClient").asText()).isEqualTo(SONV[0]);
            assertThat(unauthenticated.path("data").path("code").asText()).isEqualTo("GW-105");
        }
        String metrics = TestHttp.get(baseUrl() + "/actuator/prometheus", operator()).body();
        assertThat(metrics).containsPattern("lgsp_gateway_calls_seconds_count\\{[^}]*client=\"hp.sonv.qlvb\"[^}]*"
                + "service=\"adm.audited\"[^}]*status=\"200\"[^}]*\\} 1(\\.0)?\\s");
        assertThat(metrics).containsPattern("lgsp_gateway_calls_seconds_count\\{[^}]*client=\"hp.hongbang.vpub\"[^}]*"
                + "outcome=\"GW-202\"[^}]*service=\"adm.audited\"");
    }
}
