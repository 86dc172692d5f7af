package vn.gov.haiphong.lgsp.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.BackgroundThreads;

/**
 * Sends outbox rows to Kafka in order and marks them published. At-least-once: a crash after
 * the send and before the mark re-sends the row, so consumers treat {@code eventId} as the key
 * of an idempotent receipt. When Kafka is down the rows wait; nothing is dropped. Of several
 * nodes, only the holder of the {@link OutboxLease} publishes, so without a crash each event is
 * sent once and each key's events in order.
 */
@Component
public class OutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 200;
    private static final int PURGE_BATCH = 5_000;
    /** Longer than the producer's own delivery timeout, so its answer is what decides. */
    private static final long DELIVERY_PATIENCE_SECONDS = 180;

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final Semaphore running = new Semaphore(1);
    private final ScheduledExecutorService wakeUps = BackgroundThreads.single("outbox-publish");
    /** A publishing round is scheduled and has not started: later commits' rows go with it. */
    private final AtomicBoolean roundScheduled = new AtomicBoolean();
    private final AtomicLong wakeUpRounds = new AtomicLong();
    /** How long a round waits after the first wake-up, gathering the rows of the commits meanwhile. */
    private final Duration linger;
    /** Whether the last round failed (Kafka or the database away): logged once, and once again when it passes. */
    private volatile boolean failing;
    private volatile boolean contextRefreshed;
    /** Off only for tests and diagnosis (lgsp.events.publish=false): events then wait in the outbox. */
    private final boolean enabled;
    /** How long a published row stays in the outbox (for diagnosis) before it is purged. */
    private final Duration retention;
    private final OutboxLease lease;
    /** While waiting for Kafka's answers the holder renews the lease this often. */
    private final long renewEveryMillis;

    public OutboxPublisher(JdbcClient jdbc, KafkaTemplate<String, String> kafka,
                           @Value("${lgsp.events.publish:true}") boolean enabled,
                           @Value("${lgsp.events.outbox-retention:1d}") Duration retention,
                           @Value("${lgsp.events.outbox-linger:20ms}") Duration linger,
                           @Value("${lgsp.node-id}") String nodeId,
                           @Value("${lgsp.events.outbox-lease:15s}") Duration leaseLength) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.enabled = enabled;
        this.linger = linger;
        this.retention = retention;
        // Per process, not per node id: two processes given the same id must still not both publish.
        this.lease = new OutboxLease(jdbc, nodeId + "/" + UUID.randomUUID().toString().substring(0, 8), leaseLength);
        this.renewEveryMillis = Math.max(100, leaseLength.toMillis() / 3);
        if (!enabled) {
            log.warn("Outbox publishing is OFF (lgsp.events.publish=false): committed events wait in event_outbox");
        }
    }

    private record Pending(long id, String topic, String key, String payload) {
    }

    /**
     * Called after a commit that wrote events; the poll below is the safety net. Wake-ups within
     * the linger share one round: each round ends in a database commit (the rows marked
     * published), and under load one per accepting commit cost more than the sends themselves.
     * The flag is cleared before the round reads, so a commit after that read schedules another.
     */
    public void wakeUp() {
        if (!contextRefreshed) {
            return; // starting: the first poll, after KafkaAdmin has created the topics, takes the rows
        }
        if (roundScheduled.compareAndSet(false, true)) {
            try {
                wakeUps.schedule(() -> {
                    roundScheduled.set(false);
                    wakeUpRounds.incrementAndGet();
                    publishPending();
                }, linger.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                roundScheduled.set(false); // shutting down: the rows wait for the next start's poll
            }
        }
    }

    /**
     * Commits during start-up (accounts, demo data) wake nothing: KafkaAdmin creates the topics
     * once every bean exists, and a send before would ask the broker for a topic it does not
     * have yet (UNKNOWN_TOPIC_OR_PARTITION warnings, and retries).
     */
    @EventListener(ContextRefreshedEvent.class)
    void contextRefreshed() {
        contextRefreshed = true;
        wakeUp();
    }

    /** How many publishing rounds wake-ups have started so far. */
    public long wakeUpRounds() {
        return wakeUpRounds.get();
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdown();
        try {
            // After the round in progress, so another node does not re-send what it is sending.
            if (running.tryAcquire(10, TimeUnit.SECONDS)) {
                lease.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("Outbox lease not released ({}); it expires by itself", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${lgsp.events.outbox-poll:1s}", initialDelayString = "${lgsp.events.outbox-poll:1s}")
    public void poll() {
        publishPending();
    }

    private CompletableFuture<?> send(Pending p) {
        try {
            return kafka.send(p.topic(), p.key(), p.payload());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for Kafka's answer, renewing the lease meanwhile: a slow Kafka is not a dead holder. */
    private void awaitHoldingTheLease(CompletableFuture<?> ack, long patienceEnds) throws Exception {
        while (true) {
            try {
                ack.get(renewEveryMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (System.nanoTime() - patienceEnds > 0) {
                    throw e;
                }
                lease.hold();
            }
        }
    }

    /** Publishes everything pending (if this process holds the lease); returns how many rows were sent. */
    public int publishPending() {
        if (!enabled || !running.tryAcquire()) {
            return 0;
        }
        int sent = 0;
        try {
            List<Pending> batch;
            do {
                if (!lease.hold()) {
                    return sent; // another node publishes
                }
                batch = jdbc.sql("""
                        SELECT id, topic, event_key, payload FROM event_outbox
                        WHERE published_at IS NULL ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(BATCH))
                        .query((rs, row) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        .list();
                // Send the batch pipelined (the idempotent producer keeps per-key order). Once a
                // topic fails in this batch (typically: its metadata did not arrive within
                // max.block.ms while Kafka is busy creating it), its later rows are not sent, so
                // they can never overtake the failed one; they wait for the next round.
                List<Long> acknowledged = new ArrayList<>();
                Set<String> failedTopics = new HashSet<>();   // failed while sending
                List<Map.Entry<Pending, CompletableFuture<?>>> sends = new ArrayList<>();
                for (Pending p : batch) {
                    if (!failedTopics.contains(p.topic())) {
                        CompletableFuture<?> ack = send(p);
                        if (ack.isCompletedExceptionally()) {
                            failedTopics.add(p.topic());
                        }
                        sends.add(Map.entry(p, ack));
                    }
                }
                // Wait for every answer (the producer's delivery timeout bounds it) and mark
                // exactly the acknowledged rows published: a row Kafka took is never sent again
                // because a neighbour of the batch failed. Within a topic only the rows before
                // its first failure count, which keeps each key's order.
                Exception failure = null;
                Set<String> brokenTopics = new HashSet<>();
                long patienceEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(DELIVERY_PATIENCE_SECONDS);
                for (Map.Entry<Pending, CompletableFuture<?>> send : sends) {
                    try {
                        awaitHoldingTheLease(send.getValue(), patienceEnds);
                        if (!brokenTopics.contains(send.getKey().topic())) {
                            acknowledged.add(send.getKey().id());
                        }
                    } catch (Exception e) {
                        brokenTopics.add(send.getKey().topic());
                        failure = e;
                    }
                }
                if (!acknowledged.isEmpty()) {
                    // Exactly the rows sent: an id range could cover a row committed meanwhile.
                    jdbc.sql("UPDATE event_outbox SET published_at = :at WHERE id IN (:ids)")
                            .param("at", Instant.now().atOffset(ZoneOffset.UTC))
                            .param("ids", acknowledged)
                            .update();
                }
                if (failure != null) {
                    throw failure;
                }
                sent += batch.size();
            } while (batch.size() == BATCH);
            if (failing) {
                log.info("Outbox publishing resumed");
                failing = false;
            }
        } catch (Exception e) {
            if (!failing) {
                // Kafka or the database: the cause says which.
                log.warn("Outbox events wait to be published, retrying: {}", e.toString());
                failing = true;
            }
        } finally {
            running.release();
        }
        return sent;
    }

    /**
     * Deletes rows published longer ago than the retention, in bounded batches, so the outbox holds
     * what is pending plus a short tail kept for diagnosis, not every event since installation.
     */
    @Scheduled(fixedDelayString = "${lgsp.events.outbox-purge-interval:10m}",
            initialDelayString = "${lgsp.events.outbox-purge-interval:10m}")
    public int purgePublished() {
        Instant before = Instant.now().minus(retention);
        int purged = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    DELETE FROM event_outbox WHERE id IN (SELECT id FROM event_outbox
                    WHERE published_at < :before ORDER BY id FETCH FIRST %d ROWS ONLY)""".formatted(PURGE_BATCH))
                    .param("before", before.atOffset(ZoneOffset.UTC)).update();
            purged += deleted;
        } while (deleted == PURGE_BATCH);
        if (purged > 0) {
            log.debug("Purged {} outbox rows published before {}", purged, before);
        }
        return purged;
    }

    public long pendingCount() {
        return jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL").query(Long.class).single();
    }
}
