package vn.gov.haiphong.lgsp.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;

/**
 * The in-memory resolver is right straight after every change made here, and reloads when
 * another node announces a change on lgsp.registry-events. Codes: 000.ZZ.98.
 */
class ResolverFreshnessTest extends RegistryTestSupport {

    /** Events of this test share a key, hence a partition, hence an order. */
    static final String EVENT_KEY = "resolver-freshness-test";

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    EventOutbox outbox;

    @Test
    void aliasChangesAreResolvedAtOnce() {
        createAgency("000.00.98.H27", "Phòng Thử nghiệm Tươi A", "000.00.00.H27");
        createAgency("000.01.98.H27", "Phòng Thử nghiệm Tươi B", "000.00.00.H27");
        assertThat(resolvedCode("000.00.98.H26")).isNull();

        assertThat(putAlias("000.00.98.H26", "000.00.98.H27").statusCode()).isEqualTo(200);
        assertThat(resolvedCode("000.00.98.H26")).isEqualTo("000.00.98.H27");
        assertThat(aliasesOf("000.00.98.H27")).containsExactly("000.00.98.H26");

        assertThat(putAlias("000.00.98.H26", "000.01.98.H27").statusCode()).isEqualTo(200);
        assertThat(resolvedCode("000.00.98.H26")).isEqualTo("000.01.98.H27");
        assertThat(aliasesOf("000.00.98.H27")).isEmpty();
        assertThat(aliasesOf("000.01.98.H27")).containsExactly("000.00.98.H26");

        assertThat(delete(ADMIN + "/aliases/000.00.98.H26").statusCode()).isEqualTo(204);
        assertThat(resolvedCode("000.00.98.H26")).isNull();
        assertThat(aliasesOf("000.01.98.H27")).isEmpty();
        assertThat(getJson(ADMIN + "/aliases").findValuesAsText("aliasCode")).doesNotContain("000.00.98.H26");
    }

    @Test
    void agencyChangesAreResolvedAtOnce() {
        createAgency("000.10.98.H27", "Phòng Thử nghiệm Tươi C", "000.00.00.H27");
        assertThat(putAlias("000.10.98.H26", "000.10.98.H27").statusCode()).isEqualTo(200);

        var updated = sendJson("PUT", ADMIN + "/agencies/000.10.98.H27",
                agencyBody("000.10.98.H27", "Phòng Thử nghiệm Tươi C (đã đóng)", "000.00.00.H27", "CLOSED"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode agency = getJson(ADMIN + "/resolve/000.10.98.H26").path("agency");
        assertThat(agency.path("name").asText()).isEqualTo("Phòng Thử nghiệm Tươi C (đã đóng)");
        assertThat(agency.path("status").asText()).isEqualTo("CLOSED");
        assertThat(agency.path("version").asLong()).isEqualTo(2);
        assertThat(getJson(ADMIN + "/agencies?status=CLOSED").findValuesAsText("code")).contains("000.10.98.H27");

        createAgency("000.11.98.H27", "Phòng Thử nghiệm Tươi D", "000.00.00.H27");
        assertThat(resolvedCode("000.11.98.H27")).isEqualTo("000.11.98.H27");
        assertThat(delete(ADMIN + "/agencies/000.11.98.H27").statusCode()).isEqualTo(204);
        assertThat(resolvedCode("000.11.98.H27")).isNull();
        // An agency still named by an alias cannot go.
        assertProblem(delete(ADMIN + "/agencies/000.10.98.H27"), 409, "REG-104");
        assertThat(resolvedCode("000.10.98.H26")).isEqualTo("000.10.98.H27");
    }

    @Test
    void changeAnnouncedByAnotherNodeReloadsThisNode() throws Exception {
        String otherNode = "lgsp-test-node-" + UUID.randomUUID();

        // A row written by "another node" straight into the shared database is not seen yet.
        insertAgencyBehindTheResolversBack("000.20.98.H27", "Phòng Thử nghiệm Nút Khác A");
        assertThat(resolvedCode("000.20.98.H27")).isNull();
        // Its announcement makes this node reload. This node's consumer starts at the latest offset
        // once it has joined, so the first announcement is repeated until it has.
        announceUntil(() -> announce(otherNode, "000.20.98.H27"), () -> resolve("000.20.98.H27").statusCode() == 200);
        assertThat(resolvedCode("000.20.98.H27")).isEqualTo("000.20.98.H27");

        // This node's own announcements do not trigger a reload (it reloaded at commit already)...
        insertAgencyBehindTheResolversBack("000.21.98.H27", "Phòng Thử nghiệm Nút Khác B");
        announce(outbox.nodeId(), "000.21.98.H27");
        TimeUnit.SECONDS.sleep(3);
        assertThat(resolvedCode("000.21.98.H27")).isNull();
        // ...another node's do, once, in order after it.
        announce(otherNode, "000.21.98.H27");
        await().atMost(Duration.ofSeconds(30)).until(() -> resolve("000.21.98.H27").statusCode() == 200);
        JsonNode seen = getJson(ADMIN + "/resolve/000.21.98.H27").path("agency");
        assertThat(seen.path("name").asText()).isEqualTo("Phòng Thử nghiệm Nút Khác B");
        assertThat(seen.path("source").asText()).isEqualTo("ADMIN");
    }

    private void insertAgencyBehindTheResolversBack(String code, String name) {
        jdbc.sql("""
                INSERT INTO agency (code, name, parent_code, region, status, source, version, updated_at)
                VALUES (?, ?, '000.00.00.H27', 'HP', 'ACTIVE', 'ADMIN', 1, ?)""")
                .params(code, name, Instant.now().atOffset(ZoneOffset.UTC)).update();
    }

    private void announce(String node, String code) throws Exception {
        String event = json.writeValueAsString(Map.of("eventId", UUID.randomUUID().toString(), "type", "AGENCY_CREATE",
                "key", code, "actor", "operator@" + node, "at", Instant.now().toString(), "node", node,
                "data", Map.of("code", code)));
        kafka.send(RegistryService.TOPIC, EVENT_KEY, event).get(10, TimeUnit.SECONDS);
    }
}
