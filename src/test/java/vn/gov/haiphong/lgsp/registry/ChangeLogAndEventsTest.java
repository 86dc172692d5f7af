package vn.gov.haiphong.lgsp.registry;

import vn.gov.haiphong.lgsp.EventTopicReader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;

/** Every registry change is in the change log and on lgsp.registry-events. Codes: 000.ZZ.97. */
class ChangeLogAndEventsTest extends RegistryTestSupport {

    @Autowired
    KafkaProperties kafka;
    @Autowired
    EventOutbox outbox;

    /** One change as the log and the event name it. */
    record Change(String action, String entity, String key) {
        String eventType() {
            return entity + "_" + action;
        }
    }

    @Test
    void everyKindOfChangeIsLoggedAndPublished() {
        long start = lastChangeId();
        List<Change> expected = new ArrayList<>();

        createAgency("000.00.97.H27", "Sở Thử nghiệm Nhật ký", "000.00.00.H27");
        expected.add(new Change("CREATE", "AGENCY", "000.00.97.H27"));
        createAgency("000.01.97.H27", "Phòng Thử nghiệm Nhật ký", "000.00.97.H27");
        expected.add(new Change("CREATE", "AGENCY", "000.01.97.H27"));
        ok(sendJson("PUT", ADMIN + "/agencies/000.00.97.H27",
                agencyBody("000.00.97.H27", "Sở Thử nghiệm Nhật ký (đổi tên)", "000.00.00.H27", null)));
        expected.add(new Change("UPDATE", "AGENCY", "000.00.97.H27"));
        // The same facts again are no change: nothing logged, nothing published.
        ok(sendJson("PUT", ADMIN + "/agencies/000.00.97.H27",
                agencyBody("000.00.97.H27", "Sở Thử nghiệm Nhật ký (đổi tên)", "000.00.00.H27", null)));
        ok(putAlias("000.00.97.H26", "000.01.97.H27"));
        expected.add(new Change("CREATE", "ALIAS", "000.00.97.H26"));
        ok(putAlias("000.00.97.H26", "000.01.97.H27"));
        ok(putAlias("000.00.97.H26", "000.00.97.H27"));
        expected.add(new Change("UPDATE", "ALIAS", "000.00.97.H26"));
        ok(delete(ADMIN + "/aliases/000.00.97.H26"));
        expected.add(new Change("DELETE", "ALIAS", "000.00.97.H26"));
        ok(sendJson("POST", ADMIN + "/systems", Map.of("systemId", "test.sys97.log", "name", "Phần mềm nhật ký",
                "ownerAgency", "000.01.97.H27", "agencies", List.of("000.01.97.H27"), "protocols", List.of("SOAP"),
                "deliveryMode", "PUSH", "deliveryUrl", "https://qlvb.test.invalid/vdxp")));
        expected.add(new Change("CREATE", "SYSTEM", "test.sys97.log"));
        ok(delete(ADMIN + "/systems/test.sys97.log"));
        expected.add(new Change("DELETE", "SYSTEM", "test.sys97.log"));
        ok(delete(ADMIN + "/agencies/000.01.97.H27"));
        expected.add(new Change("DELETE", "AGENCY", "000.01.97.H27"));
        importFixture("hp-csv", "events-hp.csv");
        expected.add(new Change("CREATE", "AGENCY", "000.50.97.H27"));
        expected.add(new Change("CREATE", "ALIAS", "000.50.97.H26"));
        expected.add(new Change("IMPORT", "REGISTRY", "HP_CSV:events-hp.csv"));

        // The change log, in order, names the operator as the actor of each change.
        List<JsonNode> logged = changesSince(start);
        assertThat(logged).extracting(c -> new Change(c.path("action").asText(), c.path("entity").asText(),
                c.path("entityKey").asText())).containsExactlyElementsOf(expected);
        for (JsonNode change : logged) {
            assertThat(change.path("actor").asText()).as(change.toString()).isEqualTo(operatorName());
            assertThat(Instant.parse(change.path("changedAt").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(change.path("detail").isObject()).as(change.toString()).isTrue();
            assertThat(change.path("detail").size()).as(change.toString()).isPositive();
        }
        assertThat(logged.get(2).path("detail").path("name").asText()).isEqualTo("Sở Thử nghiệm Nhật ký (đổi tên)");
        assertThat(logged.get(4).path("detail").path("targetCode").asText()).isEqualTo("000.00.97.H27");

        // Each change is announced with the platform event envelope.
        try (EventTopicReader events = new EventTopicReader(kafka, json, RegistryService.TOPIC)) {
            for (Change change : expected) {
                JsonNode event = events.await(change.eventType(), change.key());
                assertThat(event.path("eventId").asText()).isNotBlank();
                assertThat(event.path("actor").asText()).isEqualTo(operatorName());
                assertThat(event.path("node").asText()).isEqualTo(outbox.nodeId());
                assertThat(Instant.parse(event.path("at").asText())).isNotNull();
                assertThat(event.path("data").isObject()).as(event.toString()).isTrue();
                assertThat(event.path("data").size()).as(event.toString()).isPositive();
            }
            JsonNode renamed = events.await("renamed agency", e -> "AGENCY_UPDATE".equals(e.path("type").asText())
                    && "000.00.97.H27".equals(e.path("key").asText()));
            assertThat(renamed.path("data").path("name").asText()).isEqualTo("Sở Thử nghiệm Nhật ký (đổi tên)");
            assertThat(renamed.path("data").path("version").asLong()).isEqualTo(2);
            JsonNode repointed = events.await("ALIAS_UPDATE", "000.00.97.H26");
            assertThat(repointed.path("data").path("targetCode").asText()).isEqualTo("000.00.97.H27");
            JsonNode system = events.await("SYSTEM_CREATE", "test.sys97.log");
            assertThat(system.path("data").path("deliveryMode").asText()).isEqualTo("PUSH");
            JsonNode imported = events.await("REGISTRY_IMPORT", "HP_CSV:events-hp.csv");
            assertThat(imported.path("data").path("changes").asInt()).isEqualTo(2);
            assertThat(imported.path("data").path("importId").asLong()).isPositive();
            // The no-op writes above produced no event of their own.
            awaitOutboxDrained();
            events.readToEnd();
            assertThat(countEvents(events, "AGENCY_UPDATE", "000.00.97.H27")).isEqualTo(1);
            assertThat(countEvents(events, "ALIAS_CREATE", "000.00.97.H26")).isEqualTo(1);
            assertThat(countEvents(events, "ALIAS_UPDATE", "000.00.97.H26")).isEqualTo(1);
        }
    }

    @Test
    void refusedChangesAreNeitherLoggedNorPublished() {
        createAgency("000.10.97.H27", "Phòng Thử nghiệm Từ chối", "000.00.00.H27");
        long start = lastChangeId();
        assertProblem(putAlias("000.10.97.H26", "000.19.97.H27"), 422, "REG-112");
        assertProblem(sendJson("POST", ADMIN + "/agencies",
                agencyBody("000.11.97.H27", "Phòng mồ côi", "000.19.97.H27", null)), 422, "REG-105");
        assertProblem(sendJson("POST", ADMIN + "/agencies",
                agencyBody("000.10.97.H27", "Phòng trùng mã", "000.00.00.H27", null)), 409, "REG-103");
        assertThat(changesSince(start)).isEmpty();
        try (EventTopicReader events = new EventTopicReader(kafka, json, RegistryService.TOPIC)) {
            events.await("AGENCY_CREATE", "000.10.97.H27");
            awaitOutboxDrained();
            events.readToEnd();
            assertThat(countEvents(events, "ALIAS_CREATE", "000.10.97.H26")).isZero();
            assertThat(countEvents(events, "AGENCY_CREATE", "000.11.97.H27")).isZero();
            assertThat(countEvents(events, "AGENCY_CREATE", "000.10.97.H27")).isEqualTo(1);
        }
    }

    private static long countEvents(EventTopicReader events, String type, String key) {
        return events.raw().stream().filter(e -> e.contains("\"type\":\"" + type + "\"")
                && e.contains("\"key\":\"" + key + "\"")).count();
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
    }
}
