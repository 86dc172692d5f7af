package vn.gov.haiphong.lgsp.warehouse;

import vn.gov.haiphong.lgsp.EventTopicReader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Batch upsert and delete: versions, history, events on lgsp.data.{dataset} and lgsp.audit. Keys T-W-*. */
class DataWritesTest extends WarehouseTestSupport {

    private static final String TYPES = "/api/data/document-types";

    @Autowired
    DatasetRepository repository;

    private static Map<String, Object> type(String code, String name, int order) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", code);
        row.put("name", name);
        row.put("sortOrder", order);
        row.put("active", true);
        return row;
    }

    @Test
    void upsertVersionsKeepHistoryAndPublishOnceEach() {
        try (EventTopicReader data = new EventTopicReader(kafka, json, DatasetService.topicOf("document-types"));
             EventTopicReader audit = new EventTopicReader(kafka, json, DatasetService.AUDIT_TOPIC)) {
            JsonNode created = ok(post(TYPES, SONV, List.of(type("T-W-1", "Quyết định thử", 1),
                    type("T-W-2", "Thông báo thử", 2))));
            assertThat(created.path("changed").asInt()).isEqualTo(2);
            assertThat(created.path("rows").get(0).path("version").asLong()).isEqualTo(1);

            // Same content again: no new version, no event.
            JsonNode same = ok(post(TYPES, SONV, List.of(type("T-W-1", "Quyết định thử", 1))));
            assertThat(same.path("unchanged").asInt()).isEqualTo(1);
            assertThat(same.path("rows").get(0).path("version").asLong()).isEqualTo(1);

            Map<String, Object> renamed = type("T-W-1", "Quyết định (sửa đổi)", 1);
            renamed.put("region", "HD");
            JsonNode updated = ok(post(TYPES, SONV, List.of(renamed)));
            assertThat(updated.path("rows").get(0).path("version").asLong()).isEqualTo(2);

            JsonNode row = ok(get(TYPES + "?code=T-W-1", SONV)).path("items").get(0);
            assertThat(row.path("version").asLong()).isEqualTo(2);
            assertThat(row.path("region").asText()).isEqualTo("HD");
            assertThat(row.path("data").path("name").asText()).isEqualTo("Quyết định (sửa đổi)");
            // The writer's default region is its owner agency's: Sở Nội vụ of former Hải Phòng.
            assertThat(ok(get(TYPES + "?code=T-W-2", SONV)).path("items").get(0).path("region").asText())
                    .isEqualTo("HP");

            assertThat(ok(delete(TYPES + "/T-W-1", SONV)).path("version").asLong()).isEqualTo(3);
            assertThat(ok(get(TYPES + "?code=T-W-1", SONV)).path("items")).isEmpty();
            assertProblem(delete(TYPES + "/T-W-1", SONV), 404, "DATA-407");
            // Re-created after a delete: the version keeps counting.
            assertThat(ok(post(TYPES, SONV, List.of(type("T-W-1", "Quyết định thử", 1)))).path("rows").get(0)
                    .path("version").asLong()).isEqualTo(4);

            assertThat(repository.history("document-types", "T-W-1")).extracting(DatasetRepository.HistoryEntry::version)
                    .containsExactly(1L, 2L, 3L, 4L);
            assertThat(repository.history("document-types", "T-W-1")).extracting(DatasetRepository.HistoryEntry::operation)
                    .containsExactly("UPSERT", "UPSERT", "DELETE", "UPSERT");
            assertThat(repository.history("document-types", "T-W-1").get(0).changedBy()).isEqualTo("hp.sonv.qlvb");
            // The same history through the API, for any reader of the dataset.
            JsonNode history = ok(get(TYPES + "/T-W-1/history", PHUONG_HD));
            assertThat(history).hasSize(4);
            assertThat(history.get(1).path("data").path("name").asText()).isEqualTo("Quyết định (sửa đổi)");
            assertThat(history.get(2).path("operation").asText()).isEqualTo("DELETE");
            assertThat(history.get(1).path("region").asText()).isEqualTo("HD");
            assertProblem(get(TYPES + "/T-W-1/history", HONGBANG), 403, "DATA-403");
            assertProblem(get(TYPES + "/T-W-NEVER/history", SONV), 404, "DATA-407");

            data.awaitRecord("version 4 of T-W-1", r -> r.key().equals("T-W-1") && r.value().path("data").path("version")
                    .asLong() == 4);
            awaitOutboxDrained();
            List<EventTopicReader.Received> events = new ArrayList<>(data.readToEnd().stream()
                    .filter(r -> r.key().equals("T-W-1")).toList());
            assertThat(events).extracting(r -> r.value().path("data").path("version").asLong())
                    .containsExactly(1L, 2L, 3L, 4L);
            assertThat(events).extracting(r -> r.value().path("type").asText())
                    .containsExactly("DATA_UPSERT", "DATA_UPSERT", "DATA_DELETE", "DATA_UPSERT");
            JsonNode second = events.get(1).value();
            assertThat(second.path("actor").asText()).isEqualTo("hp.sonv.qlvb");
            assertThat(second.path("data").path("dataset").asText()).isEqualTo("document-types");
            assertThat(second.path("data").path("region").asText()).isEqualTo("HD");
            assertThat(second.path("data").path("row").path("name").asText()).isEqualTo("Quyết định (sửa đổi)");

            List<EventTopicReader.Received> audits = audit.readToEnd().stream()
                    .filter(r -> r.value().path("actor").asText().equals("hp.sonv.qlvb")
                            && r.key().equals("document-types")).toList();
            assertThat(audits).extracting(r -> r.value().path("type").asText())
                    .contains("DATA_WRITE", "DATA_READ");
            assertThat(audits).anySatisfy(r -> {
                assertThat(r.value().path("data").path("operation").asText()).isEqualTo("DELETE");
                assertThat(r.value().path("data").path("keys").get(0).asText()).isEqualTo("T-W-1");
            });
            assertThat(audits).anySatisfy(r -> assertThat(r.value().path("data").path("query").path("code").asText())
                    .isEqualTo("T-W-2"));
        }
    }

    @Test
    void anInvalidRowWritesNothingOfTheBatch() {
        long before = jdbc.sql("SELECT COUNT(*) FROM dataset_row_history").query(Long.class).single();
        Map<String, Object> wrongType = type("T-W-BAD-2", "Sai kiểu", 1);
        wrongType.put("sortOrder", "một");
        Map<String, Object> undeclared = type("T-W-BAD-3", "Trường lạ", 1);
        undeclared.put("colour", "đỏ");
        Map<String, Object> noKey = type("T-W-BAD-4", "Không khóa", 1);
        noKey.remove("code");
        Map<String, Object> badRegion = type("T-W-BAD-5", "Vùng lạ", 1);
        badRegion.put("region", "XX");
        for (Map<String, Object> bad : List.of(wrongType, undeclared, noKey, badRegion, type(" T-W-BAD-6", "Khóa có dấu cách", 1),
                type("T-W-BAD-7", "x".repeat(1001), 1))) {
            HttpResponse<String> refused = post(TYPES, SONV, List.of(type("T-W-BAD-1", "Hợp lệ", 1), bad));
            JsonNode problem = assertProblem(refused, 422, "DATA-406");
            assertThat(problem.path("row").asInt()).isEqualTo(1);
        }
        assertProblem(post(TYPES, SONV, List.of(type("T-W-BAD-8", "Hai lần", 1), type("T-W-BAD-8", "Hai lần", 2))),
                422, "DATA-406");
        assertProblem(post(TYPES, SONV, List.of()), 422, "DATA-406");
        assertThat(post(TYPES, SONV, Map.of("code", "T-W-BAD-9")).statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dataset_row_history").query(Long.class).single()).isEqualTo(before);
        assertThat(ok(get(TYPES + "?code=T-W-BAD-1", SONV)).path("items")).isEmpty();
    }

    /** Writers racing on the same new keys: each batch is written whole or refused whole (409), never a 500. */
    @Test
    void concurrentWritersOfTheSameNewRowsNeverSeeAnInternalError() throws Exception {
        int writers = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 3; round++) {
                String prefix = "T-W-RACE-" + round + "-";
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    answers.add(pool.submit(() -> {
                        start.await();
                        return post(TYPES, SONV, List.of(type(prefix + "A", "Người ghi " + writer, writer),
                                type(prefix + "B", "Người ghi " + writer, writer)));
                    }));
                }
                start.countDown();
                int written = 0;
                for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
                    if (response.statusCode() == 409) {
                        assertProblem(response, 409, "DATA-409");
                    } else {
                        written++;
                    }
                }
                assertThat(written).isPositive();
                // Versions count exactly the batches that changed the row; history holds each once.
                JsonNode a = ok(get(TYPES + "?code=" + prefix + "A", SONV)).path("items").get(0);
                assertThat(repository.history("document-types", prefix + "A"))
                        .extracting(DatasetRepository.HistoryEntry::version)
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, a.path("version").asLong())
                                .boxed().toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theAgencyDirectoryIsTheRegistryAsADataset() {
        JsonNode haiDuong = ok(get("/api/data/agency-directory?code=000.60.71.H27", LGSP_CU)).path("items").get(0);
        assertThat(haiDuong.path("data").path("name").asText()).isEqualTo("Ủy ban nhân dân phường Hải Dương");
        assertThat(haiDuong.path("data").path("legacyCodes").asText()).contains("000.01.21.H26");
        assertThat(haiDuong.path("region").asText()).isEqualTo("HD");
        assertThat(ok(get("/api/data/agency-directory?parentCode=000.00.00.H27&size=1", LGSP_CU))
                .path("total").asLong()).isGreaterThan(10);
    }
}
