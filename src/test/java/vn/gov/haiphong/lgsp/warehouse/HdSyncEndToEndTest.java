package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.gov.haiphong.lgsp.warehouse.HdSyncTestSupport.send;
import static vn.gov.haiphong.lgsp.warehouse.HdSyncTestSupport.upsert;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.warehouse.sync.HdSyncRoute;
import vn.gov.haiphong.lgsp.warehouse.sync.HdSyncService;

/**
 * Regional sync end to end over the in-JVM Kafka, as the former Hải Dương warehouse would drive
 * it: the export file first, then live changes on hd.legacy.administrative-units — codes mapped
 * (H26 → H27, HD unit type codes), replays that change nothing, a conflict with a Hải Phòng edit
 * listed and resolved by a steward, poison records dead-lettered while later records still
 * apply, and a stopped consumer that resumes from its committed offset. Keys T-S-*.
 */
class HdSyncEndToEndTest extends WarehouseTestSupport {

    private static final String UNITS = "administrative-units";
    private static final String TOPIC = HdSyncService.TOPIC_PREFIX + UNITS;
    private static final String ADMIN = "/api/admin/data/" + UNITS;

    @Autowired
    CamelContext camel;
    @Autowired
    DatasetRepository repository;

    private String[] steward() {
        return credentialsWithRole("OPERATOR");
    }

    private JsonNode row(String key) {
        JsonNode items = ok(get("/api/data/" + UNITS + "?code=" + key, SONV)).path("items");
        return items.isEmpty() ? null : items.get(0);
    }

