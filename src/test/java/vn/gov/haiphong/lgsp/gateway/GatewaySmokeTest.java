package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySmokeTest extends GatewayTestSupport {

    @Test
    void relaysAGrantedCall() {
        ensureService(Map.of("serviceCode", "smoke.echo", "name", "Echo", "providerSystem", "hp.sonv.qlvb",
                "kind", "REST", "endpoints", Map.of("default", STUB.url("/api"))));
        grant("smoke.echo", "SYSTEM", "hd.lgsp-cu", null, null);
        HttpResponse<byte[]> response = client(LGSP_CU).get("/gw/r1/smoke.echo/items/1?x=2");
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(body(response).path("path").asText()).isEqualTo("/api/items/1");
        HttpResponse<byte[]> denied = client(HONGBANG).get("/gw/r1/smoke.echo/items/1?x=2");
        assertRefused(denied, 403, "GW-202");
    }
}
