package vn.gov.haiphong.lgsp.platform.messagelog;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.gov.haiphong.lgsp.platform.messagelog.VerificationReport.Break;
import vn.gov.haiphong.lgsp.platform.messagelog.VerificationReport.Check;

/**
 * Walks the chain from seq 1 to the head as it stood when the walk began, a page at a time (never
 * the whole log in memory), and stops at the first broken link. For each row, in this order:
 * its seq follows the previous one (else a row was deleted), its prev_hash is the previous row's
 * hash (else the link was changed), and its content still gives its hash (else it was changed).
 * At the end the last row must be the head, and no sealed row may lie beyond it.
 */
final class MessageLogVerifier {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int pageSize;

    MessageLogVerifier(JdbcTemplate jdbc, Clock clock, int pageSize) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    VerificationReport verify() {
        MessageLogSealer.Head head = jdbc.queryForObject("SELECT last_seq, last_hash FROM message_log_head WHERE id = 1",
                (rs, n) -> new MessageLogSealer.Head(rs.getLong(1), rs.getString(2)));
        long expectedSeq = 1;
        String prevHash = ChainHash.GENESIS;
        long checked = 0;
        Break broken = null;
        walk:
        while (expectedSeq <= head.seq()) {
            List<MessageLogRow> page = jdbc.query("SELECT " + MessageLogRows.COLUMNS + " FROM message_log"
                    + " WHERE chain_seq >= ? AND chain_seq <= ? ORDER BY chain_seq FETCH FIRST " + pageSize + " ROWS ONLY",
                    MessageLogRows.MAPPER, expectedSeq, head.seq());
            if (page.isEmpty()) {
                break;
            }
            for (MessageLogRow row : page) {
                broken = check(row, expectedSeq, prevHash);
                if (broken != null) {
                    break walk;
                }
                prevHash = row.hash();
                expectedSeq++;
                checked++;
            }
        }
        if (broken == null && expectedSeq <= head.seq()) {
            broken = new Break(expectedSeq, Check.ROW_DELETED, null, null, null, "the chain ends at seq "
                    + (expectedSeq - 1) + " but the head is at seq " + head.seq() + ": the rows after it were deleted");
        }
        if (broken == null && !Objects.equals(prevHash, head.hash())) {
            broken = new Break(head.seq(), Check.HEAD_MISMATCH, head.hash(), prevHash, null,
                    "the head's hash is not the hash of the last row");
        }
        if (broken == null) {
            Long beyond = jdbc.queryForObject("SELECT MIN(chain_seq) FROM message_log WHERE chain_seq > ?", Long.class,
                    head.seq());
            // Rows sealed after the walk began are legitimately beyond the head read then: re-read it.
            Long headNow = jdbc.queryForObject("SELECT last_seq FROM message_log_head WHERE id = 1", Long.class);
            if (beyond != null && headNow != null && beyond > headNow) {
                broken = new Break(beyond, Check.HEAD_MISMATCH, null, null, beyond,
                        "a row is sealed at seq " + beyond + ", beyond the head at seq " + headNow);
            }
        }
        long unsealed = countUnsealed(jdbc);
        return new VerificationReport(broken == null, checked, head.seq(), head.hash(), unsealed, clock.instant(), broken);
    }

    private static Break check(MessageLogRow row, long expectedSeq, String prevHash) {
        long seq = row.chainSeq();
        if (seq != expectedSeq) {
            return new Break(expectedSeq, Check.ROW_DELETED, prevHash, row.prevHash(), seq,
                    (seq - expectedSeq == 1 ? "seq " + expectedSeq + " is" : "seqs " + expectedSeq + "–" + (seq - 1) + " are")
                            + " missing: the next row found is seq " + seq);
        }
        if (!Objects.equals(row.prevHash(), prevHash)) {
            return new Break(seq, Check.PREV_HASH_MISMATCH, prevHash, row.prevHash(), null,
                    "its prev_hash is not the hash of seq " + (seq - 1));
        }
        String recomputed = ChainHash.hash(row.prevHash(), row);
        if (!Objects.equals(recomputed, row.hash())) {
            return new Break(seq, Check.CONTENT_CHANGED, recomputed, row.hash(), null,
                    "its content does not give its stored hash: changed after sealing");
        }
        return null;
    }

    static long countUnsealed(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM message_log WHERE chain_seq IS NULL", Long.class);
        return count == null ? 0 : count;
    }
}
