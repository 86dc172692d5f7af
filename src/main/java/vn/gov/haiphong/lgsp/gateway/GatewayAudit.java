package vn.gov.haiphong.lgsp.gateway;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.GroupCommit;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogRelay;

/**
 * The audit of every gateway call, in one place: Prometheus metrics per service and client at
 * once, and a {@code GATEWAY_CALL} row in the hash-chained message log, linked into the chain as
 * it is written ({@link MessageLog#appendAllSealed}), which {@link MessageLogRelay} publishes as
 * the call's event on Kafka {@code lgsp.audit} (at least once, surviving a Kafka outage). One row
 * per call, written once: the event is derived from it, not written beside it.
 *
 * <p>The message path only puts the call on a bounded queue; one writer thread gathers the queued
 * calls for a batch interval ({@code lgsp.gateway.audit.batch-interval}, 20 ms) and stores them in
 * one group-committed transaction, so auditing costs the caller microseconds and the database a
 * few commits a second (on H2 each commit writes every changed page again). A full queue (the
 * database far behind) makes callers write their own row: slower, never lost. At shutdown the
 * queue is drained. A crash of the JVM can lose the calls of the last batch interval.
 */
@Component
public class GatewayAudit implements SmartLifecycle {

    /** The message log kind, and the event type on {@code lgsp.audit} (see {@link MessageLogRelay}). */
    public static final String TYPE = "GATEWAY_CALL";
    private static final Logger log = LoggerFactory.getLogger(GatewayAudit.class);
    private static final int BATCH = 500;

    private final MessageLog messageLog;
    private final GroupCommit groupCommit;
    private final MeterRegistry meters;
    private final BlockingQueue<GatewayCall> queue;
    private final long batchIntervalNanos;
    /** Calls handed to the writer, and calls it has finished with (stored, or logged as unstorable). */
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final Map<String, Meters> meterCache = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread writer;

    public GatewayAudit(MessageLog messageLog, GroupCommit groupCommit, MeterRegistry meters,
                        @Value("${lgsp.gateway.audit.queue-capacity:20000}") int capacity,
                        @Value("${lgsp.gateway.audit.batch-interval:20ms}") Duration batchInterval) {
        this.messageLog = messageLog;
        this.groupCommit = groupCommit;
        this.meters = meters;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchIntervalNanos = batchInterval.toNanos();
    }

    private record Meters(Timer calls, DistributionSummary requestBytes, DistributionSummary responseBytes) {
    }

    /** Records a call: metrics now, the message log row within the next batch. */
    public void record(GatewayCall call) {
        Meters m = meters(call);
        m.calls.record(call.durationMicros(), TimeUnit.MICROSECONDS);
        m.requestBytes.record(call.requestBytes());
        m.responseBytes.record(call.responseBytes());
        if (running && queue.offer(call)) {
            queued.incrementAndGet();
        } else {
            write(List.of(call));
        }
    }

    private Meters meters(GatewayCall call) {
        // Refused authentications are counted under one client tag: claimed ids are not trusted
        // and would let anyone create meters at will.
        String client = call.client() == null ? "unauthenticated" : call.client();
        String service = call.service() == null ? "unknown" : call.service();
        String outcome = call.code() == null ? "OK" : call.code();
        String key = service + '\u0000' + client + '\u0000' + call.status() + '\u0000' + outcome;
        return meterCache.computeIfAbsent(key, k -> new Meters(
                Timer.builder("lgsp.gateway.calls").description("Calls through the service gateway")
                        .tags("service", service, "client", client, "status", Integer.toString(call.status()),
                                "outcome", outcome)
                        .register(meters),
                DistributionSummary.builder("lgsp.gateway.request.size").baseUnit("bytes")
                        .tags("service", service, "client", client).register(meters),
                DistributionSummary.builder("lgsp.gateway.response.size").baseUnit("bytes")
                        .tags("service", service, "client", client).register(meters)));
    }

    /** The row's detail, and so the event's data: everything but secrets and bodies. */
    static Map<String, Object> data(GatewayCall call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", call.requestId());
        data.put("client", call.client());
        if (call.client() == null && call.claimedClient() != null) {
            data.put("claimedClient", call.claimedClient());
        }
        data.put("service", call.service());
        data.put("kind", call.kind());
        data.put("operation", call.operation());
        data.put("endpoint", call.endpoint());
        data.put("status", call.status());
        data.put("code", call.code());
        data.put("durationMicros", call.durationMicros());
        data.put("requestBytes", call.requestBytes());
        data.put("responseBytes", call.responseBytes());
        data.put("requestSha256", call.requestSha256());
        data.put("requestHash", call.requestHash());
        data.put("at", call.at().toString());
        return data;
    }

    private void write(List<GatewayCall> calls) {
        List<MessageLogEntry> entries = new ArrayList<>(calls.size());
        for (GatewayCall call : calls) {
            String actor = call.client() != null ? call.client()
                    : "unauthenticated" + (call.claimedClient() == null ? "" : ":" + truncate(call.claimedClient()));
            // to_code = the service: the event's key on lgsp.audit.
            entries.add(new MessageLogEntry(TYPE, call.requestId(), actor, call.client(), call.service(),
                    call.operation(), call.code() == null ? "OK" : call.code(), call.requestHash(),
                    call.requestBytes() + call.responseBytes(), data(call)));
        }
        // Group-committed with whatever else is being written (with SHARED nonces, their claims).
        // Linked into the chain as they are written, so that no sealer writes every row a second time.
        try {
            groupCommit.executeWithoutResult(() -> messageLog.appendAllSealed(entries));
        } catch (TransientDataAccessException e) {
            // The chain's head stayed locked (a long sealing elsewhere): plain rows, sealed later.
            log.debug("Gateway audit batch appended for the sealer: {}", e.toString());
            groupCommit.executeWithoutResult(() -> messageLog.appendAll(entries));
        }
    }

    private static String truncate(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    private void drainLoop() {
        List<GatewayCall> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                GatewayCall first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                // The database refused the batch: keep the calls in the log rather than lose them silently.
                log.error("Gateway audit batch of {} calls could not be stored: {}; request ids {}", batch.size(),
                        e.toString(), batch.stream().map(GatewayCall::requestId).toList());
            } finally {
                finished.addAndGet(batch.size());
                batch.clear();
            }
        }
    }

    /**
     * Adds the calls queued within the batch interval after the first one, up to a full batch.
     * Interrupted, it stops gathering (and the batch is still written).
     */
    private void gather(List<GatewayCall> batch) {
        long end = System.nanoTime() + batchIntervalNanos;
        queue.drainTo(batch, BATCH - batch.size());
        long left;
        try {
            while (batch.size() < BATCH && (left = end - System.nanoTime()) > 0) {
                GatewayCall next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                batch.add(next);
                queue.drainTo(batch, BATCH - batch.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every call queued so far is stored (tests; shutdown). */
    public void flush() {
        long target = queued.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (finished.get() < target && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = new Thread(this::drainLoop, "gateway-audit");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (writer != null) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops taking calls first) and before the database pool. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
