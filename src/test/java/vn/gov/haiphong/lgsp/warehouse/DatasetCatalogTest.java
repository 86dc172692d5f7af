package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset definitions: the shipped ones load; a wrong one stops the start with a clear message. */
class DatasetCatalogTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            name: %s
            title: Thử nghiệm
            owner: 000.00.02.H27
            retention: P5Y
            key: code
            fields:
              - {name: code, type: string, public: true}
              - {name: count, type: integer}
            """;

    @Test
    void shippedDefinitionsLoad() {
        Map<String, DatasetDefinition> datasets = DatasetCatalog.load(Path.of("etc/datasets"));
        assertThat(datasets).containsKeys("administrative-units", "agency-directory", "document-types");
        DatasetDefinition units = datasets.get("administrative-units");
        assertThat(units.key()).isEqualTo("code");
        assertThat(units.ownerAgency()).isEqualTo("000.00.02.H27");
        assertThat(units.field("population").orElseThrow().type()).isEqualTo(FieldType.INTEGER);
        assertThat(units.publicFields()).extracting(DatasetField::name).doesNotContain("officerInCharge");
        assertThat(datasets.get("agency-directory").publicFields()).extracting(DatasetField::name)
                .doesNotContain("phone");
    }

    @Test
    void aGoodDefinitionLoads() throws IOException {
        Files.writeString(dir.resolve("test-set.yml"), GOOD.formatted("test-set"));
        DatasetDefinition definition = DatasetCatalog.load(dir).get("test-set");
        assertThat(definition.fields()).extracting(DatasetField::name).containsExactly("code", "count");
        assertThat(definition.publicFields()).extracting(DatasetField::name).containsExactly("code");
        assertThat(definition.retention()).isEqualTo("P5Y");
    }

    @Test
    void wrongDefinitionsRefuseToStartNamingTheProblem() throws IOException {
        String good = GOOD.formatted("test-set");
        Map<String, String> broken = new java.util.LinkedHashMap<>();
        broken.put(good.replace("type: integer", "type: money"), "unknown type 'money'");
        broken.put(good.replace("key: code\n", ""), "'key' is missing");
        broken.put(good.replace("key: code", "key: id"), "key 'id' is not one of the declared fields");
        broken.put(good.replace("key: code", "key: count"), "must be a string field");
        broken.put(good.replace("name: count", "name: \"count; DROP TABLE x\""), "field name 'count; DROP TABLE x'");
        broken.put(good.replace("name: count", "name: sort"), "field name 'sort'");
        broken.put(good.replace("name: count", "name: code"), "declared twice");
        broken.put(good.replace("owner: 000.00.02.H27", "owner: Sở Nội vụ"), "owner 'Sở Nội vụ' is not an agency code");
        broken.put(good.replace("retention: P5Y", "retention: forever"), "retention 'forever'");
        broken.put(good.replace("name: test-set", "name: other-set"), "must equal the file name");
        broken.put("fields: [", "not readable YAML");
        broken.put(good.replace("fields:\n", "fields: []\nx:\n"), "fields: a non-empty list is required");
        for (Map.Entry<String, String> entry : broken.entrySet()) {
            Path file = dir.resolve("test-set.yml");
            Files.writeString(file, entry.getKey());
            assertThatThrownBy(() -> DatasetCatalog.load(dir)).as(entry.getValue())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("test-set.yml")
                    .hasMessageContaining(entry.getValue());
        }
    }

    @Test
    void aMissingDirectoryIsNamed() {
        assertThatThrownBy(() -> DatasetCatalog.load(dir.resolve("none")))
                .hasMessageContaining("none").hasMessageContaining("lgsp.datasets.dir");
    }
}