    private JsonNode awaitRow(String key, java.util.function.Predicate<JsonNode> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> row(key), r -> r != null && condition.test(r));
    }

    private JsonNode openConflict(String key) {
        JsonNode list = ok(get(ADMIN + "/conflicts?status=OPEN", steward()));
        for (JsonNode conflict : list) {
            if (conflict.path("key").asText().equals(key)) {
                return conflict;
            }
        }
        return null;
    }

    private static Map<String, Object> unit(String key, String name, long population) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", key);
        row.put("name", name);
        row.put("unitType", "Xã");
        row.put("population", population);
        row.put("effectiveFrom", "2025-07-01");
        return row;
    }

    @Test
    void exportFileThenLiveChangesReplaysConflictsPoisonAndRestart() throws Exception {
        // --- 1. First load: the export file. Nine demo units converge, one conflicts, three are new.
        byte[] export = Files.readAllBytes(Path.of("etc/datasets/hd-export/administrative-units.ndjson"));
        JsonNode report = read(TestHttp.send("POST", baseUrl() + ADMIN + "/hd-import?fileName=export.ndjson", steward(),
                "application/x-ndjson", export).body());
        assertThat(report.path("records").asInt()).as(report.toString()).isEqualTo(13);
        assertThat(report.path("outcomes").path("CONVERGED").asInt()).as(report.toString()).isEqualTo(9);
        assertThat(report.path("outcomes").path("CONFLICT").asInt()).isEqualTo(1);
        assertThat(report.path("outcomes").path("APPLIED").asInt()).isEqualTo(3);
        JsonNode thanhHa = row("10731");
        assertThat(thanhHa.path("region").asText()).isEqualTo("HD");
        assertThat(thanhHa.path("data").path("unitType").asText()).isEqualTo("Xã");
        assertThat(thanhHa.path("data").path("population").asLong()).isEqualTo(41230);
        JsonNode namSach = openConflict("10722");
        assertThat(namSach.path("hdData").path("population").asLong()).isEqualTo(36315);
        assertThat(namSach.path("platformData").path("population").asLong()).isEqualTo(36240);
        assertThat(namSach.path("baseVersion").isNull()).isTrue();
        assertThat(row("10722").path("data").path("population").asLong()).as("row kept as it was").isEqualTo(36240);
        // The same file again: every line is a replay.
        JsonNode again = read(TestHttp.send("POST", baseUrl() + ADMIN + "/hd-import", steward(), "application/x-ndjson",
                export).body());
        assertThat(again.path("outcomes").path("REPLAYED").asInt()).as(again.toString()).isEqualTo(13);
        // A file with one bad line applies nothing and names the line.
        String bad = upsert("T-S-F1", 1, "Xã Tệp", "X", null, 100L) + "\n\n" + upsert("T-S-F2", 1, "Xã Lỗi", "ZZ", null, 1L);
        JsonNode refused = assertProblem(TestHttp.send("POST", baseUrl() + ADMIN + "/hd-import", steward(),
                "application/x-ndjson", bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 422, "DATA-416");
        assertThat(refused.path("line").asInt()).isEqualTo(3);
        assertThat(refused.path("reason").asText()).isEqualTo("MAPPING_FAILED");
        assertThat(row("T-S-F1")).isNull();
        assertProblem(TestHttp.send("POST", baseUrl() + "/api/admin/data/agency-directory/hd-import", steward(),
                "application/x-ndjson", export), 422, "DATA-416");

        int deadBefore = HdSyncTestSupport.readAll(kafka, HdSyncService.DEAD_LETTER_TOPIC).size();
        try (KafkaProducer<String, byte[]> hd = HdSyncTestSupport.producer(kafka);
             EventTopicReader changes = new EventTopicReader(kafka, json, DatasetService.topicOf(UNITS))) {
            // --- 2. Live: a new unit, its H26 agency code resolved to H27 through the registry.
            send(hd, TOPIC, "T-S-1", upsert("T-S-1", 1, "Xã Thử Đồng Bộ", "X", "000.01.21.H26", 1000L));
            JsonNode created = awaitRow("T-S-1", r -> true);
            assertThat(created.path("data").path("agencyCode").asText()).isEqualTo("000.60.71.H27");
            assertThat(created.path("data").path("unitType").asText()).isEqualTo("Xã");
            assertThat(created.path("region").asText()).isEqualTo("HD");
            assertThat(created.path("version").asLong()).isEqualTo(1);
            JsonNode event = changes.await("DATA_UPSERT", "T-S-1");
            assertThat(event.path("actor").asText()).isEqualTo(HdSyncService.ACTOR);

            // --- 3. Poison records go to the dead-letter topic; the stream goes on.
            send(hd, TOPIC, "T-S-P1", "{not json");
            send(hd, TOPIC, "T-S-P2", upsert("T-S-P2", 1, "Xã Mã Lạ", "QQ", null, 1L));
            send(hd, TOPIC, "T-S-P3", upsert("T-S-P3", 1, "Xã Cơ Quan Lạ", "X", "000.99.99.H26", 1L));
            send(hd, TOPIC, "T-S-P4", "{\"op\":\"UPSERT\",\"key\":\"T-S-P4\",\"hdVersion\":1,\"fields\":{\"MA_LA\":\"x\"}}");
            send(hd, "hd.legacy.no-such-dataset", "T-S-P5", upsert("T-S-P5", 1, "Xã", "X", null, 1L));
            send(hd, "hd.legacy.agency-directory", "T-S-P6", upsert("T-S-P6", 1, "Xã", "X", null, 1L));
            // Replay of T-S-1's first change, with other values: a no-op.
            send(hd, TOPIC, "T-S-1", upsert("T-S-1", 1, "Xã Phát Lại", "X", null, 9L));
            send(hd, TOPIC, "T-S-2", upsert("T-S-2", 1, "Xã Sau Bản Ghi Hỏng", "X", null, 2000L));
            awaitRow("T-S-2", r -> true);
            List<HdSyncTestSupport.DeadLetter> dead = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> HdSyncTestSupport.readAll(kafka, HdSyncService.DEAD_LETTER_TOPIC), d -> d.size() >= deadBefore + 6)
                    .subList(deadBefore, deadBefore + 6);
            Map<String, HdSyncTestSupport.DeadLetter> byKey = dead.stream()
                    .collect(Collectors.toMap(HdSyncTestSupport.DeadLetter::key, d -> d));
            assertThat(byKey.keySet()).containsExactlyInAnyOrder("T-S-P1", "T-S-P2", "T-S-P3", "T-S-P4", "T-S-P5", "T-S-P6");
            assertThat(byKey.get("T-S-P1").value()).isEqualTo("{not json");
            assertThat(byKey.get("T-S-P1").headers()).containsEntry("lgsp-dlt-reason", "UNPARSEABLE")
                    .containsEntry("lgsp-dlt-topic", TOPIC).containsKeys("lgsp-dlt-offset", "lgsp-dlt-partition");
            assertThat(byKey.get("T-S-P2").headers()).containsEntry("lgsp-dlt-reason", "MAPPING_FAILED");
            assertThat(byKey.get("T-S-P2").headers().get("lgsp-dlt-detail")).contains("QQ");
            assertThat(byKey.get("T-S-P3").headers().get("lgsp-dlt-detail")).contains("000.99.99.H26");
            assertThat(byKey.get("T-S-P4").headers().get("lgsp-dlt-detail")).contains("MA_LA");
            assertThat(byKey.get("T-S-P5").headers()).containsEntry("lgsp-dlt-reason", "UNKNOWN_DATASET");
            assertThat(byKey.get("T-S-P6").headers()).containsEntry("lgsp-dlt-reason", "NOT_SYNCED");
            JsonNode replayed = row("T-S-1");
            assertThat(replayed.path("version").asLong()).as("the replay changed nothing").isEqualTo(1);
            assertThat(replayed.path("data").path("name").asText()).isEqualTo("Xã Thử Đồng Bộ");

            // --- 4. Both regions change T-S-1: Hải Phòng through the data API, then Hải Dương.
            ok(post("/api/data/" + UNITS, SONV, List.of(unit("T-S-1", "Xã Thử (HP sửa)", 1000))));
            send(hd, TOPIC, "T-S-1", upsert("T-S-1", 2, "Xã Thử (HD sửa)", "X", "000.01.21.H26", 1500L));
            JsonNode conflict = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> openConflict("T-S-1"),
                    c -> c != null);
            assertThat(conflict.path("hdVersion").asLong()).isEqualTo(2);
            assertThat(conflict.path("baseVersion").asLong()).isEqualTo(1);
            assertThat(conflict.path("platformVersion").asLong()).isEqualTo(2);
            assertThat(conflict.path("platformUpdatedBy").asText()).isEqualTo("hp.sonv.qlvb");
            assertThat(conflict.path("hdData").path("name").asText()).isEqualTo("Xã Thử (HD sửa)");
            assertThat(conflict.path("platformData").path("name").asText()).isEqualTo("Xã Thử (HP sửa)");
            assertThat(row("T-S-1").path("data").path("name").asText()).as("not overwritten").isEqualTo("Xã Thử (HP sửa)");
            long id = conflict.path("id").asLong();
            assertThat(ok(get(ADMIN + "/conflicts/" + id, steward())).path("key").asText()).isEqualTo("T-S-1");
            assertThat(ok(get("/api/admin/data/conflicts?status=OPEN", steward())).findValuesAsText("key"))
                    .contains("T-S-1", "10722");

            // Refusals of the steward API.
            assertProblem(post(ADMIN + "/conflicts/" + id + "/resolution", steward(), Map.of("choose", "BOTH")), 400, "DATA-412");
            assertProblem(post(ADMIN + "/conflicts/" + id + "/resolution", steward(), Map.of("choose", "VALUES")), 400, "DATA-412");
            assertProblem(post(ADMIN + "/conflicts/" + id + "/resolution", steward(),
                    Map.of("choose", "HD", "expectedVersion", 1)), 409, "DATA-413");
            assertProblem(post(ADMIN + "/conflicts/999999/resolution", steward(), Map.of("choose", "HD")), 404, "DATA-410");
            assertProblem(get("/api/admin/data/document-types/conflicts/" + id, steward()), 404, "DATA-410");
            assertProblem(post(ADMIN + "/conflicts/" + id + "/resolution", HONGBANG, Map.of("choose", "HD")), 401, "LGSP-401");

            // The steward chooses Hải Dương's version: a normal change, published.
            JsonNode resolved = ok(post(ADMIN + "/conflicts/" + id + "/resolution", steward(),
                    Map.of("choose", "HD", "expectedVersion", 2, "note", "HD số liệu mới hơn")));
            assertThat(resolved.path("version").asLong()).isEqualTo(3);
            assertThat(resolved.path("changed").asBoolean()).isTrue();
            assertThat(resolved.path("conflict").path("status").asText()).isEqualTo("RESOLVED");
            assertThat(resolved.path("conflict").path("resolution").asText()).isEqualTo("HD");
            JsonNode afterResolution = row("T-S-1");
            assertThat(afterResolution.path("data").path("name").asText()).isEqualTo("Xã Thử (HD sửa)");
            assertThat(afterResolution.path("data").path("population").asLong()).isEqualTo(1500);
            JsonNode resolvedEvent = changes.await("version 3 of T-S-1", e -> e.path("key").asText().equals("T-S-1")
                    && e.path("data").path("version").asLong() == 3);
            assertThat(resolvedEvent.path("actor").asText()).isEqualTo(steward()[0]);
            assertProblem(post(ADMIN + "/conflicts/" + id + "/resolution", steward(), Map.of("choose", "PLATFORM")),
                    409, "DATA-411");
            // HD's next change is based on the resolved row: applied at once.
            send(hd, TOPIC, "T-S-1", upsert("T-S-1", 3, "Xã Thử (HD lần 3)", "X", "000.01.21.H26", 1600L));
            awaitRow("T-S-1", r -> r.path("version").asLong() == 4);

            // A steward can also write values of their own.
            ok(post("/api/data/" + UNITS, SONV, List.of(unit("T-S-1", "Xã Thử (HP lần 2)", 1600))));
            send(hd, TOPIC, "T-S-1", upsert("T-S-1", 4, "Xã Thử (HD lần 4)", "X", "000.01.21.H26", 1600L));
            long second = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> openConflict("T-S-1"),
                    c -> c != null).path("id").asLong();
            Map<String, Object> own = unit("T-S-1", "Xã Thử (thống nhất)", 1600);
            own.put("agencyCode", "000.60.71.H27");
            JsonNode byValues = ok(post(ADMIN + "/conflicts/" + second + "/resolution", steward(),
                    Map.of("choose", "VALUES", "values", own)));
            assertThat(byValues.path("version").asLong()).isEqualTo(6);
            assertThat(row("T-S-1").path("data").path("name").asText()).isEqualTo("Xã Thử (thống nhất)");

            // Both regions make the same change: converged, no conflict; then HD deletes.
            ok(post("/api/data/" + UNITS, SONV, List.of(unit("T-S-2", "Xã Sau Bản Ghi Hỏng", 2100))));
            send(hd, TOPIC, "T-S-2", upsert("T-S-2", 2, "Xã Sau Bản Ghi Hỏng", "X", null, 2100L));
            send(hd, TOPIC, "T-S-2", HdSyncTestSupport.delete("T-S-2", 3));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> row("T-S-2") == null);
            assertThat(openConflict("T-S-2")).isNull();
            assertThat(repository.history(UNITS, "T-S-2")).extracting(DatasetRepository.HistoryEntry::operation)
                    .containsExactly("UPSERT", "UPSERT", "DELETE");
            assertThat(repository.history(UNITS, "T-S-2").get(2).changedBy()).isEqualTo(HdSyncService.ACTOR);

            // --- 5. The consumer stops; HD goes on; on restart it resumes from its committed offset.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lag(TOPIC) == 0);
            camel.getRouteController().stopRoute(HdSyncRoute.ROUTE_ID);
            Map<TopicPartition, Long> committed = committed(TOPIC);
            send(hd, TOPIC, "T-S-3", upsert("T-S-3", 1, "Xã Sau Khởi Động Lại", "X", null, 3000L));
            send(hd, TOPIC, "T-S-P7", "[]");
            Thread.sleep(1000);
            assertThat(row("T-S-3")).as("nothing is applied while stopped").isNull();
            assertThat(committed(TOPIC)).isEqualTo(committed);
            camel.getRouteController().startRoute(HdSyncRoute.ROUTE_ID);
            awaitRow("T-S-3", r -> true);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lag(TOPIC) == 0);
            List<HdSyncTestSupport.DeadLetter> deadAfter = HdSyncTestSupport.readAll(kafka, HdSyncService.DEAD_LETTER_TOPIC);
            assertThat(deadAfter.subList(deadBefore, deadAfter.size())).extracting(HdSyncTestSupport.DeadLetter::key)
                    .as("earlier poison records were not read again").containsExactlyInAnyOrder(
                            "T-S-P1", "T-S-P2", "T-S-P3", "T-S-P4", "T-S-P5", "T-S-P6", "T-S-P7");
            assertThat(repository.history(UNITS, "T-S-3")).hasSize(1);
            assertThat(repository.history(UNITS, "T-S-1")).hasSize(6);
        }
    }

    private Map<TopicPartition, Long> committed(String topic) throws Exception {
        try (AdminClient admin = AdminClient.create(new HashMap<>(kafka.buildAdminProperties(null)))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(HdSyncRoute.GROUP_ID)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (tp.topic().equals(topic) && om != null) {
                    result.put(tp, om.offset());
                }
            });
            return result;
        }
    }

    /** Records of the topic the group has not committed yet. */
    private long lag(String topic) throws Exception {
        Map<TopicPartition, Long> committed = committed(topic);
        try (AdminClient admin = AdminClient.create(new HashMap<>(kafka.buildAdminProperties(null)))) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            long lag = 0;
            for (var entry : admin.listOffsets(latest).all().get().entrySet()) {
                lag += entry.getValue().offset() - committed.getOrDefault(entry.getKey(), 0L);
            }
            return lag;
        }
    }
}
