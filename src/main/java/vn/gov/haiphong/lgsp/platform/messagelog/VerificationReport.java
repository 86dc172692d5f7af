package vn.gov.haiphong.lgsp.platform.messagelog;

import java.time.Instant;

/**
 * What {@link MessageLog#verify()} found: either every sealed row links up to the head
 * ({@code ok}, {@code checkedRows}, {@code headSeq}, {@code headHash}) or the first broken link.
 * {@code unsealedRows} counts rows appended but not yet in the chain (not checked).
 */
public record VerificationReport(boolean ok, long checkedRows, long headSeq, String headHash, long unsealedRows,
                                 Instant verifiedAt, Break firstBreak) {

    /** Which check a link failed. */
    public enum Check {
        /** The row's content no longer gives its stored hash (a field, the seq or the hash itself was changed). */
        CONTENT_CHANGED,
        /** A sequence number is missing: a row was deleted (or un-sealed); at the tail: the chain ends before the head. */
        ROW_DELETED,
        /** The row's prev_hash is not the hash of the row before it. */
        PREV_HASH_MISMATCH,
        /** The head (message_log_head) does not match the last row of the chain, or rows lie beyond it. */
        HEAD_MISMATCH
    }

    /**
     * The first broken link.
     *
     * @param seq          the chain position that failed (for a deletion: the first missing one)
     * @param check        which check failed
     * @param expectedHash what the link should hold (recomputed hash, or the previous row's hash)
     * @param foundHash    what it holds
     * @param foundSeq     for {@link Check#ROW_DELETED}: the seq found instead (null at the tail)
     * @param message      the same in words
     */
    public record Break(long seq, Check check, String expectedHash, String foundHash, Long foundSeq, String message) {
    }

    public String summary() {
        if (ok) {
            return "OK: " + checkedRows + " rows, head " + headSeq + " " + headHash + ", " + unsealedRows + " unsealed";
        }
        return "BROKEN at seq " + firstBreak.seq() + " (" + firstBreak.check() + "): " + firstBreak.message() + "; "
                + checkedRows + " rows verified before it, " + unsealedRows + " unsealed";
    }
}
