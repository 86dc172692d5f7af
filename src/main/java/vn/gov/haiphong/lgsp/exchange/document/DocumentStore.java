package vn.gov.haiphong.lgsp.exchange.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryStatus;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryView;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.MessageType;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.StoredDocument;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.TransferState;

/** Plain JDBC over the exchange tables ({@code V2__exchange.sql}); the same SQL runs on H2 and PostgreSQL. */
@Repository
public class DocumentStore {

    private static final String DOCUMENT_COLUMNS = """
            d.doc_id, d.sender_system, d.from_code, d.message_type, d.business_doc_type, d.edxml_document_id,
            d.referenced_doc_id, d.status_code, d.subject, d.notation, d.sha256, d.size_bytes, d.received_at""";
    private static final String DELIVERY_COLUMNS = """
            v.id AS v_id, v.doc_id AS v_doc_id, v.recipient_code, v.recipient_system, v.status AS v_status,
            v.attempts, v.reported_status, v.last_status_code, v.last_status_at, v.created_at AS v_created_at,
            v.updated_at AS v_updated_at, v.route, v.target_system, v.transfer_state, v.transfer_attempts, v.last_error,
            v.delivered_at, v.remote_id""";

    private final JdbcClient jdbc;

    public DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- documents ----------------------------------------------------------------------------

