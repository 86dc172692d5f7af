package vn.gov.haiphong.lgsp.platform.messagelog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.BackgroundThreads;

/**
 * Runs the sealer on a thread of its own every {@code lgsp.message-log.seal-interval} (so a long
 * backlog never holds up the platform's other scheduled tasks), once more on shutdown, and
 * publishes the log's state to Prometheus: {@code lgsp_message_log_unsealed_rows} (gauge, all
 * nodes), {@code lgsp_message_log_head_seq} (gauge) and {@code lgsp_message_log_sealed_rows_total}
 * (sealed by this node).
 */
@Component
public class MessageLogSealing {

    private static final Logger log = LoggerFactory.getLogger(MessageLogSealing.class);

    private final MessageLog messageLog;
    private final Duration interval;
    private final Counter sealed;
    private final ScheduledExecutorService thread = BackgroundThreads.single("message-log-sealer");
    private volatile boolean failing;

    public MessageLogSealing(MessageLog messageLog, MeterRegistry meters,
                             @Value("${lgsp.message-log.seal-interval:200ms}") Duration interval) {
        this.messageLog = messageLog;
        this.interval = interval;
        this.sealed = Counter.builder("lgsp.message.log.sealed").baseUnit("rows")
                .description("Message log rows this node linked into the chain").register(meters);
        Gauge.builder("lgsp.message.log.unsealed", this, s -> s.orNaN(() -> s.messageLog.unsealedCount()))
                .baseUnit("rows").description("Message log rows appended but not yet sealed (all nodes)")
                .register(meters);
        Gauge.builder("lgsp.message.log.head.seq", this, s -> s.orNaN(() -> s.messageLog.head().seq()))
                .description("Sequence number of the last sealed message log row").register(meters);
    }

    @PostConstruct
    void start() {
        thread.scheduleWithFixedDelay(this::sealNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
        sealNow(); // what was appended until now is in the chain before the database goes
    }

    /** One sealing round; failures (database away, lock timeout) are logged once and retried next round. */
    void sealNow() {
        try {
            int count = messageLog.seal();
            sealed.increment(count);
            if (failing) {
                log.info("Message log sealing works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Message log sealing failed, retrying every {}: {}", interval, e.toString());
                failing = true;
            }
        }
    }

    private double orNaN(java.util.function.LongSupplier value) {
        try {
            return value.getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
