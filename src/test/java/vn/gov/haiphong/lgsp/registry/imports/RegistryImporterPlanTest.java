package vn.gov.haiphong.lgsp.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.Alias;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/** The import plan, decided before anything is written, without Spring. */
class RegistryImporterPlanTest {

    static final RegistrySnapshot REGISTRY = new RegistrySnapshot(
            List.of(new Agency("000.00.00.H27", "Ủy ban nhân dân thành phố Hải Phòng", null, Region.HP,
                    AgencyStatus.ACTIVE, null, null, null, null, Source.HP_PLATFORM, "100", 1, Instant.EPOCH)),
            List.of(new Alias("000.00.00.H26", "000.00.00.H27", Source.HD_PLATFORM, null, Instant.EPOCH)), List.of());

    static List<ImportedUnit> csv(String... rows) {
        return HpRegistryCsvReader.read((HpRegistryCsvReaderTest.HEADER + "\n" + String.join("\n", rows) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void cleanFileIsPlannedWithoutConflicts() {
        RegistryImporter.Plan plan = RegistryImporter.plan(Source.HP_PLATFORM, csv(
                "1,000.00.99.H27,Sở Thử,000.00.00.H27,hoat_dong,000.01.99.H26,,,,",
                "2,000.01.99.H27,Phòng Thử,000.00.99.H27,hoat_dong,,,,,"), REGISTRY);
        assertThat(plan.conflicts).isEmpty();
        assertThat(plan.created).extracting(Agency::code).containsExactly("000.00.99.H27", "000.01.99.H27");
        assertThat(plan.aliasesCreated).extracting(Alias::aliasCode).containsExactly("000.01.99.H26");
        assertThat(plan.aliasesCreated.get(0).targetCode()).isEqualTo("000.00.99.H27");
    }

    @Test
    void legacyCodeListedTwiceByOneUnitIsOneAlias() {
        RegistryImporter.Plan plan = RegistryImporter.plan(Source.HP_PLATFORM, csv(
                "1,000.00.99.H27,Sở Thử,000.00.00.H27,hoat_dong,000.01.99.H26;000.01.99.h26,,,,"), REGISTRY);
        assertThat(plan.conflicts).isEmpty();
        assertThat(plan.aliasesCreated).extracting(Alias::aliasCode).containsExactly("000.01.99.H26");
    }

    @Test
    void sameUnitFromAnotherSourceIsMatchedByName() {
        List<ImportedUnit> units = HdRegistryJsonReader.read("""
                [{"id":"1000","pid":"0","code":"000.00.00.H27","oldCode":"000.00.00.H26",
                  "name":"  Ủy ban nhân dân  thành phố Hải Phòng "}]""".getBytes(StandardCharsets.UTF_8));
        RegistryImporter.Plan plan = RegistryImporter.plan(Source.HD_PLATFORM, units, REGISTRY);
        assertThat(plan.conflicts).isEmpty();
        assertThat(plan.created).isEmpty();
        assertThat(plan.updated).isEmpty();
        assertThat(plan.unchanged).isEqualTo(2);
    }
}
