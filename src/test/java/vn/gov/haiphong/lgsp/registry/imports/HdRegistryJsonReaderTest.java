package vn.gov.haiphong.lgsp.registry.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/** The former Hải Dương JSON format, without Spring. */
class HdRegistryJsonReaderTest {

    static ImportFileException failure(String json) {
        try {
            HdRegistryJsonReader.read(json.getBytes(StandardCharsets.UTF_8));
        } catch (ImportFileException e) {
            return e;
        }
        throw new AssertionError("the file was accepted");
    }

    @Test
    void readsTheSampleRegistry() throws Exception {
        List<ImportedUnit> units = HdRegistryJsonReader.read(Files.readAllBytes(Path.of("etc/registry/hd-registry.json")));
        assertThat(units).hasSize(26);
        ImportedUnit root = units.get(0);
        assertThat(root.code()).isEqualTo("000.00.00.H27");
        assertThat(root.parentCode()).isNull();
        assertThat(root.legacyCodes()).containsExactly("000.00.00.H26");
        ImportedUnit ward = units.stream().filter(u -> u.sourceId().equals("1201")).findFirst().orElseThrow();
        assertThat(ward.parentCode()).isEqualTo("000.00.00.H27");
        assertThat(ward.legacyCodes()).containsExactly("000.01.21.H26");
        assertThat(ward.region()).isEqualTo(Region.HD);
        ImportedUnit closed = units.stream().filter(u -> u.sourceId().equals("1008")).findFirst().orElseThrow();
        assertThat(closed.status()).isEqualTo(AgencyStatus.CLOSED);
        assertThat(closed.validTo()).isNotNull();
        ImportedUnit government = units.stream().filter(u -> u.code().equals("000.00.00.G22")).findFirst().orElseThrow();
        assertThat(government.region()).isEqualTo(Region.CENTRAL);
    }

    @Test
    void bareArrayAndDecision20CodeWithQcvn102Twin() {
        List<ImportedUnit> units = HdRegistryJsonReader.read("""
                [{"id":"1","pid":"0","code":"H27.99.21","code102":"000.21.99.H27","oldCode":"000.21.99.H26",
                  "name":"Phường Thử","deleted":true,"modifyDate":"2025-06-30 17:00:00"}]
                """.getBytes(StandardCharsets.UTF_8));
        ImportedUnit unit = units.get(0);
        assertThat(unit.code()).isEqualTo("000.21.99.H27");
        assertThat(unit.legacyCodes()).containsExactly("000.21.99.H26", "H27.99.21");
        assertThat(unit.status()).isEqualTo(AgencyStatus.CLOSED);
        assertThat(unit.validTo()).isEqualTo(LocalDate.of(2025, 6, 30));
    }

    @Test
    void pidNamingNoItemNamesTheItemAndField() {
        ImportFileException e = failure("""
                {"status":"OK","data":[
                  {"id":"1","pid":"0","code":"000.00.99.H27","name":"A"},
                  {"id":"2","pid":"1","code":"000.01.99.H27","name":"B"},
                  {"id":"3","pid":"42","code":"000.02.99.H27","name":"C"}]}
                """);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).isEqualTo("pid");
        assertThat(e.getMessage()).contains("42");
    }

    @Test
    void invalidJsonNamesTheTextLine() {
        ImportFileException e = failure("{\n  \"status\": \"OK\",\n  \"data\": [\n    {\"id\": \"1\" \"code\": \"x\"}\n  ]\n}\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.field()).isNull();
    }

    @Test
    void fieldProblemsAreNamed() {
        assertThat(failure("{\"status\":\"ERROR\",\"data\":[]}").field()).isEqualTo("status");
        assertThat(failure("{\"status\":\"OK\",\"data\":{}}").field()).isEqualTo("data");
        assertThat(failure("{\"status\":\"OK\",\"data\":[]}").field()).isEqualTo("data");
        assertThat(failure("[{\"id\":\"1\",\"code\":\"000.00.99.H27\"}]").field()).isEqualTo("name");
        assertThat(failure("[{\"id\":\"1\",\"code\":\"000.00.99.H27\",\"name\":\"A\",\"deleted\":\"yes\"}]").field())
                .isEqualTo("deleted");
        assertThat(failure("[{\"id\":\"1\",\"code\":\"000.00.99.H27\",\"name\":\"A\",\"modifyDate\":\"30/06/2025\"}]")
                .field()).isEqualTo("modifyDate");
        ImportFileException duplicate = failure("[{\"id\":\"1\",\"code\":\"000.00.99.H27\",\"name\":\"A\"},"
                + "{\"id\":\"1\",\"code\":\"000.01.99.H27\",\"name\":\"B\"}]");
        assertThat(duplicate.line()).isEqualTo(2);
        assertThat(duplicate.field()).isEqualTo("id");
        assertThat(failure("[1]").line()).isEqualTo(1);
    }

    @Test
    void nonUtf8IsRefused() {
        ImportFileException e;
        try {
            HdRegistryJsonReader.read("[{\"id\":\"1\",\"code\":\"000.00.99.H27\",\"name\":\"Phòng\"}]"
                    .getBytes(StandardCharsets.ISO_8859_1));
            throw new AssertionError("accepted");
        } catch (ImportFileException ex) {
            e = ex;
        }
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("UTF-8");
    }
}
