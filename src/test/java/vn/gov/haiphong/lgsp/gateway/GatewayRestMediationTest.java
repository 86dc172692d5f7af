package vn.gov.haiphong.lgsp.gateway;

import vn.gov.haiphong.lgsp.platform.Sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.gateway.mediation.RequestHash;

/** REST mediation against a real provider: relaying, header filtering, the hash binding, limits, resilience, SSRF. */
class GatewayRestMediationTest extends GatewayTestSupport {

    /** Once per test JVM (the catalogue lives in the shared context); per instance, so Camel's test listener has started the context. */
    private static boolean registered;

    @BeforeEach
    void services() {
        if (registered) {
            return;
        }
        registered = true;
        Map<String, Object> echo = new LinkedHashMap<>(Map.of("serviceCode", "rest.echo", "name", "Echo",
                "providerSystem", "hp.sonv.qlvb", "kind", "REST", "endpoints", Map.of("default", STUB.url("/api")),
                "timeoutMs", 1000, "maxRequestBytes", 1024, "maxResponseBytes", 4096));
        echo.put("ratePerSecond", 1000);
        ensureService(echo);
        ensureService(Map.of("serviceCode", "rest.burst", "name", "Throttled", "providerSystem", "hp.sonv.qlvb",
                "kind", "REST", "endpoints", Map.of("default", STUB.url("/burst")), "ratePerSecond", 1, "rateBurst", 3));
        ensureService(Map.of("serviceCode", "rest.flaky", "name", "Flaky", "providerSystem", "hp.sonv.qlvb",
                "kind", "REST", "endpoints", Map.of("default", STUB.url("/cb"))));
        ensureService(Map.of("serviceCode", "rest.off", "name", "Suspended", "providerSystem", "hp.sonv.qlvb",
                "kind", "REST", "endpoints", Map.of("default", STUB.url("/off")), "enabled", false));
        for (String service : List.of("rest.echo", "rest.burst", "rest.flaky", "rest.off")) {
            grant(service, "SYSTEM", LGSP_CU[0], null, null);
        }
    }

    @Test
    void relaysTheCallWithTheClientIdentifiedAndCredentialsDropped() throws Exception {
        GatewayClient cu = client(LGSP_CU);
        byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
        String target = "/gw/r1/rest.echo/items/42?q=a%20b&r=1";
        GatewayClient.Call call = GatewayClient.call(target).method("POST").body("application/json", body);
        Map<String, String> headers = new LinkedHashMap<>(cu.sign(call, URI.create(baseUrl() + target)));
        headers.put("Content-Type", "application/json");
        headers.put("Cookie", "gateway-session=secret");
        headers.put("Authorization", "Basic c29tZTpvbmU=");
        headers.put("Keep-Alive", "timeout=5");
        headers.put("TE", "trailers");
        headers.put("X-Hop-Named", "dropped");
        headers.put("Connection", "close, X-Hop-Named");
        headers.put("X-LGSP-Client", "someone-else");
        // Other spellings of the same names: CGI/WSGI providers fold "_" into "-" and read them as ours.
        headers.put("X_LGSP_Client", "someone-else");
        headers.put("x_lgsp_client_agency", "000.00.00.H99");
        headers.put("X_Forwarded_For", "10.6.6.6");
        headers.put("X-Custom", "kept");
        RawGatewayHttp.Response response = RawGatewayHttp.send(port, "POST", target, headers, body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);

        JsonNode seen = read(response.text());
        assertThat(seen.path("method").asText()).isEqualTo("POST");
        assertThat(seen.path("path").asText()).isEqualTo("/api/items/42");
        assertThat(seen.path("query").asText()).isEqualTo("q=a%20b&r=1");
        assertThat(seen.path("body").asText()).isEqualTo("{\"x\":1}");
        JsonNode upstreamHeaders = seen.path("headers");
        assertThat(upstreamHeaders.path("x-lgsp-client").get(0).asText()).isEqualTo(LGSP_CU[0]);
        assertThat(upstreamHeaders.path("x-lgsp-client")).hasSize(1);
        assertThat(upstreamHeaders.path("x-lgsp-service").get(0).asText()).isEqualTo("rest.echo");
        assertThat(upstreamHeaders.path("x-lgsp-request-id").get(0).asText()).isEqualTo(response.header("X-LGSP-Request-Id"));
        assertThat(upstreamHeaders.path("x-custom").get(0).asText()).isEqualTo("kept");
        for (String dropped : List.of("cookie", "authorization", "keep-alive", "te", "x-hop-named", "x-lgsp-signature",
                "x-lgsp-nonce", "x-lgsp-system", "x-lgsp-timestamp", "x-lgsp-content-sha256", "x_lgsp_client",
                "x_lgsp_client_agency", "x_forwarded_for")) {
            assertThat(upstreamHeaders.has(dropped)).as(dropped + " reached the provider").isFalse();
        }
        // The binding: anyone holding the request and the response recomputes the same hash.
        String expected = RequestHash.of(response.header("X-LGSP-Request-Id"), "POST", "/gw/r1/rest.echo/items/42",
                "q=a%20b&r=1", Sha256.hex(body), 200, Sha256.hex(response.body()));
        assertThat(response.header("X-LGSP-Request-Hash")).isEqualTo(expected);
    }

