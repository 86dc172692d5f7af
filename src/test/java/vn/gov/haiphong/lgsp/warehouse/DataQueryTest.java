package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.TestHttp;

/** GET /api/data/{dataset}: filters, sort, paging, field selection, ETag, refusals (demo rows only, read-only). */
class DataQueryTest extends WarehouseTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    vn.gov.haiphong.lgsp.registry.AgencyResolver resolver;

    private static final String UNITS = "/api/data/administrative-units";

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(i -> values.add(i.path("data").path(field).asText()));
        return values;
    }

    @Test
    void demoRowsCarryKeyVersionRegionAndLastChange() {
        JsonNode page = ok(get(UNITS + "?size=500", SONV));
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(22);
        JsonNode haiDuong = ok(get(UNITS + "?agencyCode=000.60.71.H27", SONV)).path("items").get(0);
        assertThat(haiDuong.path("key").asText()).isEqualTo("10701");
        assertThat(haiDuong.path("version").asLong()).isEqualTo(1);
        assertThat(haiDuong.path("region").asText()).isEqualTo("HD");
        assertThat(haiDuong.path("updatedAt").asText()).isNotBlank();
        assertThat(haiDuong.path("data").path("name").asText()).isEqualTo("Phường Hải Dương");
        assertThat(haiDuong.path("data").path("formerAgencyCodes").asText()).isEqualTo("000.01.21.H26");
        // The owner sees non-public fields too.
        assertThat(haiDuong.path("data").has("officerInCharge")).isTrue();
    }

    /** The demo's old codes are the registry's: each resolves (as an alias) to the unit's current agency. */
    @Test
    void formerCodesOfEveryUnitResolveToItsAgencyInTheRegistry() {
        JsonNode units = ok(get(UNITS + "?size=500", SONV)).path("items");
        int checked = 0;
        for (JsonNode unit : units) {
            String agency = unit.path("data").path("agencyCode").asText();
            if (unit.path("key").asText().startsWith("T-")) {
                continue;
            }
            if (agency.isEmpty()) {
                // A unit whose committee has no code yet (e.g. new from the Hải Dương export) has no former codes either.
                assertThat(unit.path("data").has("formerAgencyCodes")).as(unit.toString()).isFalse();
                continue;
            }
            assertThat(resolver.snapshot().agency(agency)).as(agency).isPresent();
            for (String former : unit.path("data").path("formerAgencyCodes").asText("").split(";")) {
                if (!former.isEmpty()) {
                    assertThat(resolver.resolve(former)).as(former).get()
                            .satisfies(r -> assertThat(r.agency().code()).isEqualTo(agency));
                    assertThat(resolver.resolve(former).get().viaAlias()).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(14);
    }

    @Test
    void filtersOnDeclaredFieldsOfEveryType() {
        JsonNode wards = ok(get(UNITS + "?unitType=" + enc("Xã") + "&size=100", SONV));
        assertThat(texts(wards.path("items"), "unitType")).isNotEmpty().containsOnly("Xã");
        assertThat(wards.path("total").asLong()).isEqualTo(wards.path("items").size());
        JsonNode byNumber = ok(get(UNITS + "?population=68950", SONV));
        assertThat(texts(byNumber.path("items"), "name")).containsExactly("Phường Hải Dương");
        assertThat(ok(get(UNITS + "?effectiveFrom=2025-07-01&size=1", SONV)).path("total").asLong())
                .isGreaterThanOrEqualTo(22);
        JsonNode both = ok(get(UNITS + "?unitType=" + enc("Phường") + "&name=" + enc("Phường Đồ Sơn"), SONV));
        assertThat(texts(both.path("items"), "agencyCode")).containsExactly("000.21.36.H27");
        assertThat(ok(get("/api/data/document-types?active=true&size=1", SONV)).path("total").asLong())
                .isGreaterThanOrEqualTo(18);
        assertThat(ok(get(UNITS + "?name=" + enc("Không có phường này"), SONV)).path("items")).isEmpty();
    }

    @Test
    void sortsByTextAndNumberBothWaysAndPages() {
        JsonNode byPopulation = ok(get(UNITS + "?sort=-population&size=3&fields=population", SONV));
        List<Long> top = new ArrayList<>();
        byPopulation.path("items").forEach(i -> top.add(i.path("data").path("population").asLong()));
        assertThat(top).hasSize(3).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(top.get(0)).isEqualTo(71260L);

        JsonNode ascending = ok(get(UNITS + "?sort=population&size=500&fields=population", SONV));
        List<Long> all = new ArrayList<>();
        ascending.path("items").forEach(i -> all.add(i.path("data").path("population").asLong()));
        assertThat(all).isSorted();

        List<String> keys = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            ok(get(UNITS + "?sort=unitType,-code&size=5&page=" + page, SONV))
                    .path("items").forEach(i -> keys.add(i.path("key").asText()));
        }
        assertThat(keys).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(22);
    }

    @Test
    void fieldSelectionReturnsOnlyTheNamedFields() {
        JsonNode items = ok(get(UNITS + "?fields=name,code&size=2", SONV)).path("items");
        assertThat(items).hasSize(2);
        items.forEach(i -> {
            List<String> names = new ArrayList<>();
            i.path("data").fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyInAnyOrder("name", "code");
        });
    }

    @Test
    void etagAnswers304UntilTheAnswerChanges() {
        HttpResponse<String> first = get("/api/data/document-types?code=QD", PHUONG_HD);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).contains("private, no-cache");
        HttpResponse<String> again = TestHttp.send(TestHttp.request(baseUrl() + "/api/data/document-types?code=QD",
                PHUONG_HD).header("If-None-Match", etag).GET().build());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        HttpResponse<String> other = TestHttp.send(TestHttp.request(baseUrl() + "/api/data/document-types?code=CT",
                PHUONG_HD).header("If-None-Match", etag).GET().build());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void badRequestsAreRefusedWithCatalogueCodes() {
        assertProblem(get("/api/data/no-such-dataset", SONV), 404, "DATA-401");
        assertProblem(get(UNITS + "?colour=red", SONV), 400, "DATA-402");
        assertProblem(get(UNITS + "?sort=colour", SONV), 400, "DATA-402");
        assertProblem(get(UNITS + "?fields=name,colour", SONV), 400, "DATA-402");
        assertProblem(get(UNITS + "?size=0", SONV), 400, "DATA-404");
        assertProblem(get(UNITS + "?size=501", SONV), 400, "DATA-404");
        assertProblem(get(UNITS + "?page=-1", SONV), 400, "DATA-404");
        assertProblem(get(UNITS + "?size=many", SONV), 400, "DATA-404");
        assertProblem(get(UNITS + "?population=many", SONV), 400, "DATA-405");
        assertProblem(get(UNITS + "?effectiveFrom=01/07/2025", SONV), 400, "DATA-405");
        assertProblem(get("/api/data/document-types?active=yes", SONV), 400, "DATA-405");
    }

    /**
     * Hostile text in every parameter: either refused (400, nothing echoed) or taken as a plain
     * value that matches nothing; never rows beyond what the caller may see, never an error 500.
     */
    @Test
    void injectionAttemptsNeverBecomeSql() {
        List<String> hostile = List.of("' OR 1=1 --", "x' OR 'a'='a", "name;DROP TABLE dataset_row", "1) OR (1=1",
                "\" OR \"\"=\"", "*/ OR 1=1 /*", "%27%20OR%201%3D1", "code UNION SELECT payload FROM dataset_row");
        long total = ok(get(UNITS + "?size=1", SONV)).path("total").asLong();
        for (String attack : hostile) {
            // As a value of a text filter: a literal that matches no row.
            JsonNode byValue = ok(get(UNITS + "?name=" + enc(attack), SONV));
            assertThat(byValue.path("total").asLong()).as(attack).isZero();
            // As a value of a number, date or boolean filter: refused as the wrong type.
            assertProblem(get(UNITS + "?population=" + enc(attack), SONV), 400, "DATA-405");
            assertProblem(get(UNITS + "?effectiveFrom=" + enc(attack), SONV), 400, "DATA-405");
            // As a field name, a sort, a selection: not a declared field.
            for (String query : List.of(enc(attack) + "=1", "sort=" + enc(attack), "sort=-" + enc(attack),
                    "sort=name," + enc(attack), "fields=" + enc(attack), "fields=name," + enc(attack))) {
                HttpResponse<String> refused = get(UNITS + "?" + query, SONV);
                assertProblem(refused, 400, "DATA-402");
                assertThat(refused.body()).doesNotContain(attack);
            }
            // As paging: not a number.
            assertProblem(get(UNITS + "?page=" + enc(attack), SONV), 400, "DATA-404");
            // As a dataset name: no such dataset (and no other dataset's rows).
            HttpResponse<String> dataset = get("/api/data/" + enc(attack).replace("+", "%20"), SONV);
            assertThat(dataset.statusCode()).as(attack).isIn(400, 404);
            assertThat(dataset.body()).doesNotContain("\"items\"");
        }
        // Nothing was dropped or changed.
        assertThat(ok(get(UNITS + "?size=1", SONV)).path("total").asLong()).isEqualTo(total);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dataset_row").query(Long.class).single()).isPositive();
    }
}
