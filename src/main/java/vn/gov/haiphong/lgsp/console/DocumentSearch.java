package vn.gov.haiphong.lgsp.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * <p>Every search starts from an index and reads at most a page and one row from it, in its
 * order: the DocId (primary key), {@code document_edxml_id_ix}, {@code document_notation_ix},
 * {@code document_received_ix} (newest first, a time range); an agency is two such reads, the
 * documents it sent ({@code document_from_ix}) and the deliveries to it
 * ({@code delivery_recipient_code_ix}), merged; a system likewise ({@code document_sender_ix},
 * {@code delivery_recipient_system_ix}); documents waiting or given up come from their deliveries
 * ({@code delivery_transfer_ix}). Everything else asked narrows those reads. Words of the subject
 * are the one search that reads row by row: among the {@link #SUBJECT_ROWS} newest documents
 * unless a time range is given.
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
        String system = blank(criteria.system()) ? null : criteria.system().strip();
        Optional<State> state = State.parse(criteria.state());
        Filters filters = new Filters();
        List<Branch> branches = new ArrayList<>();
        // The identifier in the box drives the search; what else is asked narrows every branch.
        switch (interpretation.kind()) {
            case DOC_ID -> filters.add("d.doc_id = ?", interpretation.value());
            case EDXML_DOCUMENT_ID -> filters.add("d.edxml_document_id = ?", interpretation.value());
            case NOTATION -> filters.add("d.notation = ?", interpretation.value());
            case AGENCY -> {
                branches.add(Branch.document("d.from_code", interpretation.value()));
                branches.add(Branch.delivery("recipient_code", interpretation.value()));
            }
            case SYSTEM -> branches.addAll(systemBranches(interpretation.value()));
            case SUBJECT -> {
                filters.add("d.subject LIKE ? ESCAPE '!'", "%" + interpretation.value().replace("!", "!!")
                        .replace("%", "!%").replace("_", "!_") + "%");
                if (criteria.from() == null && criteria.to() == null) {
                    // Words are looked for row by row: among the newest documents unless a time range is given.
                    jdbc.sql("SELECT received_at FROM document ORDER BY received_at DESC, doc_id DESC OFFSET "
                                    + SUBJECT_ROWS + " ROWS FETCH FIRST 1 ROWS ONLY")
                            .query(OffsetDateTime.class).optional()
                            .ifPresent(oldest -> filters.add("d.received_at >= ?", oldest));
                }
            }
            case NONE -> {
            }
        }
        if (system != null) {
            if (branches.isEmpty() && !filters.narrowsToFewRows()) {
                branches.addAll(systemBranches(system));
            } else {
                filters.add("(d.sender_system = ? OR EXISTS (SELECT 1 FROM delivery y WHERE y.doc_id = d.doc_id"
                        + " AND y.recipient_system = ?))", system, system);
            }
        }
        if (!blank(criteria.kind())) {
            filters.add("d.message_type = ?", "status".equalsIgnoreCase(criteria.kind().strip()) ? "status" : "edoc");
        }
        if (state.isPresent()) {
            String transfer = switch (state.get()) {
                case WAITING -> "QUEUED";
                case DEAD_LETTER -> "DEAD_LETTER";
                default -> null;
            };
            if (transfer != null && branches.isEmpty() && !filters.narrowsToFewRows()) {
                // Few deliveries wait or were given up: they drive (delivery_transfer_ix).
                branches.add(Branch.delivery("transfer_state", transfer));
            } else {
                filters.add(switch (state.get()) {
                    case WAITING -> "EXISTS (SELECT 1 FROM delivery s WHERE s.doc_id = d.doc_id AND s.transfer_state = 'QUEUED')";
                    case DEAD_LETTER -> "EXISTS (SELECT 1 FROM delivery s WHERE s.doc_id = d.doc_id"
                            + " AND s.transfer_state = 'DEAD_LETTER')";
                    case UNACKNOWLEDGED -> "EXISTS (SELECT 1 FROM delivery s WHERE s.doc_id = d.doc_id"
                            + " AND s.transfer_state = 'DELIVERED' AND s.status IN ('PENDING', 'FAIL'))";
                    case DONE -> "NOT EXISTS (SELECT 1 FROM delivery s WHERE s.doc_id = d.doc_id"
                            + " AND (s.transfer_state <> 'DELIVERED' OR s.status <> 'DONE'))";
                });
            }
        }
        if (branches.isEmpty()) {
            branches.add(Branch.document(null, null));
        }
        Instant from = criteria.from();
        Instant to = criteria.to();
        Optional<Instant> cursorAt = blank(criteria.before()) ? Optional.empty()
                : jdbc.sql("SELECT received_at FROM document WHERE doc_id = ?").param(criteria.before().strip())
                        .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
        int size = criteria.size();
        // Each branch reads at most size + 1 rows in its index's order; merged newest first, once each.
        Map<String, Row> merged = new LinkedHashMap<>();
        for (Branch branch : branches) {
            Filters all = new Filters();
            all.addAll(branch.filters());
            all.addAll(filters);
            String time = branch.timeColumn();
            String id = branch.idColumn();
            if (from != null) {
                all.add(time + " >= ?", ts(from));
            }
            // Always an upper bound on the time (by default a day ahead, past any node's clock): a
            // condition on the index's second column makes H2 take it over another index that
            // merely starts with the same column (the idempotency key for a sender: 3.4 s).
            all.add(time + " < ?", ts(to != null ? to : Instant.now().plus(AHEAD)));
            if (cursorAt.isPresent()) {
                all.add("(" + time + " < ? OR (" + time + " = ? AND " + id + " < ?))", ts(cursorAt.get()),
                        ts(cursorAt.get()), criteria.before().strip());
            }
            String sql = "SELECT " + COLUMNS + " FROM " + branch.from()
                    + (all.where.isEmpty() ? "" : " WHERE " + String.join(" AND ", all.where))
                    + " ORDER BY " + (branch.keyColumn() == null ? "" : branch.keyColumn() + " DESC, ")
                    + time + " DESC, " + id + " DESC FETCH FIRST " + (size + 1) + " ROWS ONLY";
            jdbc.sql(sql).params(all.params).query((rs, n) -> row(rs)).list()
                    .forEach(row -> merged.putIfAbsent(row.docId(), row));
        }
        List<Row> rows = merged.values().stream()
                .sorted(Comparator.comparing(Row::receivedAt).thenComparing(Row::docId).reversed())
                .limit(size + 1L).toList();
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = rows.get(size - 1).docId();
        }
        return new Result(interpretation, withRecipients(rows), next, null);
    }

    private static final Duration AHEAD = Duration.ofDays(1);
    private static final String COLUMNS = "d.doc_id, d.received_at, d.message_type, d.business_doc_type,"
            + " d.edxml_document_id, d.subject, d.notation, d.from_code, d.sender_system, d.status_code, d.size_bytes";
    /** Among how many of the newest documents words of the subject are looked for when no time range is given. */
    static final int SUBJECT_ROWS = 50_000;

    /** A system's documents: those it sent ({@code document_sender_ix}), those it received ({@code delivery_recipient_system_ix}). */
    private static List<Branch> systemBranches(String systemId) {
        return List.of(Branch.document("d.sender_system", systemId), Branch.delivery("recipient_system", systemId));
    }

    /** Conditions and their parameters, in order. */
    private static final class Filters {
        final List<String> where = new ArrayList<>();
        final List<Object> params = new ArrayList<>();

        void add(String condition, Object... values) {
            where.add(condition);
            params.addAll(Arrays.asList(values));
        }

        void addAll(Filters other) {
            where.addAll(other.where);
            params.addAll(other.params);
        }

        /** A DocId, DocumentId or notation: a handful of rows, nothing else needs to drive. */
        boolean narrowsToFewRows() {
            return where.stream().anyMatch(w -> w.startsWith("d.doc_id =") || w.startsWith("d.edxml_document_id =")
                    || w.startsWith("d.notation ="));
        }
    }

    /**
     * One indexed way to the documents, read newest first: the documents themselves (by time, or
     * one of their own columns), or the deliveries of one recipient code, recipient system or
     * transfer state joined to their documents. A delivery's {@code created_at} is its document's
     * {@code received_at} (both are written with the same instant), so both order and page alike.
     * The order names the column the branch is equal on first ({@code keyColumn}), then the
     * index's other columns: only then does H2 read the index backwards instead of sorting every
     * row of that agency or system (4.5 s at 250,000).
     */
    private record Branch(String from, Filters filters, String keyColumn, String timeColumn, String idColumn) {

        static Branch document(String column, Object value) {
            Filters filters = new Filters();
            if (column != null) {
                filters.add(column + " = ?", value);
            }
            return new Branch("document d", filters, column, "d.received_at", "d.doc_id");
        }

        static Branch delivery(String column, Object value) {
            Filters filters = new Filters();
            filters.add("v." + column + " = ?", value);
            return new Branch("delivery v JOIN document d ON d.doc_id = v.doc_id", filters, "v." + column,
                    "v.created_at", "v.doc_id");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
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
