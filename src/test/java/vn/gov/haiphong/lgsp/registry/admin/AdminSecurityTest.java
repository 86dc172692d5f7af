package vn.gov.haiphong.lgsp.registry.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.registry.RegistryTestSupport;
import vn.gov.haiphong.lgsp.security.Roles;

/** Only operators reach the admin API; everyone else gets a problem+json refusal. Codes: 000.ZZ.99. */
class AdminSecurityTest extends RegistryTestSupport {

    /** One admin endpoint, with a body that would be accepted from an operator. */
    record Endpoint(String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        byte[] bytes() {
            return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        }
    }

    static final String AGENCY = """
            {"code":"000.00.99.H27","name":"Đơn vị không được tạo","parentCode":"000.00.00.H27","region":"HP"}""";
    static final String ALIAS = """
            {"aliasCode":"000.00.99.H26","targetCode":"000.00.00.H27"}""";
    static final String SYSTEM = """
            {"systemId":"test.sys99.forbidden","name":"Không được tạo","ownerAgency":"000.00.00.H27",
             "agencies":["000.00.00.H27"],"protocols":["VDXP_REST"],"deliveryMode":"PULL","secret":"forbidden-secret-99"}""";
    static final String CSV = "id,ma_dinh_danh,ten_don_vi,ma_don_vi_cha,trang_thai,ma_cu,email,dien_thoai,hieu_luc_tu,"
            + "hieu_luc_den\n99001,000.01.99.H27,Đơn vị không được nhập,000.00.00.H27,hoat_dong,,,,,\n";
    static final String JSON = """
            {"status":"OK","data":[{"id":"99002","pid":"0","code":"000.02.99.H27","name":"Đơn vị không được nhập"}]}""";

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("GET", "/api/admin/agencies", null, null),
                new Endpoint("GET", "/api/admin/agencies/000.00.00.H27", null, null),
                new Endpoint("POST", "/api/admin/agencies", "application/json", AGENCY),
                new Endpoint("PUT", "/api/admin/agencies/000.00.02.H27", "application/json",
                        "{\"code\":\"000.00.02.H27\",\"name\":\"Bị đổi tên\",\"parentCode\":\"000.00.00.H27\",\"region\":\"HP\"}"),
                new Endpoint("DELETE", "/api/admin/agencies/000.00.04.H27", null, null),
                new Endpoint("GET", "/api/admin/aliases", null, null),
                new Endpoint("PUT", "/api/admin/aliases/000.00.99.H26", "application/json", ALIAS),
                new Endpoint("DELETE", "/api/admin/aliases/000.01.21.H26", null, null),
                new Endpoint("GET", "/api/admin/systems", null, null),
                new Endpoint("GET", "/api/admin/systems/hp.sonv.qlvb", null, null),
                new Endpoint("POST", "/api/admin/systems", "application/json", SYSTEM),
                new Endpoint("PUT", "/api/admin/systems/hp.sonv.qlvb", "application/json",
                        SYSTEM.replace("test.sys99.forbidden", "hp.sonv.qlvb")),
                new Endpoint("DELETE", "/api/admin/systems/hp.sonv.qlvb", null, null),
                new Endpoint("POST", "/api/admin/systems/hp.sonv.qlvb/certificates", "application/json",
                        "{\"pem\":\"x\"}"),
                new Endpoint("DELETE", "/api/admin/systems/hp.sonv.qlvb/certificates/00", null, null),
                new Endpoint("POST", "/api/admin/imports/hp-csv", "text/csv", CSV),
                new Endpoint("POST", "/api/admin/imports/hd-json", "application/json", JSON),
                new Endpoint("GET", "/api/admin/imports", null, null),
                new Endpoint("GET", "/api/admin/imports/1", null, null),
                new Endpoint("GET", "/api/admin/conflicts", null, null),
                new Endpoint("GET", "/api/admin/changes", null, null),
                new Endpoint("GET", "/api/admin/resolve/000.01.21.H26", null, null),
                new Endpoint("GET", "/openapi/admin", null, null),
                new Endpoint("GET", "/api/admin/docs", null, null));
    }

    HttpResponse<String> call(Endpoint endpoint, String[] credentials) {
        return TestHttp.send(endpoint.method(), baseUrl() + endpoint.path(), credentials, endpoint.contentType(),
                endpoint.bytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anonymousCallerIsRefusedWith401(Endpoint endpoint) {
        JsonNode problem = assertProblem(call(endpoint, null), 401, "LGSP-401");
        assertThat(problem.path("title").asText()).isEqualTo("Authentication is required");
        assertProblem(call(endpoint, new String[] {operatorName(), "not-the-password"}), 401, "LGSP-401");
        assertNothingChanged();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void agencyOfficerIsRefusedWith403(Endpoint endpoint) {
        String[] officer = credentialsWithRole(Roles.AGENCY_OFFICER);
        assertThat(officer[0]).isNotEqualTo(operatorName());
        assertProblem(call(endpoint, officer), 403, "LGSP-403");
        assertNothingChanged();
    }

    @Test
    void operatorReachesEveryReadEndpoint() {
        for (Endpoint endpoint : endpoints().filter(e -> e.method().equals("GET")).toList()) {
            HttpResponse<String> response = call(endpoint, operator());
            if (endpoint.path().equals("/api/admin/docs")) {
                // Swagger UI sends the browser on to its index page.
                assertThat(response.statusCode()).as(endpoint.toString()).isIn(200, 302);
            } else {
                assertThat(response.statusCode()).as(endpoint + ": " + response.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void openApiDocumentIsServedToOperators() {
        JsonNode document = getJson("/openapi/admin");
        assertThat(document.path("openapi").asText()).startsWith("3.");
        JsonNode paths = document.path("paths");
        assertThat(paths.has("/api/admin/resolve/{code}")).as(paths.toString()).isTrue();
        assertThat(paths.path("/api/admin/resolve/{code}").has("get")).isTrue();
        List<String> expected = List.of("/api/admin/agencies", "/api/admin/aliases/{aliasCode}", "/api/admin/systems",
                "/api/admin/imports/{format}", "/api/admin/conflicts", "/api/admin/changes");
        for (String path : expected) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        // The write-only secret is documented as input, never as part of what systems answer.
        assertThat(document.path("components").path("schemas").path("SystemView").path("properties").has("secret"))
                .isFalse();
        assertThat(document.path("components").path("schemas").path("SystemView").path("properties").has("hasSecret"))
                .isTrue();
    }

    /** None of the refused writes above got through. */
    private void assertNothingChanged() {
        assertThat(resolvedCode("000.00.99.H27")).isNull();
        assertThat(resolvedCode("000.00.99.H26")).isNull();
        assertThat(resolvedCode("000.01.99.H27")).isNull();
        assertThat(resolvedCode("000.02.99.H27")).isNull();
        assertThat(resolvedCode("000.01.21.H26")).isEqualTo("000.60.71.H27");
        assertThat(resolvedCode("000.00.04.H27")).isEqualTo("000.00.04.H27");
        JsonNode homeAffairs = getJson(ADMIN + "/agencies/000.00.02.H27").path("agency");
        assertThat(homeAffairs.path("name").asText()).isEqualTo("Sở Nội vụ");
        JsonNode system = getJson(ADMIN + "/systems/hp.sonv.qlvb");
        assertThat(system.path("name").asText()).isEqualTo("Phần mềm quản lý văn bản - Sở Nội vụ Hải Phòng");
        assertProblem(get(ADMIN + "/systems/test.sys99.forbidden"), 404, "REG-121");
    }
}
