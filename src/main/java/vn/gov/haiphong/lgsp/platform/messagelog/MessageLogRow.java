package vn.gov.haiphong.lgsp.platform.messagelog;

import java.time.Instant;

/**
 * A row of the message log as stored: the entry, when and where it was recorded, and its link in
 * the chain ({@code chainSeq}, {@code prevHash}, {@code hash}: null until sealed). {@code detail}
 * is the JSON text exactly as stored (and hashed).
 */
public record MessageLogRow(long id, Long chainSeq, Instant recordedAt, String node, String kind, String messageId,
                            String actor, String fromCode, String toCode, String route, String outcome, String sha256,
                            Long sizeBytes, String detail, String prevHash, String hash) {

    public boolean sealed() {
        return chainSeq != null;
    }
}
