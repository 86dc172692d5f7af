package vn.gov.haiphong.lgsp.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.StoredDocument;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogRow;

/**
 * One document as the platform's own records tell it: the package's facts, each recipient's
 * delivery, the packages that refer to it (statuses 01–16 sent back; revocations, updates and
 * replacements), and a timeline merged from the message log (accepted, routed, delivered,
 * acknowledged, dead-lettered, replayed, downloaded), the deliveries (first fetch) and those
 * packages.
 */
@Component
public class DocumentTimeline {

    /** The message log's kind for an administrator's download of a package from the console. */
    public static final String DOWNLOADED = "PACKAGE_DOWNLOADED";
    private static final int MAX_LOG_ROWS = 200;
    private static final int MAX_RELATED = 200;

    private final DocumentStore store;
    private final MessageLog messageLog;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public DocumentTimeline(DocumentStore store, MessageLog messageLog, JdbcClient jdbc, ObjectMapper json) {
        this.store = store;
        this.messageLog = messageLog;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One step of the timeline; {@code kind} names its text in the bundle ({@code timeline.<kind>}). */
    public record Event(Instant at, String kind, String actor, String recipient, String detail, String linkDocId,
                        boolean bad) {
    }

    /** How the package came in, as its acceptance recorded it. */
    public record Acceptance(String protocol, String clientAddress, String signature, String signatureProblem,
                             String signer, List<String> warnings) {
    }

    /** One recipient's copy, with when its software first fetched it. */
    public record RecipientView(Delivery delivery, Instant fetchedAt) {
    }

    public record View(StoredDocument document, Acceptance acceptance, List<RecipientView> recipients,
                       List<StoredDocument> related, StoredDocument refersTo, List<Event> events,
                       List<MessageLogRow> logRows) {
    }

    public Optional<View> of(String docId) {
        Optional<StoredDocument> found = store.findDocument(docId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredDocument document = found.get();
        List<Delivery> deliveries = store.deliveriesOf(docId);
        Map<Long, Instant> fetched = new HashMap<>();
        jdbc.sql("SELECT id, fetched_at FROM delivery WHERE doc_id = ? AND fetched_at IS NOT NULL").param(docId)
                .query(rs -> {
                    fetched.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                });
        List<RecipientView> recipients = deliveries.stream().map(d -> new RecipientView(d, fetched.get(d.id()))).toList();
        List<StoredDocument> related = store.documentsReferringTo(docId, MAX_RELATED);
        StoredDocument refersTo = document.referencedDocId() == null ? null
                : store.findDocument(document.referencedDocId()).orElse(null);
        List<MessageLogRow> logRows = messageLog.search(new MessageLog.Query(docId, null, null, null), 0, MAX_LOG_ROWS)
                .items().stream().sorted(Comparator.comparing(MessageLogRow::recordedAt)).toList();

        List<Event> events = new ArrayList<>();
        Acceptance acceptance = null;
        for (MessageLogRow row : logRows) {
            JsonNode detail = detail(row);
            switch (row.kind()) {
                case "EXCHANGE_ACCEPTED" -> {
                    acceptance = new Acceptance(text(detail, "protocol"), text(detail, "clientAddress"),
                            text(detail, "signature"), text(detail, "signatureProblem"), text(detail, "signer"),
                            texts(detail.path("warnings")));
                    events.add(new Event(row.recordedAt(), "accepted", row.actor(), null,
                            join(text(detail, "protocol"), text(detail, "clientAddress")), null, false));
                    for (JsonNode decision : detail.path("routing")) {
                        events.add(new Event(row.recordedAt(), "routed", null, text(decision, "code"),
                                routingReason(decision), null, false));
                    }
                }
                case "EXCHANGE_DELIVERED" -> events.add(new Event(row.recordedAt(), "delivered", row.actor(),
                        row.toCode(), join(row.route(), text(detail, "channel"),
                        detail.hasNonNull("attempt") ? "#" + detail.get("attempt").asText() : null), null, false));
                case "EXCHANGE_ACKNOWLEDGED" -> events.add(new Event(row.recordedAt(), "acknowledged", row.actor(),
                        row.toCode(), join(row.outcome(), text(detail, "reportedStatus")), null,
                        "FAIL".equals(row.outcome())));
                case "EXCHANGE_DEAD_LETTERED" -> events.add(new Event(row.recordedAt(), "deadLettered", row.actor(),
                        row.toCode(), text(detail, "reason"), null, true));
                case "EXCHANGE_REPLAYED" -> events.add(new Event(row.recordedAt(), "replayed", row.actor(),
                        row.toCode(), text(detail, "targetSystem"), null, false));
                case DOWNLOADED -> events.add(new Event(row.recordedAt(), "downloaded", row.actor(), null,
                        text(detail, "address"), null, false));
                default -> events.add(new Event(row.recordedAt(), "other", row.actor(), row.toCode(), row.kind(), null,
                        false));
            }
        }
        for (RecipientView recipient : recipients) {
            if (recipient.fetchedAt() != null) {
                events.add(new Event(recipient.fetchedAt(), "fetched", recipient.delivery().recipientSystem(),
                        recipient.delivery().recipientCode(), null, null, false));
            }
        }
        for (StoredDocument other : related) {
            String kind = other.statusCode() != null ? "status" : switch (other.businessDocType() == null ? 0
                    : other.businessDocType()) {
                case 1 -> "revoked";
                case 2 -> "updated";
                case 3 -> "replaced";
                default -> "refers";
            };
            events.add(new Event(other.receivedAt(), kind, other.senderSystem(), other.fromCode(),
                    other.statusCode(), other.docId(), "02".equals(other.statusCode())));
        }
        events.sort(Comparator.comparing(Event::at));
        return Optional.of(new View(document, acceptance, recipients, related, refersTo, List.copyOf(events), logRows));
    }

    /** Records an administrator's download of the package (who, from where) in the message log. */
    public void recordDownload(StoredDocument document, String actor, String address) {
        messageLog.append(new MessageLogEntry(DOWNLOADED, document.docId(), actor, document.fromCode(), null, null,
                "OK", document.sha256(), document.sizeBytes(), Map.of("address", address == null ? "" : address)));
    }

    /** Why the routing table chose this route: the code as addressed, the unit, the serving system and its mode. */
    private static String routingReason(JsonNode decision) {
        StringBuilder reason = new StringBuilder();
        if (decision.hasNonNull("addressedAs")) {
            reason.append(decision.get("addressedAs").asText()).append(" → ");
        }
        reason.append(text(decision, "code"));
        if (decision.hasNonNull("servedBy")) {
            reason.append(", ").append(decision.get("servedBy").asText()).append(" (")
                    .append(text(decision, "deliveryMode")).append(")");
        }
        reason.append(" ⇒ ").append(text(decision, "route")).append(" → lgsp.delivery.").append(text(decision, "system"));
        return reason.toString();
    }

    private JsonNode detail(MessageLogRow row) {
        if (row.detail() == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(row.detail());
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String join(String... parts) {
        return String.join(" · ", Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
    }
}
