package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.TestHttp;

/** /opendata without authentication: public fields only, JSON and CSV, caching, rate limit. Keys T-OD-*. */
class OpenDataTest extends WarehouseTestSupport {

    @BeforeEach
    @AfterEach
    void fullBucket() {
        refillLoopbackBuckets();
    }

    @Test
    void publicFieldsOnlyWithoutAuthentication() {
        HttpResponse<String> units = get("/opendata/administrative-units?size=500", null);
        JsonNode page = ok(units);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(22);
        assertThat(units.body()).doesNotContain("officerInCharge").doesNotContain("Phòng Chính quyền địa phương");
        page.path("items").forEach(i -> assertThat(i.path("data").has("officerInCharge")).isFalse());
        assertThat(units.headers().firstValue("Cache-Control")).contains("public, max-age=300");

        HttpResponse<String> agencies = get("/opendata/agency-directory?size=500", null);
        assertThat(ok(agencies).path("total").asLong()).isGreaterThan(40);
        assertThat(agencies.body()).doesNotContain("\"phone\"").doesNotContain("0225 3842");

        // Non-public fields cannot be filtered, sorted or selected either (no probing hidden values).
        for (String query : List.of("officerInCharge=" + enc("Phòng Chính quyền địa phương - Sở Nội vụ"),
                "sort=officerInCharge", "fields=officerInCharge", "fields=name,officerInCharge")) {
            assertProblem(get("/opendata/administrative-units?" + query, null), 400, "DATA-402");
        }
        assertProblem(get("/opendata/agency-directory?phone=" + enc("0225 3842 001"), null), 400, "DATA-402");
        assertProblem(get("/opendata/no-such-dataset", null), 404, "DATA-401");
        // Writing is not open data.
        assertThat(TestHttp.send("POST", baseUrl() + "/opendata/document-types", null, "application/json",
                "[]".getBytes()).statusCode()).isIn(401, 403, 405);
    }

