package vn.gov.haiphong.lgsp.platform.messagelog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.RowMapper;

/** The columns of {@code message_log} and how a row is read (the same for sealing, verifying, searching). */
final class MessageLogRows {

    static final String COLUMNS = "id, chain_seq, recorded_at, node, kind, message_id, actor, from_code, to_code, "
            + "route, outcome, sha256, size_bytes, detail, prev_hash, hash";

    static final RowMapper<MessageLogRow> MAPPER = MessageLogRows::map;

    private MessageLogRows() {
    }

    private static MessageLogRow map(ResultSet rs, int rowNum) throws SQLException {
        OffsetDateTime recordedAt = rs.getObject("recorded_at", OffsetDateTime.class);
        return new MessageLogRow(rs.getLong("id"), longOrNull(rs, "chain_seq"),
                recordedAt == null ? null : recordedAt.toInstant(), rs.getString("node"), rs.getString("kind"),
                rs.getString("message_id"), rs.getString("actor"), rs.getString("from_code"), rs.getString("to_code"),
                rs.getString("route"), rs.getString("outcome"), rs.getString("sha256"), longOrNull(rs, "size_bytes"),
                rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
