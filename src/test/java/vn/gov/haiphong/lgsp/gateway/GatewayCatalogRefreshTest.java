package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.platform.events.PlatformEvent;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * A gateway change another node announces on lgsp.registry-events (GW_*) reloads this node's
 * catalogue (GatewayCatalogRefreshRoute); its own changes reloaded it at commit already, and other
 * registry changes are not the gateway's. The route's log line tells its reloads from the periodic
 * safety net's (every 60 s, silent).
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayCatalogRefreshTest extends PlatformTestSupport {

    private static final String REFRESHED = "Gateway catalogue refreshed after a change on another node";

    @Autowired
    GatewayCatalog catalog;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventOutbox outbox;

    @Test
    void aServiceAnotherNodeAnnouncesIsInThisNodesCatalogue(CapturedOutput output) throws Exception {
        String code = "refresh.remote-" + UUID.randomUUID().toString().substring(0, 8);
        String otherNode = "lgsp-test-node-" + UUID.randomUUID();
        // Written by "another node" straight into the shared database: not in the catalogue yet.
        insertDisabledServiceBehindTheCataloguesBack(code);
        try {
            assertThat(catalog.service(code)).isEmpty();
            announceUntil(() -> announce(otherNode, "GW_SERVICE_CREATE", code),
                    () -> catalog.service(code).isPresent());
            assertThat(catalog.service(code).orElseThrow().enabled()).isFalse();
            await().atMost(Duration.ofSeconds(5)).until(() -> refreshes(output) > 0);
            TimeUnit.SECONDS.sleep(2); // an earlier attempt's announcement, if consumed late, has logged by now

            // In one partition (one key), in order: this node's own GW change and another node's
            // registry change are passed over; the next GW change from another node is not.
            long before = refreshes(output);
            announce(outbox.nodeId(), "GW_SERVICE_UPDATE", code);
            announce(otherNode, "AGENCY_UPDATE", code);
            announce(otherNode, "GW_SERVICE_UPDATE", code);
            await().atMost(Duration.ofSeconds(30)).until(() -> refreshes(output) > before);
            TimeUnit.SECONDS.sleep(2); // a wrong reload of the first two would have logged by now
            assertThat(refreshes(output)).isEqualTo(before + 1);
        } finally {
            jdbc.sql("DELETE FROM gw_service WHERE service_code = ?").param(code).update();
            catalog.reload();
        }
    }

    private static long refreshes(CapturedOutput output) {
        return output.getOut().lines().filter(line -> line.contains(REFRESHED)).count();
    }

    private void insertDisabledServiceBehindTheCataloguesBack(String code) {
        jdbc.sql("""
                INSERT INTO gw_service (service_code, name, provider_system, kind, timeout_ms, max_request_bytes,
                    max_response_bytes, rate_per_second, rate_burst, enabled, version, updated_at)
                VALUES (?, 'Dịch vụ thử nút khác', 'hp.sonv.qlvb', 'REST', 1000, 1000, 1000, 1, 1, FALSE, 1, ?)""")
                .params(code, Instant.now().atOffset(ZoneOffset.UTC)).update();
    }

    private void announce(String node, String type, String code) throws Exception {
        String event = new PlatformEvent(UUID.randomUUID().toString(), type, code, "operator@" + node, Instant.now(),
                node, Map.of("serviceCode", code)).toJson(json);
        kafka.send(RegistryService.TOPIC, code, event).get(10, TimeUnit.SECONDS);
    }
}