    @Test
    void injectionAttemptsOnOpenDataMatchNothingOrAreRefused() {
        for (String attack : List.of("' OR 1=1 --", "name;DROP TABLE dataset_row", "officerInCharge' --")) {
            assertThat(ok(get("/opendata/administrative-units?name=" + enc(attack), null)).path("total").asLong())
                    .isZero();
            assertProblem(get("/opendata/administrative-units?" + enc(attack) + "=x", null), 400, "DATA-402");
            assertProblem(get("/opendata/administrative-units?sort=" + enc(attack), null), 400, "DATA-402");
            assertProblem(get("/opendata/administrative-units?fields=" + enc(attack), null), 400, "DATA-402");
            HttpResponse<String> csv = get("/opendata/administrative-units?format=csv&name=" + enc(attack), null);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body().split("\r\n")).hasSize(1);
        }
    }

    @Test
    void csvEscapesCommasQuotesLineBreaksAndKeepsVietnamese() throws Exception {
        String tricky = "Quy định, \"đặc biệt\"\r\nvề Hải Phòng; dòng hai\nvà ba";
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", "T-OD-1");
        row.put("name", tricky);
        row.put("abbreviation", "QyĐ,\"x\"");
        row.put("sortOrder", 901);
        row.put("active", false);
        row.put("internalNote", "BÍ MẬT nội bộ");
        assertThat(post("/api/data/document-types", SONV, List.of(row)).statusCode()).isEqualTo(200);

        HttpResponse<String> csv = get("/opendata/document-types?format=csv&code=T-OD-1", null);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv")
                .containsIgnoringCase("charset=UTF-8");
        assertThat(csv.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        assertThat(csv.body()).doesNotStartWith("\uFEFF").doesNotContain("BÍ MẬT").doesNotContain("internalNote");
        assertThat(csv.body()).startsWith("code,name,abbreviation,legalBasis,sortOrder,active\r\n");
        assertThat(csv.body()).contains("\"Quy định, \"\"đặc biệt\"\"\r\nvề Hải Phòng; dòng hai\nvà ba\"");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("name")).isEqualTo(tricky);
        assertThat(records.get(0).get("abbreviation")).isEqualTo("QyĐ,\"x\"");
        assertThat(records.get(0).get("sortOrder")).isEqualTo("901");
        assertThat(records.get(0).get("active")).isEqualTo("false");

        HttpResponse<byte[]> withBom = TestHttp.CLIENT_FOR_BYTES.send(TestHttp.request(baseUrl()
                + "/opendata/document-types?format=csv&bom=true&code=T-OD-1&fields=code,name", null).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = withBom.body();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .startsWith("code,name\r\nT-OD-1,\"Quy định, ");

        // JSON carries the same text unharmed.
        JsonNode item = ok(get("/opendata/document-types?code=T-OD-1", null)).path("items").get(0);
        assertThat(item.path("data").path("name").asText()).isEqualTo(tricky);
        assertThat(item.path("data").has("internalNote")).isFalse();
    }

    @Test
    void spreadsheetCsvShowsFormulasAsText() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", "T-OD-FORMULA");
        row.put("name", "=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")");
        row.put("abbreviation", "@SUM(1+1)");
        row.put("legalBasis", "-2+3");
        row.put("sortOrder", -5);
        assertThat(post("/api/data/document-types", SONV, List.of(row)).statusCode()).isEqualTo(200);
        String spreadsheet = get("/opendata/document-types?format=csv&bom=true&code=T-OD-FORMULA", null).body();
        assertThat(spreadsheet).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bấm vào đây\"\")\"")
                .contains(",'@SUM(1+1),'-2+3,-5,");
        // Without the BOM the file is for programs: values exactly as stored.
        String plain = get("/opendata/document-types?format=csv&code=T-OD-FORMULA", null).body();
        assertThat(plain).contains(",@SUM(1+1),-2+3,-5,").doesNotContain("'");
    }

    @Test
    void etagGives304AndChangesWithTheData() {
        String path = "/opendata/administrative-units?unitType=" + enc("Đặc khu") + "&format=csv";
        HttpResponse<String> first = get(path, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = TestHttp.send(TestHttp.request(baseUrl() + path, null)
                .header("If-None-Match", etag).GET().build());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("Cache-Control")).contains("public, max-age=300");

        Map<String, Object> row = new LinkedHashMap<>(Map.of("code", "T-OD-ETAG", "name", "Đặc khu Thử nghiệm",
                "unitType", "Đặc khu"));
        assertThat(post("/api/data/administrative-units", SONV, List.of(row)).statusCode()).isEqualTo(200);
        HttpResponse<String> changed = TestHttp.send(TestHttp.request(baseUrl() + path, null)
                .header("If-None-Match", etag).GET().build());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Đặc khu Thử nghiệm");
        assertThat(delete("/api/data/administrative-units/T-OD-ETAG", SONV).statusCode()).isEqualTo(200);
    }

    @Test
    void catalogueListsTheOpenDatasetsAsJsonAndHtml() {
        JsonNode catalogue = ok(get("/opendata", null));
        List<String> names = new ArrayList<>();
        catalogue.path("datasets").forEach(d -> names.add(d.path("name").asText()));
        assertThat(names).contains("administrative-units", "agency-directory", "document-types");
        JsonNode units = catalogue.path("datasets").get(names.indexOf("administrative-units"));
        List<String> fields = new ArrayList<>();
        units.path("fields").forEach(f -> fields.add(f.path("name").asText()));
        assertThat(fields).contains("code", "name", "formerAgencyCodes").doesNotContain("officerInCharge");
        assertThat(units.path("csv").asText()).isEqualTo("/opendata/administrative-units?format=csv");

        HttpResponse<String> html = get("/opendata/catalogue.html", null);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(html.body()).contains("Đơn vị hành chính cấp xã thành phố Hải Phòng")
                .contains("href=\"/opendata/document-types\"").doesNotContain("officerInCharge");
    }

    @Test
    void oneAddressIsLimitedWith429AndRetryAfter() {
        HttpResponse<String> limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            HttpResponse<String> response = get("/opendata/document-types?size=1&fields=code", null);
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("no 429 within 200 requests").isNotNull();
        assertProblem(limited, 429, "DATA-408");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        // The data API is not limited by the open data bucket.
        assertThat(get("/api/data/document-types?size=1", SONV).statusCode()).isEqualTo(200);
    }
}
