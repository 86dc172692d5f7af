package vn.gov.haiphong.lgsp.platform.messagelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.EventTopicReader.Received;
import vn.gov.haiphong.lgsp.PlatformTestSupport;

/**
 * Sealed message log rows of the relayed kinds (GATEWAY_CALL) become events on lgsp.audit: each
 * once, in chain order, carrying the row; rows of other kinds are not published; a row whose
 * acknowledgement never came is sent again under the same event id; a Kafka that refuses leaves
 * the cursor where it was.
 */
class MessageLogRelayTest extends PlatformTestSupport {

    @Autowired
    MessageLog messageLog;

    @Autowired
    MessageLogRelay relay;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaProperties kafka;

    private record Row(long seq, String hash, String messageId) {
    }

    private List<Row> sealedRows(String run) {
        return jdbc.sql("SELECT chain_seq, hash, message_id FROM message_log WHERE message_id LIKE ? ORDER BY chain_seq")
                .param(run + "%").query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    private void append(String kind, String messageId, String service) {
        messageLog.append(new MessageLogEntry(kind, messageId, "hp.sonv.qlvb", "000.00.02.H27", service, "GET /x",
                "OK", null, 10L, Map.of("requestId", messageId, "service", service, "status", 200)));
    }

    @Test
    void sealedGatewayCallsArePublishedOnceInChainOrderAndOtherKindsAreNot() {
        String run = "relay-" + UUID.randomUUID() + "-";
        append("GATEWAY_CALL", run + "1", "relay.svc");
        append("EXCHANGE_ACCEPTED", run + "2", "relay.svc");
        append("GATEWAY_CALL", run + "3", "relay.svc");
        messageLog.seal();
        relay.relaySealed();
        List<Row> rows = sealedRows(run);
        assertThat(rows).hasSize(3).allMatch(r -> r.hash() != null);

        try (EventTopicReader audit = new EventTopicReader(kafka, json, "lgsp.audit")) {
            audit.await("the last call of the run", e -> (run + "3").equals(e.path("data").path("requestId").asText()));
            List<Received> ours = audit.readToEnd().stream()
                    .filter(r -> r.value().path("data").path("requestId").asText().startsWith(run)).toList();
            assertThat(ours).extracting(r -> r.value().path("data").path("requestId").asText())
                    .containsExactly(run + "1", run + "3");
            JsonNode first = ours.get(0).value();
            assertThat(ours.get(0).key()).isEqualTo("relay.svc");
            assertThat(first.path("type").asText()).isEqualTo("GATEWAY_CALL");
            assertThat(first.path("key").asText()).isEqualTo("relay.svc");
            assertThat(first.path("actor").asText()).isEqualTo("hp.sonv.qlvb");
            assertThat(first.path("node").asText()).isNotBlank();
            assertThat(first.path("at").asText()).isEqualTo(jdbc.sql("SELECT recorded_at FROM message_log WHERE message_id = ?")
                    .param(run + "1").query(java.time.OffsetDateTime.class).single().toInstant().toString());
            assertThat(first.path("data").path("status").asInt()).isEqualTo(200);
            assertThat(first.path("eventId").asText()).isEqualTo(MessageLogRelay.eventId(rows.get(0).seq(), rows.get(0).hash()));
            assertThat(ours.get(1).value().path("eventId").asText())
                    .isEqualTo(MessageLogRelay.eventId(rows.get(2).seq(), rows.get(2).hash()));
        }
        assertThat(cursor(MessageLogRelay.CURSOR)).isGreaterThanOrEqualTo(rows.get(2).seq());
    }

    @Test
    void aRowKafkaDidNotAcknowledgeIsSentAgainUnderTheSameEventId() {
        String run = "resend-" + UUID.randomUUID() + "-";
        append("GATEWAY_CALL", run + "1", "relay.svc");
        messageLog.seal();
        Row row = sealedRows(run).get(0);
        try (EventTopicReader audit = new EventTopicReader(kafka, json, "lgsp.audit")) {
            audit.await("the call", e -> (run + "1").equals(e.path("data").path("requestId").asText()));
            // As after a crash between Kafka's acknowledgement and the cursor update: the cursor is behind.
            // Under the relay's monitor (relaySealed is synchronized): a run of the relay's own thread
            // that sent the row and is about to move the cursor from just before it would otherwise
            // move it past the row again, its expected value being the one set here.
            synchronized (relay) {
                jdbc.sql("UPDATE message_log_relay SET last_seq = ? WHERE name = ?")
                        .params(row.seq() - 1, MessageLogRelay.CURSOR).update();
                relay.relaySealed();
            }
            audit.awaitRecord("the call sent again", r -> countOf(audit, run + "1") >= 2);
            assertThat(audit.readToEnd().stream()
                    .filter(r -> (run + "1").equals(r.value().path("data").path("requestId").asText()))
                    .map(r -> r.value().path("eventId").asText()).distinct())
                    .containsExactly(MessageLogRelay.eventId(row.seq(), row.hash()));
        }
    }

    private static long countOf(EventTopicReader audit, String requestId) {
        return audit.raw().stream().filter(raw -> raw.contains("\"" + requestId + "\"")).count();
    }

    @Test
    void whileKafkaRefusesTheCursorStaysAndTheRowsWait() {
        String cursorName = "test-unreachable-" + UUID.randomUUID();
        long head = messageLog.head().seq();
        jdbc.sql("INSERT INTO message_log_relay (name, last_seq) VALUES (?, ?)").params(cursorName, head).update();
        String run = "unreachable-" + UUID.randomUUID();
        append("GATEWAY_CALL", run, "relay.svc");
        messageLog.seal();
        long ours = sealedRows(run).get(0).seq();

        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(config);
        try {
            MessageLogRelay unreachable = new MessageLogRelay(jdbc, cursorName, new KafkaTemplate<>(producers), json,
                    new SimpleMeterRegistry(), List.of("GATEWAY_CALL"), "lgsp.audit", Duration.ofHours(1), true);
            assertThatThrownBy(unreachable::relaySealed).hasMessageContaining("Kafka did not take message log row");
            // Rows of other kinds before ours may be passed; ours never is.
            assertThat(cursor(cursorName)).isBetween(head, ours - 1);
        } finally {
            producers.destroy();
            jdbc.sql("DELETE FROM message_log_relay WHERE name = ?").param(cursorName).update();
        }
    }

    private long cursor(String name) {
        return jdbc.sql("SELECT last_seq FROM message_log_relay WHERE name = ?").param(name).query(Long.class).single();
    }
}
