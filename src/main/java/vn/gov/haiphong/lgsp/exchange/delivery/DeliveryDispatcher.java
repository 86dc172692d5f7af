package vn.gov.haiphong.lgsp.exchange.delivery;

import java.util.Collection;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

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

    private final JmsTemplate jms;
    private final DeliveryRoutes routes;

    public DeliveryDispatcher(JmsTemplate jms, DeliveryRoutes routes) {
        this.jms = jms;
        this.routes = routes;
    }

    public static String queueOf(String targetSystem) {
        return QUEUE_PREFIX + targetSystem;
    }

    public static String deadLetterQueueOf(String targetSystem) {
        return DEAD_LETTER_PREFIX + targetSystem;
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
