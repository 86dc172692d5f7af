package vn.gov.haiphong.lgsp.warehouse.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.gov.haiphong.lgsp.PublishedSchemas;

/**
 * The change record the former Hải Dương warehouse sends is published as
 * {@code schemas/hd-legacy/hd-change.schema.json}; the platform reads it with {@link HdChangeReader}.
 * Both must say the same of every record, and the shipped sample export must satisfy both.
 */
class HdChangeSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = PublishedSchemas.load("hd-legacy/hd-change.schema.json");

    @Test
    void everyLineOfTheShippedExportSatisfiesTheSchemaAndTheReader() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("etc/datasets/hd-export/administrative-units.ndjson"))
                .stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertBothAccept(line);
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
        assertBothAccept(record);
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
        assertBothRefuse(record);
    }

    @Test
    void aKeyLongerThanTheSchemaAllowsIsRefusedByBoth() throws Exception {
        assertBothRefuse("{\"op\":\"DELETE\",\"key\":\"" + "k".repeat(201) + "\",\"hdVersion\":1}");
        assertBothAccept("{\"op\":\"DELETE\",\"key\":\"" + "k".repeat(200) + "\",\"hdVersion\":1}");
    }

    private static void assertBothAccept(String record) throws Exception {
        assertThat(SCHEMA.validate(JSON.readTree(record))).as(record).isEmpty();
        assertThat(readable(record)).as(record).isTrue();
    }

    private static void assertBothRefuse(String record) throws Exception {
        assertThat(SCHEMA.validate(JSON.readTree(record))).as(record).isNotEmpty();
        assertThat(readable(record)).as(record).isFalse();
    }

    private static boolean readable(String record) {
        try {
            return HdChangeReader.read(record.getBytes(StandardCharsets.UTF_8), "test").hdVersion() > 0;
        } catch (HdRecordException e) {
            return false;
        }
    }
}
