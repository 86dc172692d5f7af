package vn.gov.haiphong.lgsp.platform.messagelog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import vn.gov.haiphong.lgsp.platform.Sha256;

/**
 * The link of the message log's chain, defined so an auditor can recompute it in a few lines
 * (docs/operators.md, "The message log", shows them, with a worked example):
 *
 * <pre>
 * field(v)  = "-,"                              when v is null
 *           = len(utf8(v)) ":" utf8(v) ","      otherwise (a netstring; len in decimal ASCII)
 * canonical = field("LGSP-MSGLOG-1") field(chain_seq) field(recorded_at) field(node) field(kind)
 *             field(message_id) field(actor) field(from_code) field(to_code) field(route)
 *             field(outcome) field(sha256) field(size_bytes) field(detail)
 * hash      = lower-hex( SHA-256( ascii(prev_hash) || canonical ) )
 * </pre>
 *
 * Numbers are written in decimal without sign or leading zeros; {@code recorded_at} in UTC as
 * {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (always six fraction digits); {@code detail} is the stored
 * JSON text, byte for byte. {@code prev_hash} is the previous row's hash as 64 lower-case hex
 * characters, {@link #GENESIS} (64 zeros) for the first row.
 */
public final class ChainHash {

    /** Tags the canonical form (domain separation; a later format gets a new tag). */
    public static final String FORMAT = "LGSP-MSGLOG-1";
    /** The prev_hash of the first row. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter RECORDED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ChainHash() {
    }

    /** The hash of {@code row} (its content and {@code chainSeq}) linked to {@code prevHash}. */
    public static String hash(String prevHash, MessageLogRow row) {
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update(String.valueOf(prevHash).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha256.digest(canonical(row)));
    }

    /** The canonical serialisation of a row (see the class comment). */
    public static byte[] canonical(MessageLogRow row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, FORMAT);
        field(out, row.chainSeq() == null ? null : Long.toString(row.chainSeq()));
        field(out, recordedAt(row.recordedAt()));
        field(out, row.node());
        field(out, row.kind());
        field(out, row.messageId());
        field(out, row.actor());
        field(out, row.fromCode());
        field(out, row.toCode());
        field(out, row.route());
        field(out, row.outcome());
        field(out, row.sha256());
        field(out, row.sizeBytes() == null ? null : Long.toString(row.sizeBytes()));
        field(out, row.detail());
        return out.toByteArray();
    }

    /** {@code recorded_at} as the canonical form writes it. */
    public static String recordedAt(Instant at) {
        return at == null ? null : RECORDED_AT.format(at);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(new byte[] {'-', ','});
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(bytes);
        out.write(',');
    }
}
