package vn.gov.haiphong.lgsp.exchange.document;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The exchange's records: an accepted package, one recipient's delivery, and what lists show. */
public final class DocumentModel {

    private DocumentModel() {
    }

    /** The VDXP {@code messagetype}: a document package or a status package. */
    public enum MessageType {
        EDOC("edoc"),
        STATUS("status");

        private final String wire;

        MessageType(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The type a caller named ({@code edoc}/{@code status}, any case); empty for anything else. */
        public static Optional<MessageType> fromWire(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String v = value.strip().toLowerCase(Locale.ROOT);
            for (MessageType type : values()) {
                if (type.wire.equals(v)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    /** Where a recipient system's copy stands. */
    public enum DeliveryStatus {
        /** Not yet acknowledged: in the recipient's pending list. */
        PENDING,
        /** Acknowledged with {@code done}: out of the pending list for good. */
        DONE,
        /** The recipient reported {@code fail}: still offered, {@code attempts} counts the failures. */
        FAIL
    }

    /**
     * One accepted package, without its bytes (those are read only when fetched).
     *
     * @param fromCode          From/OrganId resolved to the current code
     * @param businessDocType   0–3 for documents, null for statuses
     * @param edxmlDocumentId   documents: their DocumentId; statuses: ResponseFor/DocumentId
     * @param referencedDocId   statuses: the document reported on; revoke/update/replace: the first
     *                          earlier document it names (table document_reference has each of them)
     */
    public record StoredDocument(String docId, String senderSystem, String fromCode, MessageType messageType,
                                 Integer businessDocType, String edxmlDocumentId, String referencedDocId,
                                 String statusCode, String subject, String notation, String sha256, long sizeBytes,
                                 Instant receivedAt) {
    }

    /** How far the platform has got in handing a delivery over (the recipient's own status is separate). */
    public enum TransferState {
        /** A claim check is on the target's Artemis queue (or will be put there again by recovery). */
        QUEUED,
        /** In the pull inbox, or accepted by the push / relay recipient. */
        DELIVERED,
        /** Given up after the last attempt or a permanent refusal; the reason is kept; replayable. */
        DEAD_LETTER
    }

    /**
     * One recipient system's copy of a document.
     *
     * @param route         the routing table's decision: local-pull, local-push, relay, national-axis
     * @param targetSystem  the system whose queue carries it (the recipient, or the relay)
     */
    public record Delivery(long id, String docId, String recipientCode, String recipientSystem, DeliveryStatus status,
                           int attempts, String reportedStatus, String lastStatusCode, Instant lastStatusAt,
                           Instant createdAt, Instant updatedAt, String route, String targetSystem,
                           TransferState transferState, int transferAttempts, String lastError, Instant deliveredAt,
                           String remoteId) {

        /** Where this copy stands for its sender: a delivery given up (dead letter) failed. */
        public DeliveryStatus senderStatus() {
            return transferState == TransferState.DEAD_LETTER ? DeliveryStatus.FAIL : status;
        }

        /** Where this copy stands, in words: the same text in every protocol's lists. */
        public String description() {
            if (transferState == TransferState.QUEUED) {
                return "Queued for delivery (" + route + ")"
                        + (transferAttempts > 0 ? ", " + transferAttempts + " failed attempts" : "");
            }
            if (transferState == TransferState.DEAD_LETTER) {
                return "Delivery given up after " + transferAttempts + " failed attempts, operators notified: "
                        + lastError;
            }
            return switch (status) {
                case PENDING -> "Waiting for the recipient to fetch it";
                case DONE -> "Fetched and acknowledged by the recipient";
                case FAIL -> "The recipient reported a failure (" + attempts + " so far); offered again";
            };
        }
    }

    /** A delivery with the facts of its document: one row of a received or sent list. */
    public record DeliveryView(StoredDocument document, Delivery delivery) {
    }

    /**
     * Where a package came in: the protocol ({@code VDXP}, {@code SOAP}) and the client's address,
     * recorded with its acceptance for the operators' document timeline.
     */
    public record Origin(String protocol, String address) {
    }

    /** What sendEdoc answers: our DocId, and whether the package had already been accepted. */
    public record Submission(String docId, MessageType messageType, boolean replay) {
    }
}
