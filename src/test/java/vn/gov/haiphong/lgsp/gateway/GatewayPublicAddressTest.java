package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The addresses the gateway publishes are its own, whatever Host header a caller writes. */
class GatewayPublicAddressTest extends GatewayTestSupport {

    static final String OPENAPI = """
            {"openapi":"3.0.3","info":{"title":"Echo","version":"1"},
             "servers":[{"url":"http://10.0.0.7:8080/internal"}],
             "paths":{"/items":{"get":{"responses":{"200":{"description":"ok"}}}}}}
            """;

    @Test
    void aForgedHostHeaderNeverReachesThePublishedAddresses() throws IOException {
        ensureService(Map.of("serviceCode", "pub.described", "name", "Described", "providerSystem", SONV[0],
                "kind", "REST", "endpoints", Map.of("default", STUB.url("/pub"))));
        grant("pub.described", "SYSTEM", LGSP_CU[0], null, null);
        HttpResponse<String> described = admin("PUT", "/services/pub.described/description", OPENAPI);
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);

        JsonNode listed = read(forgedHost("/gw/meta/listServices"));
        assertThat(listed.toString()).doesNotContain("evil.example");
        JsonNode entry = null;
        for (JsonNode s : listed) {
            entry = s.path("serviceCode").asText().equals("pub.described") ? s : entry;
        }
        assertThat(entry).as(listed.toString()).isNotNull();
        assertThat(entry.path("address").asText()).isEqualTo(baseUrl() + "/gw/r1/pub.described");
        assertThat(entry.path("description").asText())
                .isEqualTo(baseUrl() + "/gw/meta/services/pub.described/description");

        JsonNode api = read(forgedHost("/gw/meta/services/pub.described/description"));
        assertThat(api.path("servers").get(0).path("url").asText()).isEqualTo(baseUrl() + "/gw/r1/pub.described");
        assertThat(api.toString()).doesNotContain("evil.example");
    }

    private String forgedHost(String target) throws IOException {
        Map<String, String> headers = new java.util.LinkedHashMap<>(client(LGSP_CU).sign(GatewayClient.call(target),
                target, null));
        headers.put("Host", "evil.example:8443");
        RawGatewayHttp.Response response = RawGatewayHttp.send(port, "GET", target, headers, new byte[0]);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.text();
    }
}
