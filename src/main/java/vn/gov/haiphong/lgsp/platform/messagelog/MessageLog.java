package vn.gov.haiphong.lgsp.platform.messagelog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one append-only, hash-chained log of what happened to messages, for the document exchange
 * and the service gateway. {@link #append} is a single INSERT in the caller's transaction (its
 * own when there is none): appenders never wait for each other or for the chain. The sealer
 * ({@link MessageLogSealing} runs it every {@code lgsp.message-log.seal-interval}; {@link #seal()}
 * on demand) links committed rows into the chain; {@link #verify()} recomputes every link.
 * The canonical form of a link is {@link ChainHash}.
 */
@Service
public class MessageLog {

    /** Largest {@code detail}, as JSON text; a larger one is replaced by a note saying so. */
    public static final int MAX_DETAIL_CHARS = 16_000;
    static final int SEAL_BATCH = 500;
    static final int VERIFY_PAGE = 1_000;
    public static final int MAX_PAGE_SIZE = 200;

    private static final Logger log = LoggerFactory.getLogger(MessageLog.class);
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final String INSERT = "INSERT INTO message_log (recorded_at, node, kind, message_id, actor, "
            + "from_code, to_code, route, outcome, sha256, size_bytes, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final ObjectMapper detailJson;
    private final String nodeId;
    private final Clock clock;
    private final MessageLogSealer sealer;
    /** The caller's transaction, or one of its own. */
    private final TransactionTemplate joined;
    private final MessageLogVerifier verifier;
    /** One sealing at a time on this node (other nodes wait on the head row lock). */
    private final ReentrantLock sealing = new ReentrantLock();

    @Autowired
    public MessageLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                      @Value("${lgsp.node-id}") String nodeId) {
        this(jdbc, transactions, json, nodeId, Clock.systemUTC());
    }

    /** For a log on any database (tests run the same chain on H2 and PostgreSQL) and a given clock. */
    public MessageLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json, String nodeId,
                      Clock clock) {
        this.jdbc = jdbc;
        this.detailJson = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.nodeId = cut(nodeId, 200);
        this.clock = clock;
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sealer = new MessageLogSealer(jdbc, own, clock, SEAL_BATCH);
        this.joined = new TransactionTemplate(transactions);
        this.verifier = new MessageLogVerifier(jdbc, clock, VERIFY_PAGE);
    }

    // --- writing ------------------------------------------------------------------------------

    /**
     * Appends within the caller's transaction (or its own if none); cheap; never blocks on other
     * appenders. Texts longer than their column are cut (ending in "…"); a detail over
     * {@link #MAX_DETAIL_CHARS} as JSON is replaced by {@code {"detailChars":n,"detailTruncated":true}}.
     *
     * @throws IllegalArgumentException when {@code kind} is missing or not {@code [A-Z][A-Z0-9_]*} (≤ 40)
     */
    public void append(MessageLogEntry entry) {
        jdbc.update(INSERT, values(entry, now()));
    }

    /** {@link #append} for several entries, as one JDBC batch (same rules, same recorded time). */
    public void appendAll(List<MessageLogEntry> entries) {
        List<Object[]> rows = valuesAll(entries);
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
    }

    /**
     * {@link #appendAll}, the rows linked into the chain at once: in the caller's transaction (or
     * its own), which then holds the chain's head until it commits, as a sealer does. For one
     * writer of many rows (the gateway audit, in the group commit): each row is written once,
     * where the sealer would have updated every row again in a transaction of its own. Plain
     * appends go on meanwhile and are sealed after these.
     */
    public void appendAllSealed(List<MessageLogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Object[]> rows = valuesAll(entries);
        joined.executeWithoutResult(status -> sealer.insertSealed(rows));
    }

    /** The insert values of several entries, all with the same recorded time. */
    private List<Object[]> valuesAll(List<MessageLogEntry> entries) {
        OffsetDateTime now = now();
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (MessageLogEntry entry : entries) {
            rows.add(values(entry, now));
        }
        return rows;
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private Object[] values(MessageLogEntry entry, OffsetDateTime now) {
        if (entry == null || entry.kind() == null || !KIND.matcher(entry.kind()).matches()) {
            throw new IllegalArgumentException("A message log entry needs a kind of at most 40 characters "
                    + "[A-Z0-9_], starting with a letter: " + (entry == null ? null : cut(entry.kind(), 60)));
        }
        return new Object[] {now, nodeId, entry.kind(), cut(entry.messageId(), 200), cut(entry.actor(), 200),
                cut(entry.fromCode(), 200), cut(entry.toCode(), 4000), cut(entry.route(), 200),
                cut(entry.outcome(), 100), cut(entry.sha256(), 64), entry.sizeBytes(), detail(entry)};
    }

    private String detail(MessageLogEntry entry) {
        if (entry.detail() == null || entry.detail().isEmpty()) {
            return null;
        }
        String text;
        try {
            text = detailJson.writeValueAsString(entry.detail());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Message log detail is not serialisable: " + entry.kind(), e);
        }
        if (text.length() > MAX_DETAIL_CHARS) {
            String messageId = entry.messageId() == null ? null : cut(entry.messageId(), 80).replaceAll("\\p{Cntrl}", "?");
            log.warn("Message log {} for {}: detail of {} characters not recorded (limit {})", entry.kind(),
                    messageId, text.length(), MAX_DETAIL_CHARS);
            return "{\"detailChars\":" + text.length() + ",\"detailTruncated\":true}";
        }
        return text;
    }

    /** At most {@code max} chars (ending "…" when cut, never splitting a surrogate pair); NUL (refused by PostgreSQL) → U+FFFD. */
    public static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.indexOf('\0') >= 0 ? text.replace('\0', '\uFFFD') : text;
        if (clean.length() <= max) {
            return clean;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + "…";
    }

    /**
     * Links every row committed before this call into the chain and returns how many rows this
     * call sealed (on this node; rows another node's sealer took count there).
     */
    public int seal() {
        sealing.lock();
        try {
            return sealer.sealPending();
        } finally {
            sealing.unlock();
        }
    }

    // --- reading ------------------------------------------------------------------------------

    /** Walks the whole chain, a page at a time, and reports OK or the first broken link. */
    public VerificationReport verify() {
        VerificationReport report = verifier.verify();
        jdbc.update("INSERT INTO message_log_verification (verified_at, node, ok, checked_rows, head_seq, unsealed_rows,"
                + " summary) VALUES (?, ?, ?, ?, ?, ?, ?)", report.verifiedAt().atOffset(ZoneOffset.UTC), nodeId,
                report.ok(), report.checkedRows(), report.headSeq(), report.unsealedRows(), cut(report.summary(), 2000));
        if (!report.ok()) {
            log.error("Message log verification: {}", report.summary());
        }
        return report;
    }

    /** The last verification of the chain, by any node (they share the database). */
    public record Verification(Instant verifiedAt, String node, boolean ok, long checkedRows, long headSeq,
                               long unsealedRows, String summary) {
    }

    /** The last {@link #verify()} of any node, if any. */
    public Optional<Verification> lastVerification() {
        return jdbc.query("SELECT verified_at, node, ok, checked_rows, head_seq, unsealed_rows, summary"
                + " FROM message_log_verification ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> new Verification(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
                        rs.getBoolean(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7)))
                .stream().findFirst();
    }

    /** Rows appended but not sealed yet (across all nodes). */
    public long unsealedCount() {
        return MessageLogVerifier.countUnsealed(jdbc);
    }

    /** The end of the chain: last seq, its hash, when it was last sealed. */
    public record Head(long seq, String hash, Instant sealedAt) {
    }

    public Head head() {
        return jdbc.queryForObject("SELECT last_seq, last_hash, sealed_at FROM message_log_head WHERE id = 1",
                (rs, n) -> {
                    OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
                    return new Head(rs.getLong(1), rs.getString(2), at == null ? null : at.toInstant());
                });
    }

    /** Search filters; null means any. {@code from} inclusive, {@code to} exclusive, on recorded_at. */
    public record Query(String messageId, String kind, Instant from, Instant to) {
    }

    /** One page of rows, newest first; {@code more} when a further page has rows. */
    public record Page(int page, int size, boolean more, List<MessageLogRow> items) {
    }

    /** Rows matching every given filter, newest (last appended) first. */
    public Page search(Query query, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be ≥ 0 and size 1–" + MAX_PAGE_SIZE);
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(MessageLogRows.COLUMNS).append(" FROM message_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.messageId() != null) {
            sql.append(" AND message_id = ?");
            params.add(query.messageId());
        }
        if (query.kind() != null) {
            sql.append(" AND kind = ?");
            params.add(query.kind());
        }
        if (query.from() != null) {
            sql.append(" AND recorded_at >= ?");
            params.add(query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" AND recorded_at < ?");
            params.add(query.to().atOffset(ZoneOffset.UTC));
        }
        sql.append(" ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        params.add((long) page * size);
        params.add(size + 1);
        List<MessageLogRow> rows = jdbc.query(sql.toString(), MessageLogRows.MAPPER, params.toArray());
        boolean more = rows.size() > size;
        return new Page(page, size, more, more ? rows.subList(0, size) : rows);
    }
}
