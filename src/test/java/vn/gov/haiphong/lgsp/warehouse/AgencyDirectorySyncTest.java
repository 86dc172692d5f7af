package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.TestHttp;

/** The agency directory follows registry changes made through the admin API. Codes: 000.ZZ.90. */
class AgencyDirectorySyncTest extends WarehouseTestSupport {

    private HttpResponse<String> admin(String method, String path, Object body) throws Exception {
        return TestHttp.send(method, baseUrl() + "/api/admin" + path, credentialsWithRole("OPERATOR"),
                body == null ? null : "application/json", body == null ? null : json.writeValueAsBytes(body));
    }

    private JsonNode directoryRow(String code) {
        JsonNode items = ok(get("/api/data/agency-directory?code=" + code, LGSP_CU)).path("items");
        return items.isEmpty() ? null : items.get(0);
    }

    @Test
    void agenciesCreatedAliasedAndDeletedInTheRegistryShowInTheDirectory() throws Exception {
        assertThat(admin("POST", "/agencies", Map.of("code", "000.00.90.H27", "name", "Sở Thử nghiệm Đồng bộ",
                "parentCode", "000.00.00.H27", "region", "HD")).statusCode()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> directoryRow("000.00.90.H27") != null);
        JsonNode created = directoryRow("000.00.90.H27");
        assertThat(created.path("data").path("name").asText()).isEqualTo("Sở Thử nghiệm Đồng bộ");
        assertThat(created.path("region").asText()).isEqualTo("HD");
        long version = created.path("version").asLong();

        assertThat(admin("PUT", "/aliases/000.00.90.H26", Map.of("aliasCode", "000.00.90.H26",
                "targetCode", "000.00.90.H27", "source", "HD_PLATFORM")).statusCode()).isIn(200, 201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                directoryRow("000.00.90.H27").path("data").path("legacyCodes").asText().equals("000.00.90.H26"));
        assertThat(directoryRow("000.00.90.H27").path("version").asLong()).isEqualTo(version + 1);

        assertThat(admin("DELETE", "/aliases/000.00.90.H26", null).statusCode()).isEqualTo(204);
        assertThat(admin("DELETE", "/agencies/000.00.90.H27", null).statusCode()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> directoryRow("000.00.90.H27") == null);
        assertThat(ok(get("/api/data/agency-directory/000.00.90.H27/history", SONV)).findValuesAsText("operation"))
                .endsWith("DELETE");
    }
}
