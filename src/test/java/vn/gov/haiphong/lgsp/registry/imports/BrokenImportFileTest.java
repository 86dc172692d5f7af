package vn.gov.haiphong.lgsp.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.gov.haiphong.lgsp.registry.RegistryTestSupport;

/**
 * A file that cannot be read changes nothing and says where it is broken; a dry run reports
 * without writing. Codes: 000.5x-9x.94 (none of them may ever exist).
 */
class BrokenImportFileTest extends RegistryTestSupport {

    /** The registry as the API and the database show it, to compare before and after. */
    record State(JsonNode agencies, JsonNode aliases, int agencyRows, int aliasRows, int imports, long lastChange) {
    }

    State state() {
        return new State(getJson(ADMIN + "/agencies"), getJson(ADMIN + "/aliases"), agencyRows(), aliasRows(),
                importRows(), lastChangeId());
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                // format, fixture, line, field (null: none), a code of a good line that must not appear
                Arguments.of("hp-csv", "broken-status.csv", 4, "trang_thai", List.of("000.50.94.H27", "000.60.94.H27")),
                Arguments.of("hp-csv", "broken-date.csv", 3, "hieu_luc_tu", List.of("000.54.94.H27", "000.55.94.H27")),
                Arguments.of("hp-csv", "broken-date-format.csv", 3, "hieu_luc_den", List.of("000.56.94.H27")),
                Arguments.of("hp-csv", "broken-header.csv", 1, null, List.of("000.58.94.H27")),
                Arguments.of("hp-csv", "broken-header-trailing-comma.csv", 1, null, List.of("000.59.94.H27")),
                Arguments.of("hp-csv", "broken-fields.csv", 3, null, List.of("000.61.94.H27")),
                Arguments.of("hp-csv", "broken-latin1.csv", 1, null, List.of("000.63.94.H27")),
                // JSON items are numbered from 1 in the data array.
                Arguments.of("hd-json", "broken-pid.json", 3, "pid", List.of("000.70.94.H27", "000.70.94.H26")),
                Arguments.of("hd-json", "broken-syntax.json", 8, null, List.of("000.73.94.H27")),
                Arguments.of("hd-json", "broken-deleted.json", 2, "deleted", List.of("000.74.94.H27")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenFiles")
    void brokenFileIsRefusedWithItsLineAndChangesNothing(String format, String fixture, int line, String field,
                                                          List<String> codes) {
        for (boolean dryRun : new boolean[] {false, true}) {
            State before = state();
            HttpResponse<String> response = postImport(format, fixture, fixture(fixture), dryRun);

            JsonNode problem = assertProblem(response, 422, "REG-131");
            assertThat(problem.path("line").isInt()).as(response.body()).isTrue();
            assertThat(problem.path("line").asInt()).as(response.body()).isEqualTo(line);
            if (field == null) {
                assertThat(problem.has("field")).as(response.body()).isFalse();
            } else {
                assertThat(problem.path("field").asText()).as(response.body()).isEqualTo(field);
            }
            assertThat(problem.path("detail").asText()).contains(fixture).contains("line " + line);
            assertThat(state()).isEqualTo(before);
            for (String code : codes) {
                assertThat(resolvedCode(code)).as(code).isNull();
            }
        }
    }

    @Test
    void dryRunReportsWhatWouldChangeAndWritesNothing() {
        State before = state();
        HttpResponse<String> response = postImport("hp-csv", "dryrun-hp.csv", fixture("dryrun-hp.csv"), true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ImportReport report = report(response.body());
        assertThat(report.dryRun()).isTrue();
        assertThat(report.importId()).isNull();
        assertThat(report.units()).isEqualTo(2);
        assertThat(report.agenciesCreated()).isEqualTo(2);
        assertThat(report.aliasesCreated()).isEqualTo(1);
        assertThat(report.changes()).isEqualTo(3);
        assertThat(state()).isEqualTo(before);
        assertThat(resolvedCode("000.90.94.H27")).isNull();
        assertThat(resolvedCode("000.91.94.H27")).isNull();
        assertThat(resolvedCode("000.92.94.H27")).isNull();

        HttpResponse<String> json = postImport("hd-json", "dryrun-hd.json", fixture("dryrun-hd.json"), true);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        ImportReport hd = report(json.body());
        assertThat(hd.dryRun()).isTrue();
        assertThat(hd.agenciesCreated()).isEqualTo(1);
        assertThat(hd.aliasesCreated()).isEqualTo(1);
        assertThat(state()).isEqualTo(before);
        assertThat(resolvedCode("000.93.94.H26")).isNull();
    }

    @Test
    void unknownFormatIsRefused() {
        State before = state();
        assertProblem(postImport("xml", "dryrun-hp.csv", fixture("dryrun-hp.csv"), false), 400, "LGSP-400");
        assertThat(state()).isEqualTo(before);
    }
}
