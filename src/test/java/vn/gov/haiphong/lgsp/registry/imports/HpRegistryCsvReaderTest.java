package vn.gov.haiphong.lgsp.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/** The former Hải Phòng CSV format, without Spring. */
class HpRegistryCsvReaderTest {

    static final String HEADER = "id,ma_dinh_danh,ten_don_vi,ma_don_vi_cha,trang_thai,ma_cu,email,dien_thoai,hieu_luc_tu,hieu_luc_den";

    static byte[] csv(String... rows) {
        return (HEADER + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static ImportFileException failure(byte[] content) {
        try {
            HpRegistryCsvReader.read(content);
        } catch (ImportFileException e) {
            return e;
        }
        throw new AssertionError("the file was accepted");
    }

    @Test
    void readsTheSampleRegistry() throws Exception {
        List<ImportedUnit> units = HpRegistryCsvReader.read(Files.readAllBytes(Path.of("etc/registry/hp-registry.csv")));
        assertThat(units).hasSize(35);
        ImportedUnit oneStop = units.stream().filter(u -> u.sourceId().equals("102")).findFirst().orElseThrow();
        assertThat(oneStop.name()).isEqualTo("Trung tâm Phục vụ hành chính công thành phố (Bộ phận \"Một cửa\")");
        assertThat(oneStop.line()).isEqualTo(4);
        ImportedUnit culture = units.stream().filter(u -> u.sourceId().equals("119")).findFirst().orElseThrow();
        assertThat(culture.name()).isEqualTo("Sở Văn hóa, Thể thao và Du lịch");
        ImportedUnit ward = units.stream().filter(u -> u.sourceId().equals("300")).findFirst().orElseThrow();
        assertThat(ward.legacyCodes()).containsExactly("000.03.31.H27", "000.05.31.H27");
        assertThat(ward.validFrom()).isEqualTo(LocalDate.of(2025, 7, 1));
        ImportedUnit closed = units.stream().filter(u -> u.sourceId().equals("210")).findFirst().orElseThrow();
        assertThat(closed.status()).isEqualTo(AgencyStatus.CLOSED);
        assertThat(closed.validTo()).isEqualTo(LocalDate.of(2025, 6, 30));
    }

    @Test
    void readsOneRowWithEveryField() {
        List<ImportedUnit> units = HpRegistryCsvReader.read(csv(
                "1, 000.00.99.h27 ,Sở Thử,000.00.00.H27,sap_nhap,000.01.99.H27; 000.02.99.H27,a@b.vn,0225,01/03/2025,30/06/2025",
                "2,000.00.98.G22,Bộ Thử,,hoat_dong,,,,,"));
        ImportedUnit unit = units.get(0);
        assertThat(unit.line()).isEqualTo(2);
        assertThat(unit.code()).isEqualTo("000.00.99.H27");
        assertThat(unit.parentCode()).isEqualTo("000.00.00.H27");
        assertThat(unit.status()).isEqualTo(AgencyStatus.MERGED);
        assertThat(unit.region()).isEqualTo(Region.HP);
        assertThat(unit.legacyCodes()).containsExactly("000.01.99.H27", "000.02.99.H27");
        assertThat(unit.validFrom()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(unit.validTo()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(unit.email()).isEqualTo("a@b.vn");
        assertThat(units.get(1).region()).isEqualTo(Region.CENTRAL);
        assertThat(units.get(1).parentCode()).isNull();
        assertThat(units.get(1).line()).isEqualTo(3);
    }

    @Test
    void byteOrderMarkIsAccepted() {
        byte[] content = csv("1,000.00.99.H27,Sở Thử,,hoat_dong,,,,,");
        byte[] withBom = new byte[content.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(content, 0, withBom, 3, content.length);
        assertThat(HpRegistryCsvReader.read(withBom)).hasSize(1);
    }

    @Test
    void wrongStatusNamesLineAndField() {
        ImportFileException e = failure(csv("1,000.00.99.H27,A,,hoat_dong,,,,,", "2,000.01.99.H27,B,,dang_chay,,,,,"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).isEqualTo("trang_thai");
        assertThat(e.getMessage()).contains("dang_chay");
    }

    @Test
    void impossibleDateIsRefusedNotRounded() {
        ImportFileException e = failure(csv("1,000.00.99.H27,A,,hoat_dong,,,,31/02/2025,"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.field()).isEqualTo("hieu_luc_tu");
        ImportFileException april = failure(csv("1,000.00.99.H27,A,,hoat_dong,,,,,31/04/2025"));
        assertThat(april.field()).isEqualTo("hieu_luc_den");
    }

    @Test
    void isoDateIsRefused() {
        ImportFileException e = failure(csv("1,000.00.99.H27,A,,hoat_dong,,,,2025-07-01,"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.field()).isEqualTo("hieu_luc_tu");
    }

    @Test
    void headerProblemsNameLineOne() {
        ImportFileException renamed = failure(("id,ma_so,ten_don_vi,ma_don_vi_cha,trang_thai,ma_cu,email,dien_thoai,"
                + "hieu_luc_tu,hieu_luc_den\n1,000.00.99.H27,A,,hoat_dong,,,,,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(renamed.line()).isEqualTo(1);
        assertThat(renamed.getMessage()).contains("ma_so");
        ImportFileException trailingComma = failure((HEADER + ",\n1,000.00.99.H27,A,,hoat_dong,,,,,,\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(trailingComma.line()).isEqualTo(1);
    }

    @Test
    void structuralProblemsNameTheLine() {
        assertThat(failure(csv("1,000.00.99.H27,A,,hoat_dong,,,,,", "2,000.01.99.H27,B,,hoat_dong")).line()).isEqualTo(3);
        ImportFileException missingName = failure(csv("1,000.00.99.H27,,,hoat_dong,,,,,"));
        assertThat(missingName.field()).isEqualTo("ten_don_vi");
        ImportFileException duplicateId = failure(csv("7,000.00.99.H27,A,,hoat_dong,,,,,", "7,000.01.99.H27,B,,hoat_dong,,,,,"));
        assertThat(duplicateId.line()).isEqualTo(3);
        assertThat(duplicateId.field()).isEqualTo("id");
        assertThat(failure(csv("x1,000.00.99.H27,A,,hoat_dong,,,,,")).field()).isEqualTo("id");
        ImportFileException openQuote = failure(csv("1,000.00.99.H27,A,,hoat_dong,,,,,", "2,000.01.99.H27,\"B,,hoat_dong,,,,,"));
        assertThat(openQuote.line()).isEqualTo(3);
        assertThat(failure((HEADER + "\n").getBytes(StandardCharsets.UTF_8)).getMessage()).contains("no units");
    }

    @Test
    void nonUtf8FileIsRefused() {
        byte[] latin1 = (HEADER + "\n1,000.00.99.H27,Phòng Tài chính,,hoat_dong,,,,,\n").getBytes(StandardCharsets.ISO_8859_1);
        ImportFileException e = failure(latin1);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("UTF-8");
    }
}
