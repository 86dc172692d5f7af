package vn.gov.haiphong.lgsp.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.haiphong.lgsp.platform.OncePerTransaction;

/**
 * The one way the platform emits a Kafka event: the event row is written in the caller's
 * transaction (so it exists if and only if the change it describes committed) and
 * {@link OutboxPublisher} sends it afterwards. Every event has the same envelope, {@link PlatformEvent}.
 */
@Component
public class EventOutbox {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final OncePerTransaction publisherWakeUp;
    private final String nodeId;

    public EventOutbox(JdbcClient jdbc, ObjectMapper json, OutboxPublisher publisher,
                       @Value("${lgsp.node-id}") String nodeId) {
        this.jdbc = jdbc;
        this.json = json;
        this.publisherWakeUp = new OncePerTransaction(publisher::wakeUp);
        this.nodeId = nodeId;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public PlatformEvent append(String topic, String type, String key, String actor, Map<String, Object> data) {
        Instant now = Instant.now();
        PlatformEvent event = new PlatformEvent(UUID.randomUUID().toString(), type, key, actor, now, nodeId, data);
        String payload = event.toJson(json);
        jdbc.sql("INSERT INTO event_outbox (topic, event_key, payload, created_at) VALUES (?, ?, ?, ?)")
                .params(topic, key, payload, now.atOffset(java.time.ZoneOffset.UTC)).update();
        // Publish promptly after commit instead of waiting for the next poll: one wake-up per
        // transaction, however many events it wrote (a batch of gateway audit events holds hundreds).
        publisherWakeUp.request();
        return event;
    }

    public String nodeId() {
        return nodeId;
    }
}
