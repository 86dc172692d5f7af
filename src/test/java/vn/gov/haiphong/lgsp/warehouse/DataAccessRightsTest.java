package vn.gov.haiphong.lgsp.warehouse;

import vn.gov.haiphong.lgsp.EventTopicReader;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.TestHttp;

/**
 * Who may read and write which dataset (demo grants of etc/datasets/demo/grants.json), and
 * who is not even let in. Keys written here start with T-RIGHTS.
 */
class DataAccessRightsTest extends WarehouseTestSupport {

    private static final List<String> DATASETS = List.of("administrative-units", "agency-directory", "document-types");

    /** caller → datasets it may read, datasets it may write. */
    private static final Map<String[], List<List<String>>> MATRIX = Map.of(
            SONV, List.of(DATASETS, DATASETS),
            PHUONG_HD, List.of(List.of("administrative-units", "document-types"), List.of()),
            LGSP_CU, List.of(List.of("administrative-units", "agency-directory"), List.of()),
            HONGBANG, List.of(List.of(), List.of()));

    private static Map<String, Object> row(String dataset, String key) {
        return switch (dataset) {
            case "administrative-units" -> Map.of("code", key, "name", "Phường Thử quyền", "unitType", "Phường");
            case "agency-directory" -> Map.of("code", key, "name", "Cơ quan Thử quyền", "status", "ACTIVE");
            default -> Map.of("code", key, "name", "Văn bản thử quyền", "sortOrder", 99);
        };
    }

    @Test
    void readAndWriteRightsFollowOwnershipAndGrants() {
        for (Map.Entry<String[], List<List<String>>> entry : MATRIX.entrySet()) {
            String[] caller = entry.getKey();
            for (String dataset : DATASETS) {
                boolean mayRead = entry.getValue().get(0).contains(dataset);
                boolean mayWrite = entry.getValue().get(1).contains(dataset);
                String what = caller[0] + " on " + dataset;
                HttpResponse<String> read = get("/api/data/" + dataset + "?size=1", caller);
                if (mayRead) {
                    assertThat(read.statusCode()).as("read " + what + ": " + read.body()).isEqualTo(200);
                } else {
                    assertProblem(read, 403, "DATA-403");
                    assertThat(read.body()).doesNotContain("items");
                }
                String key = "T-RIGHTS-" + caller[0];
                HttpResponse<String> write = post("/api/data/" + dataset, caller, List.of(row(dataset, key)));
                if (mayWrite) {
                    assertThat(write.statusCode()).as("write " + what + ": " + write.body()).isEqualTo(200);
                    assertThat(delete("/api/data/" + dataset + "/" + key, caller).statusCode()).isEqualTo(200);
                } else {
                    assertProblem(write, 403, "DATA-403");
                    assertProblem(delete("/api/data/" + dataset + "/10701", caller), 403, "DATA-403");
                }
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dataset_row WHERE row_key LIKE 'T-RIGHTS-%' AND deleted = FALSE")
                .query(Long.class).single()).isZero();
    }

    @Test
    void everyoneElseIsRefusedAtTheDoor() {
        String units = "/api/data/administrative-units";
        for (String[] credentials : List.of(new String[] {"hp.sonv.qlvb", "wrong-secret"},
                new String[] {"hp.sonv.qlvb", "hp-sonv-dev-secret-202"}, new String[] {"no.such.system", "x"},
                new String[] {"hp.sonv.qlvb", ""})) {
            assertProblem(get(units, credentials), 401, "LGSP-401");
        }
        assertProblem(get(units, null), 401, "LGSP-401");
        // Operator accounts are people, not systems: no data API for them.
        assertProblem(get(units, credentialsWithRole("OPERATOR")), 401, "LGSP-401");
        // A system's secret does not open the admin API.
        assertThat(get("/api/admin/agencies", SONV).statusCode()).isEqualTo(401);
        // No session: each call authenticates again.
        HttpResponse<String> answered = get(units + "?size=1", SONV);
        assertThat(answered.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> put = TestHttp.send("PUT", baseUrl() + units, SONV, "application/json", "[]".getBytes());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow").orElse("").split(",")).as("a 405 names what the resource takes")
                .containsExactlyInAnyOrder("GET", "POST");
    }

    @Test
    void refusalsAreAuditedToo() {
        try (EventTopicReader audit = new EventTopicReader(kafka, json, DatasetService.AUDIT_TOPIC)) {
            assertProblem(get("/api/data/agency-directory?size=1", HONGBANG), 403, "DATA-403");
            EventTopicReader.Received refused = audit.awaitRecord("refusal of hp.hongbang.vpub", r ->
                    r.value().path("type").asText().equals("DATA_REFUSED")
                            && r.value().path("actor").asText().equals("hp.hongbang.vpub")
                            && r.key().equals("agency-directory"));
            assertThat(refused.key()).isEqualTo("agency-directory");
            assertThat(refused.value().path("data").path("refused").asText()).isEqualTo("DATA_READ");
        }
    }
}
