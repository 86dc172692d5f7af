package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routing table of routes/gateway-routing.camel.yaml choosing each regional endpoint from the
 * request and the registry, and the SOAP-REST bridge of routes/gateway-bridge-hd-donvi.camel.yaml.
 */
class GatewayRoutingAndBridgeTest extends GatewayTestSupport {

    /** Once per test JVM (the catalogue lives in the shared context); per instance, so Camel's test listener has started the context. */
    private static boolean registered;

    @BeforeEach
    void services() {
        if (registered) {
            return;
        }
        registered = true;
        ensureService(Map.of("serviceCode", "dvhc.tra-cuu", "name", "Tra cứu đơn vị hành chính", "providerSystem",
                "hp.sonv.qlvb", "kind", "REST", "routingRoute", "gateway-route-dvhc",
                "endpoints", Map.of("hp", STUB.url("/dvhc"), "hd", STUB_HD.url("/dvhc"))));
        ensureService(Map.of("serviceCode", "dvhc.no-table", "name", "Missing table", "providerSystem", "hp.sonv.qlvb",
                "kind", "REST", "routingRoute", "gateway-route-none",
                "endpoints", Map.of("hp", STUB.url("/dvhc"), "hd", STUB_HD.url("/dvhc"))));
        ensureService(Map.of("serviceCode", "hd.donvi-rest", "name", "Đơn vị (cầu nối SOAP)", "providerSystem",
                "hd.lgsp-cu", "kind", "BRIDGE", "routingRoute", "gateway-bridge-hd-donvi",
                "endpoints", Map.of("default", SOAP_STUB.url("/ws/donvi"))));
        grant("dvhc.tra-cuu", "SYSTEM", SONV[0], "GET", null);
        grant("dvhc.no-table", "SYSTEM", SONV[0], null, null);
        grant("hd.donvi-rest", "SYSTEM", SONV[0], "GET", "/units/*");
    }

    private String providerFor(String pathAndQuery) {
        HttpResponse<byte[]> response = client(SONV).get("/gw/r1/dvhc.tra-cuu" + pathAndQuery);
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return body(response).path("provider").asText();
    }

    @Test
    void theRoutingTableSendsHaiDuongUnitsToTheOldSystemAndTheRestToHaiPhong() {
        // A legacy H26 code (an alias of an H27 ward of Hải Dương origin).
        assertThat(providerFor("/units/000.01.21.H26")).isEqualTo("hd");
        // The same ward by its current code: still of Hải Dương origin.
        assertThat(providerFor("/units/000.60.71.H27")).isEqualTo("hd");
        // A Hải Phòng department.
        assertThat(providerFor("/units/000.00.02.H27")).isEqualTo("hp");
        // The code in the query instead of the path.
        assertThat(providerFor("/units?code=000.01.21.H26")).isEqualTo("hd");
        assertThat(providerFor("/units?code=000.00.02.H27")).isEqualTo("hp");
        // Unknown codes go to the default (Hải Phòng).
        assertThat(providerFor("/units/999.99.99.H27")).isEqualTo("hp");
        // The provider received the path under its own base.
        assertThat(STUB_HD.last.get("path")).isEqualTo("/dvhc/units");
    }

    @Test
    void aServiceWhoseTableIsMissingIsGw506() {
        assertRefused(client(SONV).get("/gw/r1/dvhc.no-table/units/1"), 502, "GW-506");
    }

    @Test
    void theBridgeServesTheLegacySoapServiceAsJson() {
        HttpResponse<byte[]> response = client(SONV).get("/gw/r1/hd.donvi-rest/units/000.01.21.H26");
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode unit = body(response).path("donVi");
        assertThat(unit.path("ma").asText()).isEqualTo("000.01.21.H26");
        assertThat(unit.path("ten").asText()).isEqualTo("Don vi 000.01.21.H26");
        assertThat(unit.path("vung").asText()).isEqualTo("HD");
        assertThat(response.headers().firstValue("X-LGSP-Request-Hash")).isPresent();
    }

    @Test
    void theBridgeRefusesWhatItCannotTranslateAndReportsFaults() {
        int calls = SOAP_STUB.calls.get();
        assertRefused(client(SONV).get("/gw/r1/hd.donvi-rest/units/%3Cx%3E"), 400, "GW-207");
        assertThat(SOAP_STUB.calls.get()).isEqualTo(calls);
        assertRefused(client(SONV).get("/gw/r1/hd.donvi-rest/units/000.00.02.H27"), 502, "GW-507");
        assertRefused(client(SONV).get("/gw/r1/hd.donvi-rest/other/1"), 403, "GW-202");
    }
}
