package vn.gov.haiphong.lgsp.platform.messagelog;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed, unsealed rows their place in the chain. Each batch is one transaction that
 * first locks the one row of {@code message_log_head} ({@code SELECT ... FOR UPDATE}), so sealers
 * on every node sharing the database take turns; rows are taken in insert-id order among those
 * committed, so a row committed late with a smaller id is simply sealed in a later batch. Every
 * write is also guarded (the row still unsealed, the head still where it was read, {@code
 * chain_seq} unique), so even a sealer that somehow ran unlocked would roll back, never fork.
 */
final class MessageLogSealer {

    private static final int LOCK_ATTEMPTS = 10;
    private static final String INSERT_SEALED = "INSERT INTO message_log (recorded_at, node, kind, message_id, actor, "
            + "from_code, to_code, route, outcome, sha256, size_bytes, detail, chain_seq, prev_hash, hash) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int batchSize;

    MessageLogSealer(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock, int batchSize) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    record Head(long seq, String hash) {
    }

    /** Seals every row committed before the call; returns how many rows this call sealed. */
    int sealPending() {
        int total = 0;
        int sealed;
        do {
            sealed = sealBatchWaitingForOtherNodes();
            total += sealed;
        } while (sealed == batchSize);
        return total;
    }

    /**
     * One batch. While another node seals, the head lock is busy: PostgreSQL waits for it, H2
     * gives up after its lock timeout (2 s); either way the batch is simply tried again.
     */
    private int sealBatchWaitingForOtherNodes() {
        for (int attempt = 1; ; attempt++) {
            try {
                Integer batch = transaction.execute(status -> sealBatch());
                return batch == null ? 0 : batch;
            } catch (TransientDataAccessException e) {
                if (attempt == LOCK_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The head, locked until the current transaction ends: the chain's one writer at a time. */
    private Head lockHead() {
        return jdbc.queryForObject("SELECT last_seq, last_hash FROM message_log_head WHERE id = 1 FOR UPDATE",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
    }

    /** Moves the head read by {@link #lockHead} to the last row linked after it. */
    private void moveHead(Head from, long seq, String hash) {
        int moved = jdbc.update("UPDATE message_log_head SET last_seq = ?, last_hash = ?, sealed_at = ? "
                + "WHERE id = 1 AND last_seq = ?", seq, hash, clock.instant().atOffset(ZoneOffset.UTC), from.seq());
        if (moved != 1) {
            throw new ConcurrentSealException("the head moved while this batch was sealed");
        }
    }

    /**
     * Inserts new rows already linked into the chain, in the current transaction, which must be
     * open: the head stays locked until it ends. {@code values} are {@link MessageLog}'s insert
     * values, recorded_at to detail. Each row is written once, as the sealer would have left it.
     */
    void insertSealed(List<Object[]> values) {
        Head head = lockHead();
        long seq = head.seq();
        String prev = head.hash();
        List<Object[]> rows = new ArrayList<>(values.size());
        for (Object[] v : values) {
            seq++;
            MessageLogRow linked = new MessageLogRow(0, seq, ((OffsetDateTime) v[0]).toInstant(), (String) v[1],
                    (String) v[2], (String) v[3], (String) v[4], (String) v[5], (String) v[6], (String) v[7],
                    (String) v[8], (String) v[9], (Long) v[10], (String) v[11], prev, null);
            String hash = ChainHash.hash(prev, linked);
            Object[] row = Arrays.copyOf(v, v.length + 3);
            row[v.length] = seq;
            row[v.length + 1] = prev;
            row[v.length + 2] = hash;
            rows.add(row);
            prev = hash;
        }
        jdbc.batchUpdate(INSERT_SEALED, rows);
        moveHead(head, seq, prev);
    }

    private int sealBatch() {
        Head head = lockHead();
        List<MessageLogRow> rows = jdbc.query("SELECT " + MessageLogRows.COLUMNS
                + " FROM message_log WHERE chain_seq IS NULL ORDER BY id FETCH FIRST " + batchSize + " ROWS ONLY",
                MessageLogRows.MAPPER);
        if (rows.isEmpty()) {
            return 0;
        }
        long seq = head.seq();
        String prev = head.hash();
        List<Object[]> links = new ArrayList<>(rows.size());
        for (MessageLogRow row : rows) {
            seq++;
            MessageLogRow linked = new MessageLogRow(row.id(), seq, row.recordedAt(), row.node(), row.kind(),
                    row.messageId(), row.actor(), row.fromCode(), row.toCode(), row.route(), row.outcome(),
                    row.sha256(), row.sizeBytes(), row.detail(), prev, null);
            String hash = ChainHash.hash(prev, linked);
            links.add(new Object[] {seq, prev, hash, row.id()});
            prev = hash;
        }
        // COALESCE, not "chain_seq IS NULL": H2 otherwise looks the row up through the unique index
        // on chain_seq, walking every unsealed row for each row sealed; this way it uses the key.
        int[] updated = jdbc.batchUpdate("UPDATE message_log SET chain_seq = ?, prev_hash = ?, hash = ? "
                + "WHERE id = ? AND COALESCE(chain_seq, -1) = -1", links);
        for (int count : updated) {
            // SUCCESS_NO_INFO (-2) is allowed by JDBC for batches; neither H2 nor PostgreSQL answers it.
            if (count != 1 && count != java.sql.Statement.SUCCESS_NO_INFO) {
                throw new ConcurrentSealException("a row was sealed by another sealer meanwhile");
            }
        }
        moveHead(head, seq, prev);
        return rows.size();
    }

    /** Another sealer got in between (only possible if the head lock did not hold); the batch rolls back. */
    static final class ConcurrentSealException extends IllegalStateException {
        ConcurrentSealException(String message) {
            super(message);
        }
    }
}