    @Test
    void dropsHopByHopCookiesAndForgedGatewayHeadersFromTheAnswer() {
        HttpResponse<byte[]> response = client(LGSP_CU).get("/gw/r1/rest.echo/hop");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("X-Provider-Private")).isEmpty();
        assertThat(response.headers().firstValue("X-Provider-Public")).contains("kept");
        assertThat(response.headers().allValues("X-LGSP-Request-Hash")).hasSize(1).doesNotContain("forged");
    }

    @Test
    void upstreamTimeoutIsGw501WithinTheServiceTimeout() {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client(LGSP_CU).get("/gw/r1/rest.echo/slow?ms=3000");
        assertRefused(response, 504, "GW-501");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(response.headers().firstValue("X-LGSP-Request-Id")).isPresent();
    }

    @Test
    void redirectsAreNotFollowed() {
        int forbiddenHits = FORBIDDEN.hits.get();
        assertRefused(client(LGSP_CU).get("/gw/r1/rest.echo/redirect"), 502, "GW-505");
        assertThat(FORBIDDEN.hits.get()).isEqualTo(forbiddenHits);
    }

    @Test
    void oversizedBodiesAreRefusedBothWays() {
        int hits = STUB.hits.get();
        byte[] big = new byte[2000];
        assertRefused(client(LGSP_CU).send(GatewayClient.call("/gw/r1/rest.echo/upload").method("POST")
                .body("application/octet-stream", big)), 413, "GW-302");
        assertThat(STUB.hits.get()).as("an oversized request never reaches the provider").isEqualTo(hits);
        assertRefused(client(LGSP_CU).get("/gw/r1/rest.echo/big?bytes=10000"), 502, "GW-504");
        assertThat(client(LGSP_CU).get("/gw/r1/rest.echo/big?bytes=4000").statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstOverTheClientsRateGets429WithRetryAfter() {
        rateLimiter.reset("rest.burst", LGSP_CU[0]);
        int ok = 0;
        HttpResponse<byte[]> refused = null;
        for (int i = 0; i < 6; i++) {
            HttpResponse<byte[]> r = client(LGSP_CU).get("/gw/r1/rest.burst/x");
            if (r.statusCode() == 200) {
                ok++;
            } else {
                refused = r;
            }
        }
        assertThat(ok).isBetween(3, 4);
        assertThat(refused).isNotNull();
        assertRefused(refused, 429, "GW-301");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isGreaterThanOrEqualTo(1);
    }

    @Test
    void pathTricksNeverLeaveTheRegisteredBaseUrl() throws Exception {
        int forbidden = FORBIDDEN.hits.get();
        String evil = "127.0.0.1:" + FORBIDDEN.port();
        List<String> attempts = List.of(
                "/gw/r1/rest.echo/../../forbidden",
                "/gw/r1/rest.echo/%2e%2e/%2e%2e/x",
                "/gw/r1/rest.echo/a%2Fb",
                "/gw/r1/rest.echo/a%5c..%5cb",
                "/gw/r1/rest.echo//" + evil + "/x",
                "/gw/r1/rest.echo/http://" + evil + "/x",
                "/gw/r1/rest.echo@" + evil + "/x",
                "/gw/r1/rest.echo/x;jsessionid=1",
                "/gw/r1/rest.echo/%252e%252e/x",
                "/gw/r1/http://" + evil + "/x");
        for (String target : attempts) {
            GatewayClient.Call call = GatewayClient.call(target);
            Map<String, String> headers = client(LGSP_CU).sign(call, target, null);
            RawGatewayHttp.Response response = RawGatewayHttp.send(port, "GET", target, headers, new byte[0]);
            assertThat(response.status()).as(target + " -> " + response.text()).isIn(400, 404);
            if (response.status() != 400 || response.text().startsWith("{")) {
                assertThat(read(response.text()).path("code").asText()).as(target).isIn("GW-205", "GW-201", "LGSP-400");
            }
        }
        assertThat(FORBIDDEN.hits.get()).isEqualTo(forbidden);
    }

    @Test
    void aFailingUpstreamOpensTheCircuitWhichClosesAfterASuccessfulTrial() {
        STUB.failing.set(true);
        try {
            for (int i = 0; i < 4; i++) {
                assertThat(client(LGSP_CU).get("/gw/r1/rest.flaky/flaky").statusCode()).isEqualTo(503);
            }
            int hits = STUB.hits.get();
            HttpResponse<byte[]> open = client(LGSP_CU).get("/gw/r1/rest.flaky/flaky");
            assertRefused(open, 503, "GW-503");
            assertThat(open.headers().firstValue("Retry-After")).isPresent();
            assertThat(STUB.hits.get()).as("an open circuit spares the provider").isEqualTo(hits);
            // The echo service has another upstream address: its circuit is untouched.
            assertThat(client(LGSP_CU).get("/gw/r1/rest.echo/ok").statusCode()).isEqualTo(200);
        } finally {
            STUB.failing.set(false);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> client(LGSP_CU).get("/gw/r1/rest.flaky/flaky").statusCode() == 200);
        assertThat(client(LGSP_CU).get("/gw/r1/rest.flaky/flaky").statusCode()).isEqualTo(200);
        HttpResponse<String> circuits = vn.gov.haiphong.lgsp.TestHttp.get(baseUrl() + "/api/admin/gateway/circuits",
                operator());
        assertThat(read(circuits.body()).path(STUB.url("/cb")).asText()).isEqualTo("CLOSED");
    }

    @Test
    void unknownSuspendedAndWrongKindServicesAreRefused() {
        assertRefused(client(LGSP_CU).get("/gw/r1/no.such.service/x"), 404, "GW-201");
        assertRefused(client(LGSP_CU).get("/gw/r1/rest.off/x"), 503, "GW-203");
        HttpResponse<byte[]> wrongKind = client(LGSP_CU).get("/gw/soap/rest.echo");
        assertThat(wrongKind.statusCode()).isEqualTo(500);
        assertThat(text(wrongKind)).contains("<faultcode>soap:Client</faultcode>").contains("GW-204");
    }
}
