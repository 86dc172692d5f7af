package vn.gov.haiphong.lgsp.exchange.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.exchange.document.DocumentExchange;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.StoredDocument;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.TransferState;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;
import vn.gov.haiphong.lgsp.platform.GroupCommit;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;

/**
 * Handles one claim check from a target's queue, inside the consumer's JMS transaction:
 * <ul>
 * <li>already delivered (a redelivered or duplicated claim check): nothing happens — the
 *     delivery row is the idempotency record, so a recipient never gets one document twice from
 *     here;</li>
 * <li>local-pull: the document enters the recipient's inbox (its pending list);</li>
 * <li>push, relay, national axis: the first {@link DeliveryChannel} serving the target hands the
 *     stored bytes over, unchanged;</li>
 * <li>a failure is counted with its reason and rethrown, so the JMS transaction rolls back and
 *     Artemis redelivers with backoff; a permanent refusal or the last attempt moves the claim
 *     check to {@code DLQ.lgsp.delivery.<target>} with the reason, and marks the delivery
 *     DEAD_LETTER.</li>
 * </ul>
 */
@Component
public class DeliveryProcessor implements Processor {

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);
    private static final int MAX_REASON = 1000;

    private final DocumentStore store;
    private final EventOutbox events;
    private final TransactionTemplate transaction;
    private final GroupCommit groupCommit;
    private final AgencyResolver resolver;
    private final List<DeliveryChannel> channels;
    private final JmsTemplate jms;
    private final MessageLog messageLog;
    private final int maxAttempts;
    private final Duration recheckAfterFailure;

    public DeliveryProcessor(DocumentStore store, EventOutbox events, TransactionTemplate transaction,
                             GroupCommit groupCommit,
                             AgencyResolver resolver, List<DeliveryChannel> channels, JmsTemplate jms,
                             MessageLog messageLog,
                             @Value("${lgsp.artemis.max-delivery-attempts:10}") int maxAttempts,
                             @Value("${lgsp.artemis.max-redelivery-delay:5m}") Duration maxRedeliveryDelay) {
        this.store = store;
        this.events = events;
        this.transaction = transaction;
        this.groupCommit = groupCommit;
        this.resolver = resolver;
        this.channels = channels;
        this.jms = jms;
        this.messageLog = messageLog;
        this.maxAttempts = maxAttempts;
        this.recheckAfterFailure = maxRedeliveryDelay.plus(DeliveryRecovery.CLAIM_CHECK_GRACE);
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        String docId = in.getHeader(DeliveryDispatcher.DOC_ID, String.class);
        String target = in.getHeader(DeliveryDispatcher.RECIPIENT_SYSTEM, String.class);
        Integer deliveryCount = in.getHeader("JMSXDeliveryCount", Integer.class);
        int attempt = deliveryCount == null ? 1 : deliveryCount;
        Optional<Delivery> found = docId == null || target == null ? Optional.empty() : store.findDelivery(docId, target);
        if (found.isEmpty()) {
            log.warn("Claim check for {} to {} names no delivery; dropped", docId, target);
            return;
        }
        Delivery delivery = found.get();
        if (delivery.transferState() != TransferState.QUEUED) {
            log.debug("Delivery {} is {} already; claim check ignored", delivery.id(), delivery.transferState());
            return;
        }
        if (RoutingTable.Route.LOCAL_PULL.wire().equals(delivery.route())) {
            groupCommit.executeWithoutResult(() -> delivered(delivery, null, "inbox", attempt));
            return;
        }
        try {
            DeliveryChannel channel = channelFor(delivery);
            StoredDocument document = store.findDocument(docId).orElseThrow();
            byte[] content = store.content(docId).orElseThrow();
            ConnectedSystem recipient = resolver.snapshot().system(target).orElseThrow();
            String remoteId = channel.deliver(new OutgoingPackage(docId + "/" + target, docId,
                    document.messageType().wire(), document.fromCode(), delivery.recipientCode(), recipient, content));
            groupCommit.executeWithoutResult(() -> delivered(delivery, remoteId, channel.name(), attempt));
        } catch (RuntimeException e) {
            failed(delivery, e, attempt);
        }
    }

    private DeliveryChannel channelFor(Delivery delivery) {
        ConnectedSystem target = resolver.snapshot().system(delivery.targetSystem()).orElseThrow(() ->
                new DeliveryFailure("System " + delivery.targetSystem() + " is no longer registered", true));
        if (!target.enabled()) {
            // Kept for later: an operator may enable it again, then replay.
            throw new DeliveryFailure("System " + target.systemId() + " is disabled", false);
        }
        return channels.stream().filter(c -> c.serves(target)).findFirst().orElseThrow(() -> new DeliveryFailure(
                "No delivery channel serves " + target.systemId() + " (mode " + target.deliveryMode() + ", protocols "
                        + target.protocols() + ", URL " + (target.deliveryUrl() == null ? "none" : "set") + ")",
                true));
    }

    private void delivered(Delivery delivery, String remoteId, String channel, int attempt) {
        boolean acknowledged = !RoutingTable.Route.LOCAL_PULL.wire().equals(delivery.route());
        Instant now = Instant.now();
        if (!store.markDelivered(delivery.id(), acknowledged, remoteId, now)) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("recipientSystem", delivery.recipientSystem());
        data.put("recipientCode", delivery.recipientCode());
        data.put("route", delivery.route());
        data.put("channel", channel);
        data.put("attempt", attempt);
        if (remoteId != null) {
            data.put("remoteId", remoteId);
        }
        events.append(DocumentExchange.TOPIC, "DOCUMENT_DELIVERED", delivery.docId(), delivery.targetSystem(), data);
        messageLog.append(new MessageLogEntry("EXCHANGE_DELIVERED", delivery.docId(), delivery.targetSystem(), null,
                delivery.recipientCode(), delivery.route(), "DELIVERED", null, null, Map.of("channel", channel,
                "attempt", attempt, "remoteId", remoteId == null ? "" : remoteId)));
    }

    private void failed(Delivery delivery, RuntimeException error, int attempt) {
        boolean permanent = error instanceof DeliveryFailure failure && failure.permanent();
        String reason = shorten((permanent ? "refused: " : "attempt " + attempt + " of " + maxAttempts + ": ")
                + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()));
        Instant now = Instant.now();
        if (permanent || attempt >= maxAttempts) {
            // The claim check goes to the dead-letter queue first: should the process die before the
            // row is marked, the redelivered claim check finds it still QUEUED and tries once more.
            jms.send(DeliveryDispatcher.deadLetterQueueOf(delivery.targetSystem()), session -> {
                var message = session.createTextMessage(delivery.docId());
                message.setStringProperty(DeliveryDispatcher.DOC_ID, delivery.docId());
                message.setStringProperty(DeliveryDispatcher.RECIPIENT_SYSTEM, delivery.targetSystem());
                message.setStringProperty(DeliveryDispatcher.DEAD_LETTER_REASON, reason);
                message.setLongProperty("LgspDeliveryId", delivery.id());
                return message;
            });
            transaction.executeWithoutResult(tx -> {
                store.recordTargetFailure(delivery.targetSystem(), delivery.id(), reason, now);
                if (store.markDeadLetter(delivery.id(), reason, now)) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("deliveryId", delivery.id());
                    data.put("recipientSystem", delivery.recipientSystem());
                    data.put("route", delivery.route());
                    data.put("attempts", attempt);
                    data.put("reason", reason);
                    events.append(DocumentExchange.TOPIC, "DOCUMENT_DEAD_LETTERED", delivery.docId(),
                            delivery.targetSystem(), data);
                    messageLog.append(new MessageLogEntry("EXCHANGE_DEAD_LETTERED", delivery.docId(),
                            delivery.targetSystem(), null, delivery.recipientCode(), delivery.route(), "DEAD_LETTER",
                            null, null, Map.of("attempts", attempt, "reason", reason)));
                }
            });
            log.warn("Delivery {} of {} to {} dead-lettered: {}", delivery.id(), delivery.docId(),
                    delivery.targetSystem(), reason);
            return; // the consumer commits: the claim check leaves the delivery queue
        }
        transaction.executeWithoutResult(tx -> {
            store.recordFailedAttempt(delivery.id(), reason, now, now.plus(recheckAfterFailure));
            store.recordTargetFailure(delivery.targetSystem(), delivery.id(), reason, now);
        });
        log.info("Delivery {} of {} to {} failed, Artemis retries it: {}", delivery.id(), delivery.docId(),
                delivery.targetSystem(), reason);
        throw error; // rolls the JMS transaction back: redelivery with backoff
    }

    private static String shorten(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }
}
