package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.gateway.GatewayClient;
import vn.gov.haiphong.lgsp.gateway.GatewayClient.Call;

/**
 * The data API authenticated with the gateway's HMAC-with-freshness scheme: what it signs (the
 * body included) is checked, replays and stale requests are refused, rights still apply, and a
 * refused write changes nothing. Keys T-H-*.
 */
class DataApiHmacTest extends WarehouseTestSupport {

    private static final String TYPES = "/api/data/document-types";

    private HttpResponse<String> send(String[] system, Call call) {
        return new GatewayClient(baseUrl(), system[0], system[1]).send(call, HttpResponse.BodyHandlers.ofString());
    }

    private static Call upsert(String body) {
        return GatewayClient.call(TYPES).method("POST").body("application/json", body);
    }

    private static String row(String code, String name) {
        return "[{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"sortOrder\":90,\"active\":true}]";
    }

    private int rowsWithKey(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM dataset_row WHERE dataset = 'document-types' AND row_key = ?")
                .param(key).query(Integer.class).single();
    }

    @Test
    void aSignedQueryAnswersAsTheSameSystemWithBasicWould() {
        HttpResponse<String> signed = send(SONV, GatewayClient.call(TYPES + "?code=QD&fields=code,name"));
        JsonNode basic = ok(get(TYPES + "?code=QD&fields=code,name", SONV));
        assertThat(ok(signed).path("items")).isEqualTo(basic.path("items"));
        assertThat(basic.path("items")).hasSize(1);
    }

    @Test
    void aSignedWriteIsStoredUnderTheSigningSystem() {
        JsonNode answer = ok(send(SONV, upsert(row("T-H-1", "Bản ghi nhớ (ký HMAC)"))));
        assertThat(answer.path("changed").asInt()).isEqualTo(1);
        String changedBy = jdbc.sql("SELECT updated_by FROM dataset_row WHERE dataset = 'document-types' "
                + "AND row_key = 'T-H-1'").query(String.class).single();
        assertThat(changedBy).isEqualTo(SONV[0]);
    }

    @Test
    void aBodyOtherThanTheOneSignedIsRefusedAndNothingIsWritten() {
        HttpResponse<String> tampered = send(SONV, upsert(row("T-H-2", "Sửa trên đường"))
                .signedBody(row("T-H-2", "Bản gốc").getBytes(StandardCharsets.UTF_8)));
        assertProblem(tampered, 401, "GW-106");
        assertThat(rowsWithKey("T-H-2")).isZero();
    }

    @Test
    void aReplayedOrStaleRequestIsRefused() {
        String nonce = GatewayClient.newNonce();
        ok(send(SONV, GatewayClient.call(TYPES + "?code=QD").nonce(nonce)));
        assertProblem(send(SONV, GatewayClient.call(TYPES + "?code=QD").nonce(nonce)), 401, "GW-104");
        long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
        assertProblem(send(SONV, GatewayClient.call(TYPES + "?code=QD").timestamp(anHourAgo)), 401, "GW-103");
    }

    @Test
    void aWrongKeyOrAnotherSystemsNameIsRefused() {
        assertProblem(send(SONV, GatewayClient.call(TYPES).secret("not-the-secret")), 401, "GW-105");
        // The signed text names another system than the header does: the header's system's key
        // cannot have made it.
        assertProblem(send(SONV, GatewayClient.call(TYPES).signedSystem(HONGBANG[0])), 401, "GW-105");
    }

    @Test
    void rightsApplyAsForAnyOtherAuthentication() {
        assertProblem(send(HONGBANG, GatewayClient.call("/api/data/agency-directory")), 403, "DATA-403");
        assertProblem(send(HONGBANG, upsert(row("T-H-3", "Không có quyền ghi"))), 403, "DATA-403");
        assertThat(rowsWithKey("T-H-3")).isZero();
    }

    @Test
    void theSignatureHeadersBesideAnAuthorizationHeaderAreRefused() {
        String basic = "Basic " + Base64.getEncoder().encodeToString((HONGBANG[0] + ":" + HONGBANG[1])
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> both = send(SONV, upsert(row("T-H-4", "Hai cách xác thực")).header("Authorization", basic));
        assertProblem(both, 401, "GW-101");
        assertThat(rowsWithKey("T-H-4")).isZero();
    }
}
