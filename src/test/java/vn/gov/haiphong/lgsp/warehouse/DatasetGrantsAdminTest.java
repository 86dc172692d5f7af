package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * Grant administration through /api/admin/data/{dataset}/grants: a grant opens a dataset to a
 * system or agency at once, a revocation closes it again (deny by default), legacy codes are
 * stored as today's agency, refusals are problem+json, and each change is audited on lgsp.audit.
 */
class DatasetGrantsAdminTest extends WarehouseTestSupport {

    private static final String DIRECTORY = "/api/admin/data/agency-directory/grants";

    private HttpResponse<String> put(String path, String[] credentials) {
        return TestHttp.send("PUT", baseUrl() + path, credentials, null, null);
    }

    @Test
    void grantOpensAndRevokeClosesAccessAudited() {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        try (EventTopicReader audit = new EventTopicReader(kafka, json, DatasetService.AUDIT_TOPIC)) {
            assertProblem(get("/api/data/agency-directory?size=1", HONGBANG), 403, "DATA-403");

            HttpResponse<String> created = put(DIRECTORY + "/hp.hongbang.vpub/read", operator);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode grant = read(created.body());
            assertThat(grant.path("grantee").asText()).isEqualTo("hp.hongbang.vpub");
            assertThat(grant.path("granteeKind").asText()).isEqualTo("SYSTEM");
            assertThat(grant.path("access").asText()).isEqualTo("READ");
            assertThat(grant.path("grantedBy").asText()).isEqualTo(operator[0]);
            assertThat(put(DIRECTORY + "/hp.hongbang.vpub/READ", operator).statusCode()).as("idempotent").isEqualTo(200);
            assertThat(ok(get("/api/data/agency-directory?size=1", HONGBANG)).path("total").asLong()).isPositive();
            assertThat(ok(get(DIRECTORY, operator)).findValuesAsText("grantee")).contains("hp.hongbang.vpub", "hd.lgsp-cu");
            // READ does not give WRITE.
            assertProblem(post("/api/data/agency-directory", HONGBANG, java.util.List.of(java.util.Map.of("code", "T-G-1",
                    "name", "Không được ghi"))), 403, "DATA-403");

            HttpResponse<String> revoked = TestHttp.send("DELETE", baseUrl() + DIRECTORY + "/hp.hongbang.vpub/READ",
                    operator, null, null);
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
            assertProblem(get("/api/data/agency-directory?size=1", HONGBANG), 403, "DATA-403");
            assertProblem(TestHttp.send("DELETE", baseUrl() + DIRECTORY + "/hp.hongbang.vpub/READ", operator, null, null),
                    404, "DATA-415");

            // An agency by its former Hải Dương code: stored as the unit's code today.
            assertProblem(get("/api/data/agency-directory?size=1", PHUONG_HD), 403, "DATA-403");
            JsonNode byAlias = read(put(DIRECTORY + "/000.01.21.H26/READ", operator).body());
            assertThat(byAlias.path("grantee").asText()).isEqualTo("000.60.71.H27");
            assertThat(byAlias.path("granteeKind").asText()).isEqualTo("AGENCY");
            assertThat(ok(get("/api/data/agency-directory?size=1", PHUONG_HD)).path("items")).hasSize(1);
            assertThat(TestHttp.send("DELETE", baseUrl() + DIRECTORY + "/000.01.21.H26/READ", operator, null, null)
                    .statusCode()).isEqualTo(204);
            assertProblem(get("/api/data/agency-directory?size=1", PHUONG_HD), 403, "DATA-403");

            // Refusals.
            assertProblem(put(DIRECTORY + "/nobody/READ", operator), 422, "DATA-414");
            assertProblem(put(DIRECTORY + "/000.99.99.H27/READ", operator), 422, "DATA-414");
            assertProblem(put(DIRECTORY + "/hp.hongbang.vpub/ADMIN", operator), 422, "DATA-414");
            assertProblem(put("/api/admin/data/no-such-dataset/grants/hp.hongbang.vpub/READ", operator), 404, "DATA-401");
            assertProblem(put(DIRECTORY + "/hp.hongbang.vpub/READ", credentialsWithRole(Roles.AGENCY_OFFICER)), 403,
                    "LGSP-403");
            assertProblem(put(DIRECTORY + "/hp.hongbang.vpub/READ", null), 401, "LGSP-401");
            assertProblem(put(DIRECTORY + "/hp.hongbang.vpub/READ", HONGBANG), 401, "LGSP-401");
            assertProblem(get("/api/data/agency-directory?size=1", HONGBANG), 403, "DATA-403");

            JsonNode granted = audit.await("DATA_GRANT to hp.hongbang.vpub", e -> e.path("type").asText().equals("DATA_GRANT")
                    && e.path("data").path("grantee").asText().equals("hp.hongbang.vpub"));
            assertThat(granted.path("actor").asText()).isEqualTo(operator[0]);
            assertThat(granted.path("key").asText()).isEqualTo("agency-directory");
            JsonNode revokedEvent = audit.await("DATA_REVOKE of the alias grant", e -> e.path("type").asText()
                    .equals("DATA_REVOKE") && e.path("data").path("grantee").asText().equals("000.60.71.H27"));
            assertThat(revokedEvent.path("data").path("requestedAs").asText()).isEqualTo("000.01.21.H26");
            awaitOutboxDrained();
            assertThat(audit.readToEnd().stream().filter(r -> r.value().path("type").asText().equals("DATA_GRANT")
                    && r.value().path("data").path("grantee").asText().equals("hp.hongbang.vpub")).count())
                    .as("the repeated grant changed nothing and is not audited again").isEqualTo(1);
        }
    }
}
