package vn.gov.haiphong.lgsp.platform.messagelog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.BackgroundThreads;
import vn.gov.haiphong.lgsp.platform.events.PlatformEvent;

/**
 * Publishes sealed message log rows of the configured kinds ({@code lgsp.message-log.relay.kinds},
 * default {@code GATEWAY_CALL}, {@code JMX_EXEC}, {@code JMX_WRITE}) as platform events on {@code lgsp.message-log.relay.topic}
 * ({@code lgsp.audit}), in chain order, so a fact the log holds needs no second row (an outbox
 * event) written beside it. The event is the row: {@code eventId} derived from its place in the
 * chain (the same on every re-send), {@code type} = kind, {@code key} = {@code to_code} (for a
 * gateway call, the service) or {@code "-"}, {@code actor}, {@code at} = when it was recorded,
 * {@code node}, {@code data} = its detail as stored.
 *
 * <p>At least once: the cursor in {@code message_log_relay} moves only past rows Kafka has
 * acknowledged, so a crash or a Kafka outage re-sends rows, never skips one. It runs on a thread
 * of its own every {@code lgsp.message-log.relay.interval}, so a Kafka outage delays the events and
 * nothing else. Nodes sharing the database may relay the same rows once each (the cursor update
 * is conditional); consumers already treat {@code eventId} as the key of an idempotent receipt.
 */
@Component
public class MessageLogRelay {

    static final String CURSOR = "kafka";
    static final int BATCH = 500;
    /** Longer than the producer's own delivery timeout, so its answer is what decides. */
    private static final long DELIVERY_PATIENCE_SECONDS = 180;
    private static final Logger log = LoggerFactory.getLogger(MessageLogRelay.class);

    private final JdbcClient jdbc;
    private final String cursorName;
    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final List<String> kinds;
    private final String topic;
    private final Duration interval;
    private final boolean enabled;
    private final Counter relayed;
    private final ScheduledExecutorService thread = BackgroundThreads.single("message-log-relay");
    private volatile boolean failing;
    private final AtomicBoolean started = new AtomicBoolean();

    @Autowired
    public MessageLogRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, ObjectMapper json, MeterRegistry meters,
                           @Value("${lgsp.message-log.relay.kinds:GATEWAY_CALL,JMX_EXEC,JMX_WRITE}") List<String> kinds,
                           @Value("${lgsp.message-log.relay.topic:lgsp.audit}") String topic,
                           @Value("${lgsp.message-log.relay.interval:200ms}") Duration interval,
                           @Value("${lgsp.events.publish:true}") boolean enabled) {
        this(jdbc, CURSOR, kafka, json, meters, kinds, topic, interval, enabled);
    }

    /** A relay with a cursor row of its own ({@code message_log_relay.name}), e.g. for a test. */
    MessageLogRelay(JdbcClient jdbc, String cursorName, KafkaTemplate<String, String> kafka, ObjectMapper json,
                    MeterRegistry meters, List<String> kinds, String topic, Duration interval, boolean enabled) {
        this.jdbc = jdbc;
        this.cursorName = cursorName;
        this.kafka = kafka;
        this.json = json;
        this.kinds = List.copyOf(kinds);
        this.topic = topic;
        this.interval = interval;
        this.enabled = enabled && !kinds.isEmpty();
        this.relayed = Counter.builder("lgsp.message.log.relayed").baseUnit("rows")
                .description("Sealed message log rows this node published on Kafka").register(meters);
    }

    /**
     * Once the context is refreshed, not at construction: KafkaAdmin creates the topic once every
     * bean exists, and a send before would ask the broker for a topic it does not have yet.
     */
    @EventListener(ContextRefreshedEvent.class)
    void start() {
        if (enabled && started.compareAndSet(false, true)) {
            thread.scheduleWithFixedDelay(this::relayNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        // What is sealed but not relayed waits for the next start: the cursor is in the database.
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void relayNow() {
        try {
            relaySealed();
            if (failing) {
                log.info("Message log events are relayed to {} again", topic);
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                // Kafka or the database: the cause says which.
                log.warn("Message log events wait to be relayed to {}, retrying every {}: {}", topic, interval,
                        e.toString());
                failing = true;
            }
        }
    }

    private record Sealed(long seq, String hash, Instant recordedAt, String node, String kind, String actor,
                          String toCode, String detail) {
    }

    /** Publishes every sealed, not yet relayed row of the relayed kinds; returns how many were published. */
    public synchronized int relaySealed() {
        int total = 0;
        while (true) {
            long cursor = jdbc.sql("SELECT last_seq FROM message_log_relay WHERE name = ?").param(cursorName)
                    .query(Long.class).single();
            long head = jdbc.sql("SELECT last_seq FROM message_log_head WHERE id = 1").query(Long.class).single();
            if (head <= cursor) {
                return total;
            }
            // Rows up to the head are sealed and committed with it (one transaction), so none can appear later below it.
            List<Sealed> rows = jdbc.sql("SELECT chain_seq, hash, recorded_at, node, kind, actor, to_code, detail "
                            + "FROM message_log WHERE chain_seq > :cursor AND chain_seq <= :head AND kind IN (:kinds) "
                            + "ORDER BY chain_seq FETCH FIRST " + BATCH + " ROWS ONLY")
                    .param("cursor", cursor).param("head", head).param("kinds", kinds)
                    .query((rs, n) -> new Sealed(rs.getLong(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)))
                    .list();
            boolean more = rows.size() == BATCH;
            long reached = more ? rows.get(rows.size() - 1).seq() : head;
            List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
            for (Sealed row : rows) {
                sends.add(send(row));
            }
            // Only past an unbroken run of acknowledged rows: a failed row and all after it are sent again.
            RuntimeException failure = null;
            int acknowledged = 0;
            for (; acknowledged < sends.size(); acknowledged++) {
                try {
                    sends.get(acknowledged).get(DELIVERY_PATIENCE_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    long refused = rows.get(acknowledged).seq();
                    reached = refused - 1;
                    failure = new IllegalStateException("Kafka did not take message log row " + refused, e);
                    break;
                }
            }
            if (reached > cursor) {
                jdbc.sql("UPDATE message_log_relay SET last_seq = ?, relayed_at = ? WHERE name = ? AND last_seq = ?")
                        .params(reached, Instant.now().atOffset(ZoneOffset.UTC), cursorName, cursor).update();
            }
            relayed.increment(acknowledged);
            total += acknowledged;
            if (failure != null) {
                throw failure;
            }
            if (!more) {
                return total;
            }
        }
    }

    private CompletableFuture<?> send(Sealed row) {
        try {
            return kafka.send(topic, row.toCode() == null ? "-" : row.toCode(), event(row));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The platform event envelope, with the detail's stored JSON as its data. */
    String event(Sealed row) {
        return new PlatformEvent(eventId(row.seq(), row.hash()), row.kind(), row.toCode() == null ? "-" : row.toCode(),
                row.actor(), row.recordedAt(), row.node(), new RawValue(row.detail() == null ? "{}" : row.detail()))
                .toJson(json);
    }

    /** The same for every re-send of a row, and different for every row of every chain. */
    static String eventId(long seq, String hash) {
        return UUID.nameUUIDFromBytes(("lgsp.message-log/" + seq + "/" + hash).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
