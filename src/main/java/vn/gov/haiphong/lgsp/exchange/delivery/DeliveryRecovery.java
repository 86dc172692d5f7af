package vn.gov.haiphong.lgsp.exchange.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jms.JmsException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;

/**
 * Finds accepted deliveries whose claim check never reached Artemis — the process died between
 * the database commit and the enqueue, or Artemis did not answer — and sends it again. At
 * start-up every QUEUED delivery never attempted is re-sent (a duplicate claim check is harmless:
 * the processor ignores deliveries no longer QUEUED); afterwards, periodically, those untouched
 * past their check time; and, while Artemis refused claim checks, every couple of seconds, so
 * they go as soon as it is back.
 */
@Component
public class DeliveryRecovery {

    /** How long a fresh or failing QUEUED delivery may go untouched before its claim check is presumed lost. */
    public static final Duration CLAIM_CHECK_GRACE = Duration.ofMinutes(2);
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(DeliveryRecovery.class);

    private final DocumentStore store;
    private final DeliveryDispatcher dispatcher;
    private final BrokerTrouble trouble;

    public DeliveryRecovery(DocumentStore store, DeliveryDispatcher dispatcher, BrokerTrouble trouble) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.trouble = trouble;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    public void recoverAtStart() {
        int resent = sweep(true);
        if (resent > 0) {
            log.info("Recovery at start: re-sent {} claim checks of accepted documents not yet delivered", resent);
        }
    }

    @Scheduled(fixedDelayString = "${lgsp.exchange.delivery.recovery-interval:60s}",
            initialDelayString = "${lgsp.exchange.delivery.recovery-interval:60s}")
    public void recoverPeriodically() {
        int resent = sweep(false);
        if (resent > 0) {
            log.warn("Recovery: re-sent {} claim checks untouched for over {}", resent, CLAIM_CHECK_GRACE);
        }
    }

    /**
     * After Artemis failed this node (a claim check it would not take, a consumer's session lost):
     * every claim check not yet acted on is sent again, every {@code owed-retry} until Artemis
     * takes them. A claim check held by a session that died with a broker would otherwise wait for
     * the periodic sweep's grace; a duplicate is harmless.
     */
    @Scheduled(fixedDelayString = "${lgsp.exchange.delivery.owed-retry:2s}",
            initialDelayString = "${lgsp.exchange.delivery.owed-retry:2s}")
    public void recoverOwed() {
        if (trouble.take()) {
            int resent = sweep(true);
            if (resent > 0) {
                log.info("Artemis answers again: sent {} claim checks of documents accepted meanwhile", resent);
            }
        }
    }

    /** @return how many claim checks were sent again */
    int sweep(boolean atStart) {
        Instant startedAt = Instant.now();
        int resent = 0;
        long lastId = -1;
        while (true) {
            List<Delivery> batch = store.queuedForRecovery(startedAt, atStart, lastId, BATCH);
            if (batch.isEmpty()) {
                return resent;
            }
            // Postponed first: the periodic sweep leaves them alone while they are being handled.
            store.postponeCheck(batch.stream().map(Delivery::id).toList(), startedAt.plus(CLAIM_CHECK_GRACE));
            try {
                for (var byDoc : batch.stream().collect(Collectors.groupingBy(Delivery::docId, LinkedHashMap::new,
                        Collectors.toList())).entrySet()) {
                    dispatcher.enqueue(byDoc.getKey(), byDoc.getValue().stream().map(Delivery::targetSystem).toList());
                    resent += byDoc.getValue().size();
                }
            } catch (JmsException e) {
                // Artemis is away: what was not sent is due again, and retried soon (recoverOwed).
                store.postponeCheck(batch.stream().map(Delivery::id).toList(), startedAt);
                trouble.note();
                log.debug("Recovery waits for Artemis: {}", e.getMessage());
                return resent;
            }
            lastId = batch.get(batch.size() - 1).id();
        }
    }
}
