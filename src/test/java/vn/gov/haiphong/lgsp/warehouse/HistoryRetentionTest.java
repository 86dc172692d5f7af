package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.EventTopicReader;

/**
 * The declared retention is enforced: history entries older than document-types' P20Y are
 * purged (except each row's current version), administrative-units (permanent) keeps all.
 * Rows are made old by back-dating their history. Keys T-R-*.
 */
class HistoryRetentionTest extends WarehouseTestSupport {

    @Autowired
    HistoryRetention retention;
    @Autowired
    DatasetRepository repository;

    private void backdate(String dataset, String key, OffsetDateTime when) {
        jdbc.sql("UPDATE dataset_row_history SET changed_at = ? WHERE dataset = ? AND row_key = ?")
                .params(when, dataset, key).update();
    }

    @Test
    void historyOlderThanTheDeclaredRetentionIsPurgedExceptTheCurrentVersion() {
        for (String name : List.of("Thử lưu trữ 1", "Thử lưu trữ 2", "Thử lưu trữ 3")) {
            ok(post("/api/data/document-types", SONV, List.of(Map.of("code", "T-R-1", "name", name))));
        }
        ok(post("/api/data/document-types", SONV, List.of(Map.of("code", "T-R-2", "name", "Thử mới"))));
        ok(post("/api/data/document-types", SONV, List.of(Map.of("code", "T-R-2", "name", "Thử mới 2"))));
        ok(post("/api/data/administrative-units", SONV, List.of(Map.of("code", "T-R-3", "name", "Xã cũ", "population", 1200))));
        ok(post("/api/data/administrative-units", SONV, List.of(Map.of("code", "T-R-3", "name", "Xã cũ 2", "population", 1200))));
        OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusYears(21);
        backdate("document-types", "T-R-1", longAgo);
        backdate("administrative-units", "T-R-3", longAgo);
        // 19 years old: inside document-types' 20 years.
        backdate("document-types", "T-R-2", OffsetDateTime.now(ZoneOffset.UTC).minusYears(19));

        try (EventTopicReader audit = new EventTopicReader(kafka, json, DatasetService.AUDIT_TOPIC)) {
            Map<String, Integer> purged = retention.purge(Instant.now());
            assertThat(purged).containsEntry("document-types", 2).doesNotContainKey("administrative-units");
            assertThat(repository.history("document-types", "T-R-1")).extracting(DatasetRepository.HistoryEntry::version)
                    .containsExactly(3L);
            assertThat(repository.history("document-types", "T-R-2")).hasSize(2);
            assertThat(repository.history("administrative-units", "T-R-3")).hasSize(2);
            // The row itself is untouched, and a second purge finds nothing more.
            assertThat(repository.find("document-types", "T-R-1").orElseThrow().data().get("name"))
                    .isEqualTo("Thử lưu trữ 3");
            assertThat(retention.purge(Instant.now())).containsEntry("document-types", 0);
            var event = audit.await("DATA_HISTORY_PURGED", e -> e.path("type").asText().equals("DATA_HISTORY_PURGED")
                    && e.path("key").asText().equals("document-types"));
            assertThat(event.path("data").path("entries").asInt()).isEqualTo(2);
            assertThat(event.path("data").path("retention").asText()).isEqualTo("P20Y");
        }
    }
}
