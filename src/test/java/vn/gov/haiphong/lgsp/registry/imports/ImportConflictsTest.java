package vn.gov.haiphong.lgsp.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.registry.RegistryTestSupport;
import vn.gov.haiphong.lgsp.registry.imports.Conflict.Kind;

/**
 * Both legacy formats through the real admin API, with every kind of conflict the importer
 * reports. Codes: 000.ZZ.91 (CSV), 000.ZZ.92 (JSON), 000.ZZ.93 (two-step cases).
 */
class ImportConflictsTest extends RegistryTestSupport {

    static final String DEMO_CLOSED_OWNER = "CLOSED_AGENCY_OWNS_ENABLED_SYSTEM [000.01.31.H27, hp.hongbang.vpub] [] REPORTED";

    /** kind, codes, lines and action of a conflict: what a data steward acts on. */
    static String brief(Conflict c) {
        return c.kind() + " " + c.codes() + " " + c.lines() + " " + c.action();
    }

    /** The conflicts the file itself caused (not the registry-wide findings about systems). */
    static List<String> fromFile(ImportReport report) {
        return report.conflicts().stream().filter(c -> c.kind() != Kind.CLOSED_AGENCY_OWNS_ENABLED_SYSTEM)
                .map(ImportConflictsTest::brief).toList();
    }

    static List<String> closedOwners(ImportReport report) {
        return report.conflicts().stream().filter(c -> c.kind() == Kind.CLOSED_AGENCY_OWNS_ENABLED_SYSTEM)
                .map(ImportConflictsTest::brief).toList();
    }

