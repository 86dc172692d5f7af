package vn.gov.haiphong.lgsp.warehouse.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The change record the former Hải Dương warehouse sends is published as
 * {@code schemas/hd-legacy/hd-change.schema.json}; the platform reads it with {@link HdChangeReader}.
 * Both must say the same of every record, and the shipped sample export must satisfy both.
 */
class HdChangeSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = schema();

    @Test
    void everyLineOfTheShippedExportSatisfiesTheSchemaAndTheReader() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("etc/datasets/hd-export/administrative-units.ndjson"))
                .stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(SCHEMA.validate(JSON.readTree(line))).as(line).isEmpty();
            assertThat(HdChangeReader.read(line.getBytes(StandardCharsets.UTF_8), "test").key()).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":3,\"fields\":{\"A\":\"x\",\"B\":2,\"C\":true,\"D\":null}}",
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":3,\"fields\":{},\"note\":\"members not listed are ignored\"}",
            "{\"op\":\"DELETE\",\"key\":\"10701\",\"hdVersion\":4,\"changedAt\":\"2025-07-01T07:00:00+07:00\"}",
            "{\"op\":\"DELETE\",\"key\":\"10701\",\"hdVersion\":4,\"fields\":null}"
    })
    void recordsTheSchemaAcceptsTheReaderReads(String record) throws Exception {
        assertThat(SCHEMA.validate(JSON.readTree(record))).isEmpty();
        assertThat(HdChangeReader.read(record.getBytes(StandardCharsets.UTF_8), "test").hdVersion()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"op\":\"MERGE\",\"key\":\"10701\",\"hdVersion\":3,\"fields\":{}}",
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":3}",
            "{\"op\":\"DELETE\",\"key\":\"10701\",\"hdVersion\":3,\"fields\":{\"A\":\"x\"}}",
            "{\"op\":\"UPSERT\",\"key\":\"\",\"hdVersion\":3,\"fields\":{}}",
            "{\"op\":\"UPSERT\",\"key\":\" 10701\",\"hdVersion\":3,\"fields\":{}}",
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":0,\"fields\":{}}",
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":1.5,\"fields\":{}}",
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":\"3\",\"fields\":{}}",
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"fields\":{}}",
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":3,\"changedAt\":\"2025-07-01T07:00:00\",\"fields\":{}}",
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":3,\"fields\":{\"A\":1.5}}",
            "{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":3,\"fields\":{\"A\":{\"nested\":1}}}",
            "[{\"op\":\"UPSERT\",\"key\":\"10701\",\"hdVersion\":3,\"fields\":{}}]"
    })
    void recordsTheSchemaRefusesTheReaderRefuses(String record) throws Exception {
        assertThat(SCHEMA.validate(JSON.readTree(record))).isNotEmpty();
        assertThat(readable(record)).isFalse();
    }

    @Test
    void aKeyLongerThanTheSchemaAllowsIsRefusedByBoth() throws Exception {
        String record = "{\"op\":\"DELETE\",\"key\":\"" + "k".repeat(201) + "\",\"hdVersion\":1}";
        assertThat(SCHEMA.validate(JSON.readTree(record))).isNotEmpty();
        assertThat(readable(record)).isFalse();
        String longest = "{\"op\":\"DELETE\",\"key\":\"" + "k".repeat(200) + "\",\"hdVersion\":1}";
        assertThat(SCHEMA.validate(JSON.readTree(longest))).isEmpty();
        assertThat(readable(longest)).isTrue();
    }

    private static boolean readable(String record) {
        try {
            HdChangeReader.read(record.getBytes(StandardCharsets.UTF_8), "test");
            return true;
        } catch (HdRecordException e) {
            return false;
        }
    }

    private static Schema schema() {
        try {
            JsonNode text = JSON.readTree(Path.of("schemas/hd-legacy/hd-change.schema.json").toFile());
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(config)).getSchema(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
