package vn.gov.haiphong.lgsp.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.registry.AgencyCode;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/**
 * The console's document search: one box for whatever the operator has in hand — our DocId, the
 * edXML DocumentId ({@code 000.00.00.G22,2015/09/30,7816/VPCP-TTĐT}), a notation
 * ({@code 7816/VPCP-TTĐT}), an agency code (current, or legacy H26, resolved as the registry does)
 * or a system id — plus filters (system, kind, state, time range). Newest first, a page at a time
 * by keyset (the last row's time and DocId), so page 1000 costs what page 1 does.
 *
 * <p>Every search starts from an index: the DocId (primary key), {@code document_edxml_id_ix},
 * {@code document_notation_ix}, {@code document_from_ix} with {@code delivery_recipient_code_ix},
 * {@code document_sender_ix} with {@code delivery_inbox_ix}, the deliveries' transfer state
 * ({@code delivery_transfer_ix}), or the time ({@code document_received_ix}).
 */
@Component
public class DocumentSearch {

    private static final Pattern DOC_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final int MAX_QUERY = 1000;

    private final JdbcClient jdbc;
    private final AgencyResolver registry;

    public DocumentSearch(JdbcClient jdbc, AgencyResolver registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /** What the operator can ask for: where a document stands across its deliveries. */
    public enum State {
        /** A delivery is still on its way (queued, retrying). */
        WAITING,
        /** Delivered, not yet fetched or acknowledged by a pull recipient. */
        UNACKNOWLEDGED,
        /** A delivery was given up. */
        DEAD_LETTER,
        /** Every delivery handed over and, for pull recipients, acknowledged. */
        DONE;

        static Optional<State> parse(String value) {
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** How the search box was read. */
    public enum QueryKind { NONE, DOC_ID, EDXML_DOCUMENT_ID, NOTATION, AGENCY, SYSTEM, SUBJECT }

    /**
     * The search as asked. {@code q} is read as one identifier (see {@link #interpret}); the others
     * narrow it. {@code before} is the DocId of the last row of the previous page.
     */
    public record Criteria(String q, String system, String kind, String state, Instant from, Instant to,
                           String before, int size) {
    }

    /** What the box was read as; for an agency code, the unit it resolves to (and how). */
    public record Interpretation(QueryKind kind, String value, RegistrySnapshot.Resolution agency) {
    }

    /** One row of the results. */
    public record Row(String docId, Instant receivedAt, String messageType, Integer businessDocType,
                      String edxmlDocumentId, String subject, String notation, String fromCode, String senderSystem,
                      String statusCode, long sizeBytes, List<Recipient> recipients) {

        /** The document's state across its deliveries, the worst first. */
        public State state() {
            if (recipients.stream().anyMatch(r -> "DEAD_LETTER".equals(r.transferState()))) {
                return State.DEAD_LETTER;
            }
            if (recipients.stream().anyMatch(r -> "QUEUED".equals(r.transferState()))) {
                return State.WAITING;
            }
            if (recipients.stream().anyMatch(r -> !"DONE".equals(r.status()))) {
                return State.UNACKNOWLEDGED;
            }
            return State.DONE;
        }
    }

    public record Recipient(String code, String system, String transferState, String status) {
    }

    /** A page of results and the cursor of the next one (null at the end). */
    public record Result(Interpretation interpretation, List<Row> rows, String nextBefore, String problem) {
    }

    /** Reads the search box: which identifier it is. */
    public Interpretation interpret(String q) {
        if (q == null || q.isBlank()) {
            return new Interpretation(QueryKind.NONE, null, null);
        }
        String value = q.strip();
        if (DOC_ID.matcher(value).matches()) {
            return new Interpretation(QueryKind.DOC_ID, value.toLowerCase(Locale.ROOT), null);
        }
        if (value.contains(",")) {
            return new Interpretation(QueryKind.EDXML_DOCUMENT_ID, value, null);
        }
        RegistrySnapshot snapshot = registry.snapshot();
        String code = AgencyCode.normalize(value);
        if (AgencyCode.isValid(code)) {
            Optional<RegistrySnapshot.Resolution> resolution = snapshot.resolve(code);
            return new Interpretation(QueryKind.AGENCY, resolution.map(r -> r.agency().code()).orElse(code),
                    resolution.orElse(null));
        }
        if (snapshot.system(value).isPresent()) {
            return new Interpretation(QueryKind.SYSTEM, value, null);
        }
        if (value.contains("/")) {
            return new Interpretation(QueryKind.NOTATION, value, null);
        }
        return new Interpretation(QueryKind.SUBJECT, value, null);
    }

    public Result search(Criteria criteria) {
        Interpretation interpretation = interpret(criteria.q());
        if (criteria.q() != null && criteria.q().length() > MAX_QUERY) {
            return new Result(interpretation, List.of(), null, "search.tooLong");
        }
        if (criteria.from() != null && criteria.to() != null && !criteria.from().isBefore(criteria.to())) {
            return new Result(interpretation, List.of(), null, "search.badRange");
        }
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        switch (interpretation.kind()) {
            case DOC_ID -> {
                where.add("d.doc_id = ?");
                params.add(interpretation.value());
            }
            case EDXML_DOCUMENT_ID -> {
                where.add("d.edxml_document_id = ?");
                params.add(interpretation.value());
            }
            case NOTATION -> {
                where.add("d.notation = ?");
                params.add(interpretation.value());
            }
            case AGENCY -> {
                where.add("(d.from_code = ? OR d.doc_id IN (SELECT r.doc_id FROM delivery r WHERE r.recipient_code = ?))");
                params.add(interpretation.value());
                params.add(interpretation.value());
            }
            case SYSTEM -> addSystem(where, params, interpretation.value());
            case SUBJECT -> {
                // Free text: within the subject, case as written; bounded by the time range below.
                where.add("d.subject LIKE ? ESCAPE '!'");
                params.add("%" + interpretation.value().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            case NONE -> {
            }
        }
        if (criteria.system() != null && !criteria.system().isBlank()) {
            addSystem(where, params, criteria.system().strip());
        }
        if (criteria.kind() != null && !criteria.kind().isBlank()) {
            where.add("d.message_type = ?");
            params.add("status".equalsIgnoreCase(criteria.kind().strip()) ? "status" : "edoc");
        }
        State.parse(criteria.state()).ifPresent(state -> {
            switch (state) {
                case WAITING -> where.add("d.doc_id IN (SELECT s.doc_id FROM delivery s WHERE s.transfer_state = 'QUEUED')");
                case DEAD_LETTER -> where.add("d.doc_id IN (SELECT s.doc_id FROM delivery s WHERE s.transfer_state = 'DEAD_LETTER')");
                case UNACKNOWLEDGED -> where.add("d.doc_id IN (SELECT s.doc_id FROM delivery s WHERE s.transfer_state = 'DELIVERED'"
                        + " AND s.status IN ('PENDING', 'FAIL'))");
                case DONE -> where.add("NOT EXISTS (SELECT 1 FROM delivery s WHERE s.doc_id = d.doc_id"
                        + " AND (s.transfer_state <> 'DELIVERED' OR s.status <> 'DONE'))");
            }
        });
        if (criteria.from() != null) {
            where.add("d.received_at >= ?");
            params.add(ts(criteria.from()));
        }
        if (criteria.to() != null) {
            where.add("d.received_at < ?");
            params.add(ts(criteria.to()));
        }
        if (criteria.before() != null && !criteria.before().isBlank()) {
            Optional<Instant> at = jdbc.sql("SELECT received_at FROM document WHERE doc_id = ?")
                    .param(criteria.before().strip()).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
            if (at.isPresent()) {
                where.add("(d.received_at < ? OR (d.received_at = ? AND d.doc_id < ?))");
                params.add(ts(at.get()));
                params.add(ts(at.get()));
                params.add(criteria.before().strip());
            }
        }
        int size = criteria.size();
        String sql = "SELECT d.doc_id, d.received_at, d.message_type, d.business_doc_type, d.edxml_document_id,"
                + " d.subject, d.notation, d.from_code, d.sender_system, d.status_code, d.size_bytes FROM document d"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY d.received_at DESC, d.doc_id DESC FETCH FIRST " + (size + 1) + " ROWS ONLY";
        List<Row> rows = jdbc.sql(sql).params(params).query((rs, n) -> row(rs)).list();
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = rows.get(size - 1).docId();
        }
        return new Result(interpretation, withRecipients(rows), next, null);
    }

    private static void addSystem(List<String> where, List<Object> params, String systemId) {
        where.add("(d.sender_system = ? OR d.doc_id IN (SELECT y.doc_id FROM delivery y WHERE y.recipient_system = ?))");
        params.add(systemId);
        params.add(systemId);
    }

    /** The page's deliveries in one query, attached to their rows. */
    private List<Row> withRecipients(List<Row> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<Recipient>> byDoc = new LinkedHashMap<>();
        rows.forEach(row -> byDoc.put(row.docId(), new ArrayList<>()));
        String marks = String.join(", ", rows.stream().map(r -> "?").toList());
        jdbc.sql("SELECT doc_id, recipient_code, recipient_system, transfer_state, status FROM delivery WHERE doc_id IN ("
                        + marks + ") ORDER BY id")
                .params(new ArrayList<>(byDoc.keySet()))
                .query(rs -> {
                    byDoc.get(rs.getString(1)).add(new Recipient(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                });
        return rows.stream().map(r -> new Row(r.docId(), r.receivedAt(), r.messageType(), r.businessDocType(),
                r.edxmlDocumentId(), r.subject(), r.notation(), r.fromCode(), r.senderSystem(), r.statusCode(),
                r.sizeBytes(), List.copyOf(byDoc.get(r.docId())))).toList();
    }

    private static Row row(ResultSet rs) throws SQLException {
        int businessDocType = rs.getInt("business_doc_type");
        Integer type = rs.wasNull() ? null : businessDocType;
        return new Row(rs.getString("doc_id"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getString("message_type"), type, rs.getString("edxml_document_id"), rs.getString("subject"),
                rs.getString("notation"), rs.getString("from_code"), rs.getString("sender_system"),
                rs.getString("status_code"), rs.getLong("size_bytes"), List.of());
    }

    static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