    @Test
    void hpCsvImportReportsEveryFileConflictAndImportsTheRest() {
        ImportReport report = importFixture("hp-csv", "conflicts-hp.csv");

        assertThat(report.format()).isEqualTo(ImportFormat.HP_CSV);
        assertThat(report.importId()).isNotNull();
        assertThat(report.dryRun()).isFalse();
        assertThat(report.units()).isEqualTo(13);
        assertThat(report.agenciesCreated()).isEqualTo(9);
        assertThat(report.agenciesUpdated()).isZero();
        assertThat(report.aliasesCreated()).isEqualTo(2);
        assertThat(report.skipped()).isEqualTo(4);
        assertThat(report.unchanged()).isZero();
        assertThat(fromFile(report)).containsExactlyInAnyOrder(
                "MALFORMED_CODE [91.91.H27] [10] SKIPPED",
                "MALFORMED_CODE [91.06.H27] [11] ALIAS_SKIPPED",
                "CODE_CLAIMED_TWICE [000.01.91.H27] [3, 4] SKIPPED",
                "CODE_CLAIMED_TWICE [000.00.02.H27] [7] SKIPPED",
                "CODE_CLAIMED_TWICE [000.90.91.H27] [5, 6] ALIAS_SKIPPED",
                "ALIAS_CYCLE [000.04.91.H27, 000.05.91.H27] [8, 9] ALIAS_SKIPPED",
                "H26_WITHOUT_SUCCESSOR [000.00.91.H26] [12] IMPORTED_WITH_WARNING",
                "PARENT_NOT_FOUND [000.07.91.H27, 000.99.91.H27] [13] IMPORTED_WITH_WARNING");
        // The demo data's dissolved Hồng Bàng office still owns an enabled system.
        assertThat(closedOwners(report)).contains(DEMO_CLOSED_OWNER);
        Conflict taken = report.conflicts().stream()
                .filter(c -> c.codes().equals(List.of("000.00.02.H27"))).findFirst().orElseThrow();
        assertThat(taken.message()).contains("Sở Nội vụ").contains("Sở Nội vụ (bản ghi trùng mã)");

        // What was imported, and what was not.
        assertThat(resolvedCode("000.00.91.H27")).isEqualTo("000.00.91.H27");
        assertThat(resolvedCode("000.01.91.H27")).isNull();
        assertThat(resolvedCode("000.02.91.H27")).isEqualTo("000.02.91.H27");
        assertThat(resolvedCode("000.03.91.H27")).isEqualTo("000.03.91.H27");
        assertThat(resolvedCode("000.90.91.H27")).isNull();
        JsonNode unit = getJson(ADMIN + "/resolve/000.04.91.H27");
        assertThat(unit.path("viaAlias").asBoolean()).isFalse();
        assertThat(aliasesOf("000.04.91.H27")).isEmpty();
        assertThat(aliasesOf("000.05.91.H27")).isEmpty();
        assertThat(resolvedCode("000.06.91.H27")).isEqualTo("000.06.91.H27");
        assertThat(aliasesOf("000.06.91.H27")).isEmpty();
        JsonNode h26 = getJson(ADMIN + "/agencies/000.00.91.H26").path("agency");
        assertThat(h26.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(getJson(ADMIN + "/agencies/000.07.91.H27").path("agency").path("parentCode").asText())
                .isEqualTo("000.99.91.H27");
        JsonNode alias = getJson(ADMIN + "/resolve/000.88.91.H27");
        assertThat(alias.path("agency").path("code").asText()).isEqualTo("000.08.91.H27");
        assertThat(alias.path("viaAlias").asBoolean()).isTrue();
        assertThat(resolvedCode("000.87.91.H27")).isEqualTo("000.08.91.H27");
        assertThat(aliasesOf("000.08.91.H27")).containsExactly("000.87.91.H27", "000.88.91.H27");
        // The code owned by another unit kept its owner.
        JsonNode homeAffairs = getJson(ADMIN + "/agencies/000.00.02.H27").path("agency");
        assertThat(homeAffairs.path("name").asText()).isEqualTo("Sở Nội vụ");
        assertThat(homeAffairs.path("sourceId").asText()).isEqualTo("110");
        JsonNode department = getJson(ADMIN + "/agencies/000.00.91.H27").path("agency");
        assertThat(department.path("email").asText()).isEqualTo("so91@test.haiphong.gov.vn");
        assertThat(department.path("validFrom").asText()).isEqualTo("2025-07-01");
        assertThat(department.path("source").asText()).isEqualTo("HP_PLATFORM");
        assertThat(department.path("region").asText()).isEqualTo("HP");

        // The stored report is the one answered.
        ImportReport stored = report(get(ADMIN + "/imports/" + report.importId()).body());
        assertThat(stored).isEqualTo(report);

        // The registry-wide view agrees on what is still there.
        List<String> registryWide = registryConflicts();
        assertThat(registryWide).contains("H26_WITHOUT_SUCCESSOR [000.00.91.H26] [] REPORTED",
                "PARENT_NOT_FOUND [000.07.91.H27, 000.99.91.H27] [] REPORTED", DEMO_CLOSED_OWNER);
    }

    @Test
    void hdJsonImportReportsEveryFileConflictAndImportsTheRest() {
        ImportReport report = importFixture("hd-json", "conflicts-hd.json");

        assertThat(report.format()).isEqualTo(ImportFormat.HD_JSON);
        assertThat(report.units()).isEqualTo(13);
        assertThat(report.agenciesCreated()).isEqualTo(8);
        assertThat(report.agenciesUpdated()).isZero();
        assertThat(report.aliasesCreated()).isEqualTo(2);
        assertThat(report.skipped()).isEqualTo(4);
        // The shared root and its H26 alias are already there (from the demo data).
        assertThat(report.unchanged()).isEqualTo(2);
        assertThat(fromFile(report)).containsExactlyInAnyOrder(
                "CODE_CLAIMED_TWICE [000.00.03.H27] [3] SKIPPED",
                "ALIAS_CYCLE [000.01.92.H27, 000.02.92.H27] [4, 5] ALIAS_SKIPPED",
                "CODE_CLAIMED_TWICE [000.90.92.H26] [6, 7] ALIAS_SKIPPED",
                "CODE_CLAIMED_TWICE [000.05.92.H27] [8, 9] SKIPPED",
                "H26_WITHOUT_SUCCESSOR [000.00.92.H26] [10] IMPORTED_WITH_WARNING",
                "MALFORMED_CODE [92.11.H27] [11] SKIPPED",
                "PARENT_NOT_FOUND [000.06.92.H27, 000.05.92.H27] [12] IMPORTED_WITH_WARNING");
        assertThat(closedOwners(report)).contains(DEMO_CLOSED_OWNER);
        Conflict taken = report.conflicts().stream()
                .filter(c -> c.codes().equals(List.of("000.00.03.H27"))).findFirst().orElseThrow();
        assertThat(taken.message()).contains("'Sở Tài chính'").contains("HP_PLATFORM");

        JsonNode department = getJson(ADMIN + "/resolve/000.10.92.H26");
        assertThat(department.path("agency").path("code").asText()).isEqualTo("000.00.92.H27");
        assertThat(department.path("agency").path("parentCode").asText()).isEqualTo("000.00.00.H27");
        assertThat(department.path("agency").path("source").asText()).isEqualTo("HD_PLATFORM");
        assertThat(department.path("agency").path("region").asText()).isEqualTo("HD");
        assertThat(department.path("agency").path("email").asText()).isEqualTo("so92@test.haiduong.gov.vn");
        assertThat(getJson(ADMIN + "/agencies/000.01.92.H27").path("agency").path("parentCode").asText())
                .isEqualTo("000.00.92.H27");
        assertThat(aliasesOf("000.01.92.H27")).isEmpty();
        assertThat(resolvedCode("000.90.92.H26")).isNull();
        assertThat(resolvedCode("000.05.92.H27")).isNull();
        assertThat(resolvedCode("000.00.92.H26")).isEqualTo("000.00.92.H26");
        assertThat(getJson(ADMIN + "/agencies/000.00.03.H27").path("agency").path("name").asText())
                .isEqualTo("Sở Tài chính");
        JsonNode closed = getJson(ADMIN + "/resolve/000.07.92.H26").path("agency");
        assertThat(closed.path("code").asText()).isEqualTo("000.07.92.H27");
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("validTo").asText()).isEqualTo("2025-06-30");
        // The shared root keeps its Hải Phòng row.
        assertThat(getJson(ADMIN + "/agencies/000.00.00.H27").path("agency").path("source").asText())
                .isEqualTo("HP_PLATFORM");
    }

