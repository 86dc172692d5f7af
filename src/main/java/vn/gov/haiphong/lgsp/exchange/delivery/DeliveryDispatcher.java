package vn.gov.haiphong.lgsp.exchange.delivery;

import java.time.Instant;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;

/**
 * Puts claim checks on the delivery targets' queues: one durable Artemis queue per target system
 * ({@code lgsp.delivery.<systemId>}), a small message naming the document and the recipient
 * system, never the package itself (that is stored once, in the database).
 */
@Component
public class DeliveryDispatcher {

    public static final String QUEUE_PREFIX = "lgsp.delivery.";
    public static final String DEAD_LETTER_PREFIX = "DLQ.lgsp.delivery.";
    /** Message properties of a claim check. */
    public static final String DOC_ID = "LgspDocId";
    public static final String RECIPIENT_SYSTEM = "LgspRecipientSystem";
    public static final String DEAD_LETTER_REASON = "LgspDeadLetterReason";

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final JmsTemplate jms;
    private final DeliveryRoutes routes;
    private final DocumentStore store;
    /** Claim checks of accepted documents wait for Artemis: recovery retries them promptly. */
    private final BrokerTrouble trouble;

    public DeliveryDispatcher(JmsTemplate jms, DeliveryRoutes routes, DocumentStore store, BrokerTrouble trouble) {
        this.jms = jms;
        this.routes = routes;
        this.store = store;
        this.trouble = trouble;
    }

    public static String queueOf(String targetSystem) {
        return QUEUE_PREFIX + targetSystem;
    }

    public static String deadLetterQueueOf(String targetSystem) {
        return DEAD_LETTER_PREFIX + targetSystem;
    }

    /**
     * The claim checks of a document just stored. The document is accepted whatever Artemis does:
     * when it cannot take them, its deliveries are marked due for recovery, which sends them as
     * soon as Artemis answers again ({@link DeliveryRecovery#recoverOwed}), so the client is told
     * the truth (accepted, with its DocId) and nothing waits for the periodic sweep.
     */
    public void enqueueAccepted(String docId, Collection<String> targetSystems) {
        try {
            enqueue(docId, targetSystems);
        } catch (JmsException e) {
            store.markRecoveryDue(docId, Instant.now());
            if (trouble.note()) {
                log.warn("Artemis does not take claim checks ({}): accepted documents are kept and delivered when it answers",
                        e.getMessage());
            }
        }
    }

    /** One claim check per target system of a document (persistent send: on disk before this returns). */
    public void enqueue(String docId, Collection<String> targetSystems) {
        for (String target : targetSystems) {
            routes.ensureConsumer(target);
            jms.send(queueOf(target), session -> {
                var message = session.createTextMessage(docId);
                message.setStringProperty(DOC_ID, docId);
                message.setStringProperty(RECIPIENT_SYSTEM, target);
                return message;
            });
        }
    }
}
