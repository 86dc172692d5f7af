package vn.gov.haiphong.lgsp.exchange.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.exchange.document.DocumentExchange;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryView;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;

/**
 * Dead letters for operators: the database says which deliveries were given up and why; a
 * replay puts the delivery back to QUEUED, removes its copy from {@code DLQ.lgsp.delivery.<target>}
 * and sends a fresh claim check, which gets the full number of attempts again.
 */
@Service
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    public static final int MAX_LIST = 1000;

    private final DocumentStore store;
    private final EventOutbox events;
    private final TransactionTemplate transaction;
    private final DeliveryDispatcher dispatcher;
    private final JmsTemplate dlqReader;
    private final MessageLog messageLog;

    public DeadLetters(DocumentStore store, EventOutbox events, TransactionTemplate transaction,
                       DeliveryDispatcher dispatcher, JmsTemplate jms, MessageLog messageLog) {
        this.messageLog = messageLog;
        this.store = store;
        this.events = events;
        this.transaction = transaction;
        this.dispatcher = dispatcher;
        this.dlqReader = new JmsTemplate(jms.getConnectionFactory());
        this.dlqReader.setReceiveTimeout(200);
    }

    public List<DeliveryView> list(String targetSystem, int limit) {
        return store.deadLetters(targetSystem, Math.max(1, Math.min(limit, MAX_LIST)));
    }

    /** Replays one dead letter. @throws LgspException EXC-315 when it is not a dead letter */
    public Delivery replay(long deliveryId, String actor) {
        Delivery replayed = transaction.execute(tx -> {
            Delivery delivery = store.findDelivery(deliveryId).orElseThrow(() -> notADeadLetter(deliveryId));
            Instant now = Instant.now();
            if (!store.requeueDeadLetter(deliveryId, now, now.plus(DeliveryRecovery.CLAIM_CHECK_GRACE))) {
                throw notADeadLetter(deliveryId);
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("deliveryId", deliveryId);
            data.put("recipientSystem", delivery.recipientSystem());
            data.put("previousReason", delivery.lastError());
            events.append(DocumentExchange.TOPIC, "DOCUMENT_REPLAYED", delivery.docId(), actor, data);
            messageLog.append(new MessageLogEntry("EXCHANGE_REPLAYED", delivery.docId(), actor, null,
                    delivery.recipientCode(), delivery.route(), "QUEUED", null, null,
                    Map.of("deliveryId", deliveryId, "targetSystem", delivery.targetSystem())));
            return delivery;
        });
        String dlq = DeliveryDispatcher.deadLetterQueueOf(replayed.targetSystem());
        int removed = 0;
        while (dlqReader.receiveSelected(dlq, "LgspDeliveryId = " + deliveryId) != null) {
            removed++;
        }
        dispatcher.enqueue(replayed.docId(), List.of(replayed.targetSystem()));
        log.info("Dead letter {} ({} to {}) replayed by {}; {} copies removed from {}", deliveryId,
                replayed.docId(), replayed.targetSystem(), actor, removed, dlq);
        return store.findDelivery(deliveryId).orElseThrow();
    }

    /** Replays every dead letter of a target (up to {@link #MAX_LIST}); @return how many */
    public int replayAll(String targetSystem, String actor) {
        int count = 0;
        for (DeliveryView view : store.deadLetters(targetSystem, MAX_LIST)) {
            try {
                replay(view.delivery().id(), actor);
                count++;
            } catch (LgspException e) {
                // replayed meanwhile by someone else: nothing to do
            }
        }
        return count;
    }

    private static LgspException notADeadLetter(long deliveryId) {
        return new LgspException(ErrorCode.EXCHANGE_NOT_A_DEAD_LETTER,
                "Delivery " + deliveryId + " is not dead-lettered (unknown, already replayed or delivered)");
    }
}
