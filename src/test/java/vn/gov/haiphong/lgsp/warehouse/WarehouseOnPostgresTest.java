package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import vn.gov.haiphong.lgsp.PostgresTestSchema;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The warehouse storage on PostgreSQL: the same migrations and the repository's SQL, unchanged,
 * against a fresh schema of this machine's PostgreSQL (like MigrationsOnPostgresTest), with the
 * same queries the H2 suite runs: filters of each type, sorts, paging, hostile values, history,
 * grants. Skipped, saying why, only when no PostgreSQL answers.
 */
class WarehouseOnPostgresTest {

    private static PostgresTestSchema schema;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void connect() {
        schema = PostgresTestSchema.createOrSkip("lgsp_warehouse", "the warehouse SQL was");
        dataSource = schema.dataSource();
        schema.migrate();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    private static Map<String, Object> unit(String code, String name, String type, long population) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", code);
        data.put("name", name);
        data.put("unitType", type);
        data.put("population", population);
        data.put("effectiveFrom", "2025-07-01");
        return data;
    }

    private static DatasetQuery query(DatasetDefinition definition, String queryString) {
        LinkedMultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        for (String pair : queryString.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                params.add(kv[0], kv[1]);
            }
        }
        return DatasetQueryParser.parse(definition, params, false, QueryLimits.DEFAULTS);
    }

    @Test
    void storageQueriesHistoryAndGrantsWorkOnPostgres() {
        DatasetDefinition units = DatasetCatalog.load(Path.of("etc/datasets")).get("administrative-units");
        DatasetRepository repository = new DatasetRepository(dataSource, new ObjectMapper(), QueryLimits.DEFAULTS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Map<String, Object>> rows = List.of(unit("10701", "Phường Hải Dương", "Phường", 68950),
                unit("10722", "Xã Nam Sách", "Xã", 36240), unit("10725", "Xã Thái Tân", "Xã", 29860),
                unit("10138", "Đặc khu Cát Hải", "Đặc khu", 33290));
        for (Map<String, Object> data : rows) {
            repository.save(units, new DatasetRow(units.name(), (String) data.get("code"), 1, "HD", now, "pg-test", false,
                    data), false);
        }

        DatasetRepository.Page wards = repository.query(units, query(units, "unitType=Xã&sort=-population"));
        assertThat(wards.total()).isEqualTo(2);
        assertThat(wards.rows()).extracting(DatasetRow::key).containsExactly("10722", "10725");
        assertThat(wards.rows().get(0).updatedAt()).isEqualTo(now);
        assertThat(wards.rows().get(0).data().get("name")).isEqualTo("Xã Nam Sách");
        assertThat(repository.query(units, query(units, "population=33290")).rows()).extracting(DatasetRow::key)
                .containsExactly("10138");
        assertThat(repository.query(units, query(units, "effectiveFrom=2025-07-01")).total()).isEqualTo(4);
        DatasetRepository.Page second = repository.query(units, query(units, "sort=name&size=2&page=1"));
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.rows()).hasSize(2);
        assertThat(repository.query(units, query(units, "sort=population")).rows()).extracting(DatasetRow::key)
                .containsExactly("10725", "10138", "10722", "10701");
        for (String attack : List.of("' OR 1=1 --", "x'; DROP TABLE dataset_row; --", "1) OR (1=1")) {
            assertThat(repository.query(units, query(units, "name=" + attack)).total()).isZero();
        }

        DatasetRow current = repository.findForUpdate(units.name(), "10701").orElseThrow();
        Map<String, Object> renamed = new LinkedHashMap<>(current.data());
        renamed.put("name", "Phường Hải Dương (đổi tên)");
        repository.save(units, new DatasetRow(units.name(), "10701", 2, "HD", now, "pg-test", false, renamed), true);
        repository.save(units, new DatasetRow(units.name(), "10701", 3, "HD", now, "pg-test", true, renamed), true);
        assertThat(repository.history(units.name(), "10701")).extracting(DatasetRepository.HistoryEntry::operation)
                .containsExactly("UPSERT", "UPSERT", "DELETE");
        assertThat(repository.query(units, query(units, "")).total()).isEqualTo(3);
        assertThat(repository.find(units.name(), "10701").orElseThrow().deleted()).isTrue();

        repository.grant(units.name(), "000.60.71.H27", "READ", now, "pg-test");
        repository.grant(units.name(), "000.60.71.H27", "READ", now, "pg-test");
        assertThat(repository.hasGrant(units.name(), List.of("hd.phuonghaiduong.qlvb", "000.60.71.H27"), "READ")).isTrue();
        assertThat(repository.hasGrant(units.name(), List.of("000.60.71.H27"), "WRITE")).isFalse();
    }
}