    @Test
    void sameCsvUnitUnderANewCodeIsRefusedAsTwoCurrentCodes() {
        ImportReport first = importFixture("hp-csv", "unit-new-code-1.csv");
        assertThat(first.agenciesCreated()).isEqualTo(1);
        assertThat(fromFile(first)).isEmpty();

        ImportReport second = importFixture("hp-csv", "unit-new-code-2.csv");
        assertThat(second.changes()).isZero();
        assertThat(second.skipped()).isEqualTo(1);
        assertThat(fromFile(second)).containsExactly(
                "UNIT_WITH_TWO_CURRENT_CODES [000.00.93.H27, 000.01.93.H27] [2] SKIPPED");
        assertThat(resolvedCode("000.00.93.H27")).isEqualTo("000.00.93.H27");
        assertThat(resolvedCode("000.01.93.H27")).isNull();
    }

    @Test
    void sameJsonUnitUnderANewCodeIsRefusedAsTwoCurrentCodes() {
        ImportReport first = importFixture("hd-json", "unit-new-code-1.json");
        assertThat(first.agenciesCreated()).isEqualTo(1);

        ImportReport second = importFixture("hd-json", "unit-new-code-2.json");
        assertThat(second.changes()).isZero();
        assertThat(fromFile(second)).containsExactly(
                "UNIT_WITH_TWO_CURRENT_CODES [000.20.93.H27, 000.21.93.H27] [1] SKIPPED");
        assertThat(resolvedCode("000.21.93.H27")).isNull();
    }

    @Test
    void closingAnAgencyThatOwnsAnEnabledSystemIsReported() {
        ImportReport first = importFixture("hp-csv", "closed-owner-1.csv");
        assertThat(first.agenciesCreated()).isEqualTo(1);
        assertThat(closedOwners(first)).noneMatch(c -> c.contains("000.40.93.H27"));
        var created = sendJson("POST", ADMIN + "/systems", Map.of("systemId", "test.closed93.qlvb",
                "name", "Phần mềm văn bản thử nghiệm", "ownerAgency", "000.40.93.H27",
                "agencies", List.of("000.40.93.H27"), "protocols", List.of("VDXP_REST"), "deliveryMode", "PULL",
                "enabled", true));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        ImportReport second = importFixture("hp-csv", "closed-owner-2.csv");
        assertThat(second.agenciesUpdated()).isEqualTo(1);
        assertThat(closedOwners(second)).contains(
                "CLOSED_AGENCY_OWNS_ENABLED_SYSTEM [000.40.93.H27, test.closed93.qlvb] [] REPORTED", DEMO_CLOSED_OWNER);
        JsonNode agency = getJson(ADMIN + "/agencies/000.40.93.H27").path("agency");
        assertThat(agency.path("status").asText()).isEqualTo("CLOSED");
        assertThat(agency.path("validTo").asText()).isEqualTo("2025-12-31");
        assertThat(agency.path("version").asLong()).isEqualTo(2);
        assertThat(registryConflicts()).contains(
                "CLOSED_AGENCY_OWNS_ENABLED_SYSTEM [000.40.93.H27, test.closed93.qlvb] [] REPORTED");
    }

    @Test
    void demoDataAlreadyShowsTheClosedOwnerOfAnEnabledSystem() {
        JsonNode answer = getJson(ADMIN + "/conflicts");
        assertThat(answer.path("count").asInt()).isEqualTo(answer.path("conflicts").size());
        assertThat(registryConflicts()).contains(DEMO_CLOSED_OWNER,
                "H26_WITHOUT_SUCCESSOR [000.00.15.H26] [] REPORTED");
    }

    private List<String> registryConflicts() {
        List<String> found = new ArrayList<>();
        for (JsonNode c : getJson(ADMIN + "/conflicts").path("conflicts")) {
            List<String> codes = new ArrayList<>();
            c.path("codes").forEach(code -> codes.add(code.asText()));
            List<Integer> lines = new ArrayList<>();
            c.path("lines").forEach(line -> lines.add(line.asInt()));
            found.add(c.path("kind").asText() + " " + codes + " " + lines + " " + c.path("action").asText());
        }
        return found;
    }
}