    /** The document a system already sent with exactly these bytes (the idempotency key). */
    public Optional<StoredDocument> findBySenderAndHash(String senderSystem, String sha256) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM document d WHERE d.sender_system = ? AND d.sha256 = ?")
                .params(senderSystem, sha256).query(this::document).optional();
    }

    public Optional<StoredDocument> findDocument(String docId) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM document d WHERE d.doc_id = ?")
                .param(docId).query(this::document).optional();
    }

    /** Document packages (not statuses) with this edXML DocumentId sent from this agency, newest first. */
    public List<StoredDocument> findDocumentsByEdxmlId(String edxmlDocumentId, String fromCode) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + """
                         FROM document d
                        WHERE d.edxml_document_id = ? AND d.from_code = ? AND d.message_type = 'edoc'
                        ORDER BY d.received_at DESC, d.doc_id""")
                .params(edxmlDocumentId, fromCode).query(this::document).list();
    }

    /**
     * The packages that refer to this document (statuses about it; its revocations, updates,
     * replacements), oldest first. Both legs are indexed (document_referenced_ix,
     * document_reference_referenced_ix); UNION counts a package found by both once.
     */
    public List<StoredDocument> documentsReferringTo(String docId, int limit) {
        return jdbc.sql("SELECT * FROM (SELECT " + DOCUMENT_COLUMNS + " FROM document d WHERE d.referenced_doc_id = ?"
                        + " UNION SELECT " + DOCUMENT_COLUMNS + " FROM document_reference r"
                        + " JOIN document d ON d.doc_id = r.doc_id WHERE r.referenced_doc_id = ?) referring"
                        + " ORDER BY received_at, doc_id FETCH FIRST " + limit + " ROWS ONLY")
                .params(docId, docId).query(this::document).list();
    }

    /** Every earlier document a revoke, update or replacement refers to (each once). */
    public void insertReferences(String docId, List<String> referencedDocIds) {
        for (String referenced : referencedDocIds) {
            jdbc.sql("INSERT INTO document_reference (doc_id, referenced_doc_id) VALUES (?, ?)")
                    .params(docId, referenced).update();
        }
    }

    public void insertDocument(StoredDocument d, byte[] content) {
        jdbc.sql("""
                INSERT INTO document (doc_id, sender_system, from_code, message_type, business_doc_type,
                                      edxml_document_id, referenced_doc_id, status_code, subject, notation, sha256,
                                      size_bytes, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.docId(), d.senderSystem(), d.fromCode(), d.messageType().wire(), d.businessDocType(),
                        d.edxmlDocumentId(), d.referencedDocId(), d.statusCode(), d.subject(), d.notation(),
                        d.sha256(), d.sizeBytes(), ts(d.receivedAt()))
                .update();
        jdbc.sql("INSERT INTO document_content (doc_id, content) VALUES (?, ?)").params(d.docId(), content).update();
    }

    public Optional<byte[]> content(String docId) {
        return jdbc.sql("SELECT content FROM document_content WHERE doc_id = ?").param(docId)
                .query((rs, row) -> rs.getBytes(1)).optional();
    }

    // --- deliveries ---------------------------------------------------------------------------

    /** A new delivery, QUEUED for its target; recovery re-sends its claim check if untouched after {@code nextCheckAt}. */
    public void insertDelivery(String docId, String recipientCode, String recipientSystem, String route,
                               String targetSystem, Instant now, Instant nextCheckAt) {
        jdbc.sql("""
                INSERT INTO delivery (doc_id, recipient_code, recipient_system, status, attempts, created_at, updated_at,
                                      route, target_system, transfer_state, transfer_attempts, next_check_at)
                VALUES (?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, 'QUEUED', 0, ?)""")
                .params(docId, recipientCode, recipientSystem, ts(now), ts(now), route, targetSystem, ts(nextCheckAt))
                .update();
    }

    // --- transfers (the delivery routes) ------------------------------------------------------

    // The state guards below read "COALESCE(transfer_state, '') = ..." on purpose: written plainly,
    // H2 looks the row up through delivery_transfer_ix and walks every delivery in that state for
    // each update (quadratic under a backlog); wrapped, it uses the primary key.

    /**
     * Marks a QUEUED delivery handed over. A push or relay recipient's acceptance is its
     * acknowledgement, so those become DONE too; a pull delivery waits in the inbox (PENDING).
     *
     * @return false when it was not QUEUED (already delivered: a redelivered claim check)
     */
    public boolean markDelivered(long deliveryId, boolean acknowledged, String remoteId, Instant now) {
        return jdbc.sql("""
                UPDATE delivery SET transfer_state = 'DELIVERED', delivered_at = ?, remote_id = ?, updated_at = ?,
                       status = CASE WHEN ? THEN 'DONE' ELSE status END,
                       reported_status = CASE WHEN ? THEN 'delivered' ELSE reported_status END
                 WHERE id = ? AND COALESCE(transfer_state, '') = 'QUEUED'""")
                .params(ts(now), remoteId, ts(now), acknowledged, acknowledged, deliveryId).update() == 1;
    }

    /** Counts a failed attempt and keeps its reason; recovery leaves the row alone until {@code nextCheckAt}. */
    public void recordFailedAttempt(long deliveryId, String reason, Instant now, Instant nextCheckAt) {
        jdbc.sql("""
                UPDATE delivery SET transfer_attempts = transfer_attempts + 1, last_error = ?, updated_at = ?,
                       next_check_at = ?
                 WHERE id = ? AND COALESCE(transfer_state, '') = 'QUEUED'""")
                .params(reason, ts(now), ts(nextCheckAt), deliveryId).update();
    }

    /**
     * Keeps a target's latest failed attempt (what operators see as its last failure, even once a
     * retry got through). Written on failures only, never on the path of a successful delivery.
     */
    public void recordTargetFailure(String targetSystem, long deliveryId, String reason, Instant now) {
        String update = "UPDATE delivery_target_failure SET delivery_id = ?, reason = ?, failed_at = ?"
                + " WHERE target_system = ? AND failed_at <= ?";
        if (jdbc.sql(update).params(deliveryId, reason, ts(now), targetSystem, ts(now)).update() == 0) {
            try {
                jdbc.sql("INSERT INTO delivery_target_failure (target_system, delivery_id, reason, failed_at)"
                        + " VALUES (?, ?, ?, ?)").params(targetSystem, deliveryId, reason, ts(now)).update();
            } catch (DuplicateKeyException e) {
                // A later failure is already there, or another node inserted the row first: it stands.
                jdbc.sql(update).params(deliveryId, reason, ts(now), targetSystem, ts(now)).update();
            }
        }
    }

    /**
     * Gives a QUEUED delivery up after its last failed attempt, counted like every other one: the
     * attempts shown beside a dead letter are the "attempt n" of its reason.
     *
     * @return false when it was not QUEUED
     */
    public boolean markDeadLetter(long deliveryId, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE delivery SET transfer_state = 'DEAD_LETTER', transfer_attempts = transfer_attempts + 1,
                       last_error = ?, updated_at = ?, next_check_at = NULL
                 WHERE id = ? AND COALESCE(transfer_state, '') = 'QUEUED'""")
                .params(reason, ts(now), deliveryId).update() == 1;
    }

    /**
     * A dead letter back to QUEUED (operator replay), with a fresh count of attempts as its fresh
     * claim check gets (the earlier ones stay in its timeline). @return false when it was not a dead letter
     */
    public boolean requeueDeadLetter(long deliveryId, Instant now, Instant nextCheckAt) {
        return jdbc.sql("""
                UPDATE delivery SET transfer_state = 'QUEUED', transfer_attempts = 0, updated_at = ?, next_check_at = ?
                 WHERE id = ? AND COALESCE(transfer_state, '') = 'DEAD_LETTER'""")
                .params(ts(now), ts(nextCheckAt), deliveryId).update() == 1;
    }

    public Optional<Delivery> findDelivery(long deliveryId) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM delivery v WHERE v.id = ?")
                .param(deliveryId).query((rs, row) -> delivery(rs)).optional();
    }

    /**
     * QUEUED deliveries whose claim check may be lost: untouched since {@code now}'s check time, or
     * (at start-up, {@code neverTried}) never attempted at all. In id order after {@code afterId}.
     */
    public List<Delivery> queuedForRecovery(Instant now, boolean neverTried, long afterId, int limit) {
        String condition = neverTried ? "v.transfer_attempts = 0 OR v.next_check_at < ?" : "v.next_check_at < ?";
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM delivery v WHERE v.transfer_state = 'QUEUED' AND v.id > ?"
                        + " AND (" + condition + ") ORDER BY v.id FETCH FIRST " + limit + " ROWS ONLY")
                .params(afterId, ts(now)).query((rs, row) -> delivery(rs)).list();
    }

    /** Makes a document's QUEUED deliveries due for recovery at once: their claim checks did not reach Artemis. */
    public void markRecoveryDue(String docId, Instant now) {
        jdbc.sql("UPDATE delivery SET next_check_at = ? WHERE doc_id = ? AND COALESCE(transfer_state, '') = 'QUEUED'")
                .params(ts(now.minusMillis(1)), docId).update();
    }

    /** Postpones recovery of deliveries whose claim check was just sent again. */
    public void postponeCheck(List<Long> deliveryIds, Instant nextCheckAt) {
        for (Long id : deliveryIds) {
            jdbc.sql("UPDATE delivery SET next_check_at = ? WHERE id = ? AND COALESCE(transfer_state, '') = 'QUEUED'")
                    .params(ts(nextCheckAt), id).update();
        }
    }

    /** Dead letters, newest first; one target's only when {@code targetSystem} is not null. */
    public List<DeliveryView> deadLetters(String targetSystem, int limit) {
        List<Object> params = new ArrayList<>();
        String filter = "";
        if (targetSystem != null) {
            filter = " AND v.target_system = ?";
            params.add(targetSystem);
        }
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + ", " + DELIVERY_COLUMNS + """
                         FROM delivery v JOIN document d ON d.doc_id = v.doc_id
                        WHERE v.transfer_state = 'DEAD_LETTER'%s
                        ORDER BY v.updated_at DESC, v.id DESC
                        FETCH FIRST %d ROWS ONLY""".formatted(filter, limit))
                .params(params).query((rs, row) -> new DeliveryView(document(rs, row), delivery(rs))).list();
    }

    /** Deliveries per transfer state and per recipient status, for the operators' MBean. */
    public Map<String, Long> countsByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT transfer_state, COUNT(*) FROM delivery GROUP BY transfer_state")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        jdbc.sql("SELECT COUNT(*) FROM delivery WHERE transfer_state = 'DELIVERED' AND status IN ('PENDING', 'FAIL')")
                .query(rs -> {
                    counts.put("AWAITING_ACK", rs.getLong(1));
                });
        return counts;
    }

    /** Notes the first fetch of a delivered copy by its recipient system (later fetches change nothing). */
    public void markFetched(String docId, String recipientSystem, Instant now) {
        jdbc.sql("UPDATE delivery SET fetched_at = ? WHERE doc_id = ? AND recipient_system = ? AND fetched_at IS NULL")
                .params(ts(now), docId, recipientSystem).update();
    }

    public Optional<Delivery> findDelivery(String docId, String recipientSystem) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM delivery v WHERE v.doc_id = ? AND v.recipient_system = ?")
                .params(docId, recipientSystem).query((rs, row) -> delivery(rs)).optional();
    }

    public List<Delivery> deliveriesOf(String docId) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM delivery v WHERE v.doc_id = ? ORDER BY v.id")
                .param(docId).query((rs, row) -> delivery(rs)).list();
    }

    /**
     * Records a recipient's acknowledgement, unless the delivery is already DONE (final).
     *
     * @return whether a row changed
     */
    public boolean acknowledge(long deliveryId, DeliveryStatus status, int addAttempts, String reportedStatus,
                               Instant now) {
        return jdbc.sql("""
                UPDATE delivery SET status = ?, attempts = attempts + ?, reported_status = ?, updated_at = ?
                 WHERE id = ? AND status <> 'DONE'""")
                .params(status.name(), addAttempts, reportedStatus, ts(now), deliveryId).update() == 1;
    }

    /** Notes on the original document's delivery to this agency the status it sent back. */
    public void recordReturnedStatus(String docId, String recipientCode, String statusCode, Instant at) {
        jdbc.sql("""
                UPDATE delivery SET last_status_code = ?, last_status_at = ?
                 WHERE doc_id = ? AND recipient_code = ?""")
                .params(statusCode, ts(at), docId, recipientCode).update();
    }

    /** A system's pending list (PENDING and FAIL), oldest first; all message types when type is null. */
    public List<DeliveryView> pendingFor(String recipientSystem, MessageType type, int limit) {
        List<Object> params = new ArrayList<>(List.of(recipientSystem));
        String typeFilter = "";
        if (type != null) {
            typeFilter = " AND d.message_type = ?";
            params.add(type.wire());
        }
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + ", " + DELIVERY_COLUMNS + """
                         FROM delivery v JOIN document d ON d.doc_id = v.doc_id
                        WHERE v.recipient_system = ? AND v.status IN ('PENDING', 'FAIL') AND v.transfer_state = 'DELIVERED'%s
                        ORDER BY v.created_at, v.id
                        FETCH FIRST %d ROWS ONLY""".formatted(typeFilter, limit))
                .params(params).query((rs, row) -> new DeliveryView(document(rs, row), delivery(rs))).list();
    }

    public long countPending(String recipientSystem, MessageType type) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM delivery v JOIN document d ON d.doc_id = v.doc_id
                 WHERE v.recipient_system = ? AND v.status IN ('PENDING', 'FAIL') AND v.transfer_state = 'DELIVERED'
                   AND d.message_type = ?""")
                .params(recipientSystem, type.wire()).query(Long.class).single();
    }

    /**
     * What a system sent: one row per recipient system, newest documents first; all message types
     * when type is null, every document when docId is null.
     */
    public List<DeliveryView> sentBy(String senderSystem, MessageType type, String docId, int limit) {
        List<Object> params = new ArrayList<>(List.of(senderSystem));
        StringBuilder filters = new StringBuilder();
        if (type != null) {
            filters.append(" AND d.message_type = ?");
            params.add(type.wire());
        }
        if (docId != null) {
            filters.append(" AND d.doc_id = ?");
            params.add(docId);
        }
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + ", " + DELIVERY_COLUMNS + """
                         FROM document d JOIN delivery v ON v.doc_id = d.doc_id
                        WHERE d.sender_system = ?%s
                        ORDER BY d.received_at DESC, d.doc_id, v.id
                        FETCH FIRST %d ROWS ONLY""".formatted(filters, limit))
                .params(params).query((rs, row) -> new DeliveryView(document(rs, row), delivery(rs))).list();
    }

    // --- mapping ------------------------------------------------------------------------------

    private StoredDocument document(ResultSet rs, int row) throws SQLException {
        int businessDocType = rs.getInt("business_doc_type");
        boolean noBusinessDocType = rs.wasNull();
        return new StoredDocument(rs.getString("doc_id"), rs.getString("sender_system"), rs.getString("from_code"),
                MessageType.fromWire(rs.getString("message_type")).orElseThrow(),
                noBusinessDocType ? null : businessDocType, rs.getString("edxml_document_id"),
                rs.getString("referenced_doc_id"), rs.getString("status_code"), rs.getString("subject"),
                rs.getString("notation"), rs.getString("sha256"), rs.getLong("size_bytes"),
                instant(rs, "received_at"));
    }

    private Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong("v_id"), rs.getString("v_doc_id"), rs.getString("recipient_code"),
                rs.getString("recipient_system"), DeliveryStatus.valueOf(rs.getString("v_status")),
                rs.getInt("attempts"), rs.getString("reported_status"), rs.getString("last_status_code"),
                instant(rs, "last_status_at"), instant(rs, "v_created_at"), instant(rs, "v_updated_at"),
                rs.getString("route"), rs.getString("target_system"), TransferState.valueOf(rs.getString("transfer_state")),
                rs.getInt("transfer_attempts"), rs.getString("last_error"), instant(rs, "delivered_at"),
                rs.getString("remote_id"));
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
