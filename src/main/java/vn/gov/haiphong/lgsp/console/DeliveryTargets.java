package vn.gov.haiphong.lgsp.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the console's delivery-targets page reads: every connected system with where its
 * deliveries stand, and the dead letters. Everything comes from the database (never from one
 * node's Artemis), so two nodes show the same figures. Portable SQL (H2 and PostgreSQL): page
 * limits are inlined integers, text filters are {@code LOWER(..) LIKE ? ESCAPE '\'}.
 */
@Repository
public class DeliveryTargets {

    private final JdbcClient jdbc;

    public DeliveryTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One connected system and how its deliveries stand. */
    public record Target(String systemId, String name, String ownerCode, String ownerName, String mode,
                         boolean enabled, long backlog, long retrying, Instant oldestQueued, Instant lastDelivered,
                         String lastError, Instant lastErrorAt, long deadLetters, long unfetched,
                         Instant oldestUnfetched) {

        public boolean pull() {
            return "PULL".equals(mode);
        }
    }

    /** One dead-lettered delivery with its document's facts and the agencies' names. */
    public record DeadLetter(long id, String docId, String subject, String notation, String fromCode, String fromName,
                             String recipientCode, String recipientName, String recipientSystem, String targetSystem,
                             String route, int attempts, String reason, Instant acceptedAt, Instant deadLetteredAt) {
    }

    /** Where one delivery stands now (for the confirmation and result pages). */
    public record DeliveryState(long id, String docId, String targetSystem, String transferState) {

        public boolean deadLetter() {
            return "DEAD_LETTER".equals(transferState);
        }
    }

    /** What the dead-letter list is filtered on; null fields do not filter. */
    public record DeadLetterFilter(String target, Instant from, Instant to, String reason) {
    }

    // --- targets ------------------------------------------------------------------------------

    /** Connected systems ordered by id, filtered on mode and text (id or name), {@code size + 1} rows from {@code offset}. */
    public List<Target> targets(String mode, String text, long offset, int size) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (mode != null) {
            where.append(" AND s.delivery_mode = ?");
            params.add(mode);
        }
        if (text != null) {
            where.append(" AND (LOWER(s.system_id) LIKE ? ESCAPE '\\' OR LOWER(s.name) LIKE ? ESCAPE '\\')");
            params.add(like(text));
            params.add(like(text));
        }
        List<Target> systems = jdbc.sql("""
                        SELECT s.system_id, s.name, s.owner_agency, a.name AS owner_name, s.delivery_mode, s.enabled
                          FROM connected_system s LEFT JOIN agency a ON a.code = s.owner_agency""" + where + """
                         ORDER BY s.system_id
                        OFFSET %d ROWS FETCH FIRST %d ROWS ONLY""".formatted(offset, size + 1))
                .params(params)
                .query((rs, row) -> new Target(rs.getString("system_id"), rs.getString("name"),
                        rs.getString("owner_agency"), rs.getString("owner_name"), rs.getString("delivery_mode"),
                        rs.getBoolean("enabled"), 0, 0, null, null, null, null, 0, 0, null))
                .list();
        return withFigures(systems);
    }

    /**
     * The targets' figures. What is waiting or given up (small however large the exchange) is read
     * once for all targets through {@code delivery_transfer_ix}, not per target through the target's
     * index, which H2 prefers and then walks every delivery the target ever had (2.9 s at 250,000);
     * the last failures from {@code delivery_target_failure}; a target's last successful delivery
     * through {@code delivery_target_delivered_ix}, looking at the last day first; a pull target's
     * unfetched inbox through {@code delivery_inbox_ix}.
     */
    List<Target> withFigures(List<Target> systems) {
        Map<String, long[]> counts = new HashMap<>(); // queued, retrying, dead
        Map<String, Instant> oldestQueued = new HashMap<>();
        jdbc.sql("""
                SELECT target_system, transfer_state, COUNT(*) AS n,
                       SUM(CASE WHEN transfer_attempts > 0 THEN 1 ELSE 0 END) AS retried, MIN(created_at) AS oldest
                  FROM delivery WHERE transfer_state IN ('QUEUED', 'DEAD_LETTER')
                 GROUP BY target_system, transfer_state""")
                .query(rs -> {
                    long[] c = counts.computeIfAbsent(rs.getString("target_system"), k -> new long[3]);
                    if ("QUEUED".equals(rs.getString("transfer_state"))) {
                        c[0] = rs.getLong("n");
                        c[1] = rs.getLong("retried");
                        oldestQueued.put(rs.getString("target_system"), instant(rs, "oldest"));
                    } else {
                        c[2] = rs.getLong("n");
                    }
                });
        // Each target's latest failed attempt, kept by the delivery routes as it happens.
        Map<String, Object[]> lastError = new HashMap<>();
        jdbc.sql("SELECT target_system, reason, failed_at FROM delivery_target_failure").query(rs -> {
            lastError.put(rs.getString("target_system"), new Object[] {rs.getString("reason"), instant(rs, "failed_at")});
        });
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        List<Target> withFigures = new ArrayList<>();
        for (Target s : systems) {
            String id = s.systemId();
            Instant lastDelivered = lastDelivered(id, dayAgo);
            if (lastDelivered == null) {
                lastDelivered = lastDelivered(id, null);
            }
            long[] unfetched = new long[1];
            Instant[] oldestUnfetched = new Instant[1];
            if (s.pull()) {
                jdbc.sql("""
                        SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest FROM delivery
                         WHERE recipient_system = ? AND status = 'PENDING' AND transfer_state = 'DELIVERED'
                           AND fetched_at IS NULL""")
                        .param(id).query(rs -> {
                            unfetched[0] = rs.getLong("waiting");
                            oldestUnfetched[0] = instant(rs, "oldest");
                        });
            }
            long[] c = counts.getOrDefault(id, new long[3]);
            Object[] error = lastError.getOrDefault(id, new Object[2]);
            withFigures.add(new Target(id, s.name(), s.ownerCode(), s.ownerName(), s.mode(), s.enabled(), c[0], c[1],
                    oldestQueued.get(id), lastDelivered, (String) error[0], (Instant) error[1], c[2], unfetched[0],
                    oldestUnfetched[0]));
        }
        return withFigures;
    }

    /** The last delivery handed to this target since {@code since} (any time when null). */
    private Instant lastDelivered(String target, Instant since) {
        return jdbc.sql("SELECT MAX(delivered_at) AS last_delivered FROM delivery WHERE target_system = ?"
                        + (since == null ? "" : " AND delivered_at >= ?"))
                .params(since == null ? List.of(target) : List.of(target, ts(since)))
                .query((rs, row) -> instant(rs, "last_delivered")).optional().orElse(null);
    }

    /** The ids of every connected system, for the target filter of the dead-letter list. */
    public List<String> systemIds() {
        return jdbc.sql("SELECT system_id FROM connected_system ORDER BY system_id").query(String.class).list();
    }

    // --- dead letters -------------------------------------------------------------------------

    private static final String DEAD_LETTER_SELECT = """
            SELECT v.id, v.doc_id, d.subject, d.notation, d.from_code, fa.name AS from_name, v.recipient_code,
                   ra.name AS recipient_name, v.recipient_system, v.target_system, v.route, v.transfer_attempts,
                   v.last_error, d.received_at, v.updated_at
              FROM delivery v JOIN document d ON d.doc_id = v.doc_id
              LEFT JOIN agency fa ON fa.code = d.from_code
              LEFT JOIN agency ra ON ra.code = v.recipient_code
             WHERE v.transfer_state = 'DEAD_LETTER'""";

    /** Dead letters, newest first, filtered; {@code size + 1} rows from {@code offset}. */
    public List<DeadLetter> deadLetters(DeadLetterFilter filter, long offset, int size) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (filter.target() != null) {
            // Wrapped: the dead letters (delivery_transfer_ix) drive, not every delivery of the target.
            where.append(" AND COALESCE(v.target_system, '') = ?");
            params.add(filter.target());
        }
        if (filter.from() != null) {
            where.append(" AND v.updated_at >= ?");
            params.add(ts(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND v.updated_at < ?");
            params.add(ts(filter.to()));
        }
        if (filter.reason() != null) {
            where.append(" AND LOWER(v.last_error) LIKE ? ESCAPE '\\'");
            params.add(like(filter.reason()));
        }
        return jdbc.sql(DEAD_LETTER_SELECT + where + """
                         ORDER BY v.updated_at DESC, v.id DESC
                        OFFSET %d ROWS FETCH FIRST %d ROWS ONLY""".formatted(offset, size + 1))
                .params(params).query(this::deadLetter).list();
    }

    /** These deliveries if they are dead letters now, newest first (the others are simply absent). */
    public List<DeadLetter> deadLettersAmong(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", ids.stream().map(id -> "?").toList());
        return jdbc.sql(DEAD_LETTER_SELECT + " AND v.id IN (" + marks + ") ORDER BY v.updated_at DESC, v.id DESC")
                .params(new ArrayList<Object>(ids)).query(this::deadLetter).list();
    }

    /** Every dead letter of a target, newest first, up to {@code limit}. */
    public List<DeadLetter> deadLettersOf(String target, int limit) {
        return deadLetters(new DeadLetterFilter(target, null, null, null), 0, limit - 1);
    }

    /** Where these deliveries stand (unknown ids are absent). */
    public List<DeliveryState> states(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", ids.stream().map(id -> "?").toList());
        return jdbc.sql("SELECT id, doc_id, target_system, transfer_state FROM delivery WHERE id IN (" + marks
                        + ") ORDER BY id")
                .params(new ArrayList<Object>(ids))
                .query((rs, row) -> new DeliveryState(rs.getLong("id"), rs.getString("doc_id"),
                        rs.getString("target_system"), rs.getString("transfer_state"))).list();
    }

    private DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("doc_id"), rs.getString("subject"),
                rs.getString("notation"), rs.getString("from_code"), rs.getString("from_name"),
                rs.getString("recipient_code"), rs.getString("recipient_name"), rs.getString("recipient_system"),
                rs.getString("target_system"), rs.getString("route"), rs.getInt("transfer_attempts"),
                rs.getString("last_error"), instant(rs, "received_at"), instant(rs, "updated_at"));
    }

    // --- documents per route ------------------------------------------------------------------

    /**
     * Documents (distinct DocIds) per route on each of the last {@code days} days, today included,
     * days in Asia/Ho_Chi_Minh. One pass over the week's documents in time order
     * ({@code document_received_ix}), each joined to its deliveries by DocId; the days and the
     * distinct documents are counted here (a document's rows arrive together), which costs a
     * fraction of seven {@code COUNT(DISTINCT CASE …)} columns. Every route of {@code routes} is
     * in the answer (zeros included), then any other found, a missing route as {@code ?}.
     */
    public MergerBoard.RouteDays routesPerDay(Instant now, int days, List<String> routes) {
        LocalDate today = now.atZone(ConsoleFormat.ZONE).toLocalDate();
        List<LocalDate> dayList = new ArrayList<>();
        Instant[] starts = new Instant[days + 1];
        for (int i = 0; i < days; i++) {
            LocalDate day = today.minusDays(days - 1L - i);
            dayList.add(day);
            starts[i] = startOf(day);
        }
        starts[days] = startOf(today.plusDays(1));
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String route : routes) {
            counts.put(route, new long[days]);
        }
        String[] lastDoc = {null};
        Set<String> routesOfDoc = new HashSet<>();
        jdbc.sql("SELECT d.doc_id, d.received_at, v.route FROM document d JOIN delivery v ON v.doc_id = d.doc_id"
                        + " WHERE d.received_at >= ? AND d.received_at < ? ORDER BY d.received_at, d.doc_id")
                .params(ts(starts[0]), ts(starts[days]))
                .query(rs -> {
                    String docId = rs.getString(1);
                    if (!docId.equals(lastDoc[0])) {
                        lastDoc[0] = docId;
                        routesOfDoc.clear();
                    }
                    String route = rs.getString(3) == null ? "?" : rs.getString(3);
                    if (!routesOfDoc.add(route)) {
                        return; // this document counted on this route already
                    }
                    Instant at = instant(rs, "received_at");
                    int day = days - 1;
                    while (day > 0 && at.isBefore(starts[day])) {
                        day--;
                    }
                    counts.computeIfAbsent(route, r -> new long[days])[day]++;
                });
        return new MergerBoard.RouteDays(dayList, counts);
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ConsoleFormat.ZONE).toInstant();
    }

    // --- helpers ------------------------------------------------------------------------------

    /** {@code %text%}, lower-cased, with LIKE's wildcards in the text taken literally. */
    static String like(String text) {
        String escaped = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
