package vn.gov.haiphong.lgsp.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.registry.RegistryTestSupport;
import vn.gov.haiphong.lgsp.registry.imports.Conflict.Kind;

/** Importing the same file again changes nothing but adds its IMPORT record. Codes: 000.ZZ.94. */
class ReimportTest extends RegistryTestSupport {

    @Test
    void hpCsvImportedTwiceChangesNothingTheSecondTime() {
        ImportReport first = importFixture("hp-csv", "reimport-hp.csv");
        assertThat(first.agenciesCreated()).isEqualTo(4);
        assertThat(first.aliasesCreated()).isEqualTo(3);
        assertThat(first.changes()).isEqualTo(7);

        ImportReport second = reimportExpectingNoChange("hp-csv", "reimport-hp.csv", "HP_CSV");
        assertThat(second.unchanged()).isEqualTo(7);
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.importId()).isGreaterThan(first.importId());
        JsonNode merged = getJson(ADMIN + "/agencies/000.01.94.H27");
        assertThat(merged.path("agency").path("name").asText()).isEqualTo("Phòng Thử nghiệm \"Một cửa\", tái nhập");
        assertThat(merged.path("agency").path("version").asLong()).isEqualTo(1);
        assertThat(aliasesOf("000.01.94.H27")).containsExactly("000.81.94.H27", "000.82.94.H27");
    }

    @Test
    void hdJsonImportedTwiceChangesNothingTheSecondTime() {
        ImportReport first = importFixture("hd-json", "reimport-hd.json");
        assertThat(first.agenciesCreated()).isEqualTo(3);
        assertThat(first.aliasesCreated()).isEqualTo(4);
        assertThat(first.unchanged()).isEqualTo(2);
        // A Decision 20 code with a QCVN 102 twin is registered under the twin, the other kept as alias.
        assertThat(resolvedCode("H27.94.21")).isEqualTo("000.21.94.H27");
        assertThat(resolvedCode("000.21.94.H26")).isEqualTo("000.21.94.H27");

        ImportReport second = reimportExpectingNoChange("hd-json", "reimport-hd.json", "HD_JSON");
        assertThat(second.unchanged()).isEqualTo(9);
        JsonNode closed = getJson(ADMIN + "/agencies/000.22.94.H27").path("agency");
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("version").asLong()).isEqualTo(1);
    }

    @Test
    void theDemoRegistryFilesReimportWithoutChangeAndWithOnlyTheirKnownProblems() throws Exception {
        ImportReport hp = reimportExpectingNoChange("hp-csv", "hp-registry.csv",
                Files.readAllBytes(Path.of("etc/registry/hp-registry.csv")), "HP_CSV");
        assertThat(hp.units()).isEqualTo(35);
        assertThat(fileConflicts(hp)).containsExactly("MALFORMED_CODE [27.01.H27] [15] SKIPPED");
        ImportReport hd = reimportExpectingNoChange("hd-json", "hd-registry.json",
                Files.readAllBytes(Path.of("etc/registry/hd-registry.json")), "HD_JSON");
        assertThat(hd.units()).isEqualTo(26);
        assertThat(fileConflicts(hd)).containsExactly("H26_WITHOUT_SUCCESSOR [000.00.15.H26] [11] IMPORTED_WITH_WARNING");
    }

    private static List<String> fileConflicts(ImportReport report) {
        return report.conflicts().stream().filter(c -> c.kind() != Kind.CLOSED_AGENCY_OWNS_ENABLED_SYSTEM)
                .map(ImportConflictsTest::brief).toList();
    }

    private ImportReport reimportExpectingNoChange(String format, String fixture, String formatName) {
        return reimportExpectingNoChange(format, fixture, fixture(fixture), formatName);
    }

    /** Imports the file once more and checks that only the IMPORT record was added. */
    private ImportReport reimportExpectingNoChange(String format, String fileName, byte[] content, String formatName) {
        JsonNode agenciesBefore = getJson(ADMIN + "/agencies");
        JsonNode aliasesBefore = getJson(ADMIN + "/aliases");
        JsonNode systemsBefore = getJson(ADMIN + "/systems");
        int agencyRows = agencyRows();
        int aliasRows = aliasRows();
        long lastChange = lastChangeId();

        ImportReport report = importFile(format, fileName, content);

        assertThat(report.changes()).isZero();
        assertThat(report.agenciesCreated()).isZero();
        assertThat(report.agenciesUpdated()).isZero();
        assertThat(report.aliasesCreated()).isZero();
        assertThat(report.aliasesUpdated()).isZero();
        assertThat(report.importId()).isNotNull();
        assertThat(getJson(ADMIN + "/agencies")).isEqualTo(agenciesBefore);
        assertThat(getJson(ADMIN + "/aliases")).isEqualTo(aliasesBefore);
        assertThat(getJson(ADMIN + "/systems")).isEqualTo(systemsBefore);
        assertThat(agencyRows()).isEqualTo(agencyRows);
        assertThat(aliasRows()).isEqualTo(aliasRows);
        List<JsonNode> changes = changesSince(lastChange);
        assertThat(changes).hasSize(1);
        JsonNode change = changes.get(0);
        assertThat(change.path("action").asText()).isEqualTo("IMPORT");
        assertThat(change.path("entity").asText()).isEqualTo("REGISTRY");
        assertThat(change.path("entityKey").asText()).isEqualTo(formatName + ":" + fileName);
        assertThat(change.path("actor").asText()).isEqualTo(operatorName());
        assertThat(change.path("detail").path("changes").asInt()).isZero();
        assertThat(change.path("detail").path("importId").asLong()).isEqualTo(report.importId());
        JsonNode listed = getJson(ADMIN + "/imports?limit=1").get(0);
        assertThat(listed.path("importId").asLong()).isEqualTo(report.importId());
        return report;
    }
}
