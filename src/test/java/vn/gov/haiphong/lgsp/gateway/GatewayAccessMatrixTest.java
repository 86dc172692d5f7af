package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.AntPathMatcher;

/**
 * Every endpoint x every demo client, the expected outcome computed from the grants as the admin
 * API reports them (groups resolved to their members now): allowed calls reach the provider,
 * every other one is GW-202 and reaches nothing.
 */
class GatewayAccessMatrixTest extends GatewayTestSupport {

    static final String ENVELOPE = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "xmlns:dv=\"urn:hd-lgsp:donvi\"><soapenv:Body><dv:LayThongTinDonVi><maDonVi>000.01.21.H26</maDonVi>"
            + "</dv:LayThongTinDonVi></soapenv:Body></soapenv:Envelope>";

    record Endpoint(String service, String method, String path) {
    }

    private static final List<Endpoint> endpoints = new ArrayList<>();

    /** Once per test JVM (the catalogue lives in the shared context); per instance, so Camel's test listener has started the context. */
    private static boolean registered;

    @BeforeEach
    void catalogue() {
        if (registered) {
            return;
        }
        registered = true;
        for (String code : List.of("mx.a", "mx.b", "mx.c", "mx.d")) {
            ensureService(Map.of("serviceCode", code, "name", code, "providerSystem", "hp.sonv.qlvb", "kind", "REST",
                    "endpoints", Map.of("default", STUB.url("/mx/" + code)), "ratePerSecond", 10_000));
            for (String[] ep : new String[][] {{"GET", "/units/1"}, {"GET", "/units/1/history"}, {"POST", "/units/1"},
                    {"DELETE", "/units/1"}, {"POST", "/reports"}, {"GET", "/reports"}}) {
                endpoints.add(new Endpoint(code, ep[0], ep[1]));
            }
        }
        ensureService(Map.of("serviceCode", "mx.s", "name", "SOAP", "providerSystem", "hd.lgsp-cu", "kind", "SOAP",
                "endpoints", Map.of("default", SOAP_STUB.url("/ws/donvi")), "ratePerSecond", 10_000));
        endpoints.add(new Endpoint("mx.s", "POST", ""));

        group("mx-hd-region", Map.of("region", "HD"));
        group("mx-under-city", Map.of("withinAgency", "000.00.00.H27", "region", "HP"));
        group("mx-explicit", Map.of("members", List.of(HONGBANG[0])));
        grant("mx.a", "GROUP", "mx-hd-region", null, null);
        grant("mx.b", "SYSTEM", SONV[0], "GET", "/units/**");
        grant("mx.b", "GROUP", "mx-explicit", "POST", "/reports");
        grant("mx.d", "GROUP", "mx-under-city", "DELETE", "/units/*");
        grant("mx.d", "SYSTEM", LGSP_CU[0], null, "/reports");
        grant("mx.s", "SYSTEM", PHUONG_HD[0], null, null);
    }

    private void group(String id, Map<String, Object> rule) {
        Map<String, Object> group = new LinkedHashMap<>(rule);
        group.put("groupId", id);
        group.put("name", id);
        HttpResponse<String> put = admin("PUT", "/groups/" + id, group);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    /** The expectation, from the grants and groups as the admin API reports them. */
    private boolean expected(String systemId, Endpoint e) {
        AntPathMatcher paths = new AntPathMatcher();
        for (JsonNode grant : read(admin("GET", "/grants?service=" + e.service(), null).body())) {
            boolean subject = grant.path("subjectType").asText().equals("SYSTEM")
                    ? grant.path("subject").asText().equals(systemId)
                    : members(grant.path("subject").asText()).contains(systemId);
            boolean method = grant.path("method").isNull() || grant.path("method").asText().equals(e.method());
            boolean path = grant.path("pathPattern").isNull() || paths.match(grant.path("pathPattern").asText(), e.path());
            if (subject && method && path) {
                return true;
            }
        }
        return false;
    }

    private Set<String> members(String groupId) {
        Set<String> members = new HashSet<>();
        read(admin("GET", "/groups/" + groupId, null).body()).path("systemsNow").forEach(m -> members.add(m.asText()));
        return members;
    }

    @Test
    void everyClientReachesExactlyWhatItWasGranted() {
        int allowedCount = 0;
        int deniedCount = 0;
        for (String[] system : SYSTEMS) {
            GatewayClient client = client(system);
            Set<String> servicesWithAccess = new TreeSet<>();
            for (Endpoint e : endpoints) {
                boolean allowed = expected(system[0], e);
                boolean soap = e.service().equals("mx.s");
                int stubHits = STUB.hits.get() + SOAP_STUB.calls.get();
                HttpResponse<byte[]> response = soap
                        ? client.send(GatewayClient.call("/gw/soap/mx.s").method("POST")
                                .body("text/xml; charset=utf-8", ENVELOPE))
                        : client.send(GatewayClient.call("/gw/r1/" + e.service() + e.path()).method(e.method())
                                .body(e.method().equals("GET") ? null : "application/json",
                                        e.method().equals("GET") ? new byte[0] : "{}".getBytes()));
                String what = system[0] + " " + e + " -> " + response.statusCode() + " " + text(response);
                if (allowed) {
                    allowedCount++;
                    servicesWithAccess.add(e.service());
                    assertThat(response.statusCode()).as(what).isEqualTo(200);
                    assertThat(STUB.hits.get() + SOAP_STUB.calls.get()).as(what).isEqualTo(stubHits + 1);
                } else {
                    deniedCount++;
                    if (soap) {
                        assertThat(response.statusCode()).as(what).isEqualTo(500);
                        assertThat(response.headers().firstValue("X-LGSP-Error-Code")).as(what).contains("GW-202");
                        assertThat(text(response)).as(what).contains("GW-202");
                    } else {
                        assertRefused(response, 403, "GW-202");
                    }
                    assertThat(STUB.hits.get() + SOAP_STUB.calls.get()).as("denied call reached a provider: " + what)
                            .isEqualTo(stubHits);
                }
            }
            // What the client is told it may use matches what it could use (among this test's services).
            Set<String> told = new TreeSet<>();
            body(client.get("/gw/meta/allowedServices")).forEach(s -> {
                if (s.path("serviceCode").asText().startsWith("mx.")) {
                    told.add(s.path("serviceCode").asText());
                }
            });
            assertThat(told).as(system[0]).isEqualTo(servicesWithAccess);
        }
        // The matrix is not trivially one-sided.
        assertThat(allowedCount).isGreaterThanOrEqualTo(5);
        assertThat(deniedCount).isGreaterThan(allowedCount);
        // No grant at all: nobody.
        assertThat(endpoints.stream().filter(e -> e.service().equals("mx.c"))
                .noneMatch(e -> java.util.Arrays.stream(SYSTEMS).anyMatch(s -> expected(s[0], e)))).isTrue();
    }
}
