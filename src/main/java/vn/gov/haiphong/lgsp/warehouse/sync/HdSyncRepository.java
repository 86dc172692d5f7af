package vn.gov.haiphong.lgsp.warehouse.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.gov.haiphong.lgsp.warehouse.DatasetRow;

/** SQL of the Hải Dương sync state and the conflict list (portable: H2 and PostgreSQL). */
@Repository
public class HdSyncRepository {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String CONFLICT_COLUMNS = "id, dataset, row_key, status, detected_at, hd_version, hd_changed_at, "
            + "hd_deleted, hd_payload, hd_source, base_version, platform_version, platform_deleted, platform_payload, "
            + "platform_region, platform_updated_at, platform_updated_by, resolution, resolved_at, resolved_by, "
            + "resolved_version, note";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public HdSyncRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What the platform knows of HD's side of one row. */
    public record State(String dataset, String key, long hdVersion, Long baseVersion) {
    }

    public Optional<State> findStateForUpdate(String dataset, String key) {
        return jdbc.sql("SELECT dataset, row_key, hd_version, base_version FROM hd_sync_state "
                        + "WHERE dataset = ? AND row_key = ? FOR UPDATE")
                .params(dataset, key)
                .query((rs, n) -> new State(rs.getString(1), rs.getString(2), rs.getLong(3),
                        (Long) rs.getObject(4, Long.class)))
                .optional();
    }

    public void saveState(boolean exists, String dataset, String key, long hdVersion, Instant hdChangedAt,
                          Long baseVersion, Instant now) {
        OffsetDateTime changed = hdChangedAt == null ? null : hdChangedAt.atOffset(ZoneOffset.UTC);
        if (exists) {
            jdbc.sql("UPDATE hd_sync_state SET hd_version = ?, hd_changed_at = ?, base_version = ?, received_at = ? "
                            + "WHERE dataset = ? AND row_key = ?")
                    .params(hdVersion, changed, baseVersion, now.atOffset(ZoneOffset.UTC), dataset, key).update();
        } else {
            jdbc.sql("INSERT INTO hd_sync_state (dataset, row_key, hd_version, hd_changed_at, base_version, received_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")
                    .params(dataset, key, hdVersion, changed, baseVersion, now.atOffset(ZoneOffset.UTC)).update();
        }
    }

    /** After a steward resolved a conflict: HD's next change is based on the resolved row. */
    public void rebase(String dataset, String key, long baseVersion) {
        jdbc.sql("UPDATE hd_sync_state SET base_version = ? WHERE dataset = ? AND row_key = ?")
                .params(baseVersion, dataset, key).update();
    }

    // --- conflicts -----------------------------------------------------------------------------

    /** Both sides of a conflicting row; {@code hdData}/{@code platformData} are dataset fields. */
    public record Conflict(long id, String dataset, String key, String status, Instant detectedAt, long hdVersion,
                           Instant hdChangedAt, boolean hdDeleted, Map<String, Object> hdData, String hdSource,
                           Long baseVersion, long platformVersion, boolean platformDeleted,
                           Map<String, Object> platformData, String platformRegion, Instant platformUpdatedAt,
                           String platformUpdatedBy, String resolution, Instant resolvedAt, String resolvedBy,
                           Long resolvedVersion, String note) {
    }

    public Optional<Conflict> findOpenConflictForUpdate(String dataset, String key) {
        return jdbc.sql("SELECT " + CONFLICT_COLUMNS + " FROM dataset_conflict WHERE dataset = ? AND row_key = ? "
                        + "AND status = 'OPEN' FOR UPDATE")
                .params(dataset, key).query(this::conflict).optional();
    }

    public Optional<Conflict> findConflictForUpdate(long id) {
        return jdbc.sql("SELECT " + CONFLICT_COLUMNS + " FROM dataset_conflict WHERE id = ? FOR UPDATE")
                .param(id).query(this::conflict).optional();
    }

    public Optional<Conflict> findConflict(long id) {
        return jdbc.sql("SELECT " + CONFLICT_COLUMNS + " FROM dataset_conflict WHERE id = ?")
                .param(id).query(this::conflict).optional();
    }

    /** Conflicts newest first; null dataset or status = all. */
    public List<Conflict> conflicts(String dataset, String status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + CONFLICT_COLUMNS + " FROM dataset_conflict WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (dataset != null) {
            sql.append(" AND dataset = ?");
            params.add(dataset);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            spec = spec.param(i + 1, params.get(i));
        }
        return spec.query(this::conflict).list();
    }

    /** Records a new open conflict, or gives the open one of this row HD's newer side and the row as it is now. */
    public long recordConflict(Optional<Conflict> open, HdChange change, boolean hdDeleted, Map<String, Object> hdData,
                               Long baseVersion, DatasetRow current, Instant now) {
        OffsetDateTime hdChangedAt = change.changedAt() == null ? null : change.changedAt().atOffset(ZoneOffset.UTC);
        String source = change.source() == null ? "" : truncate(change.source(), 300);
        if (open.isPresent()) {
            jdbc.sql("UPDATE dataset_conflict SET detected_at = ?, hd_version = ?, hd_changed_at = ?, hd_deleted = ?, "
                            + "hd_payload = ?, hd_source = ?, base_version = ?, platform_version = ?, platform_deleted = ?, "
                            + "platform_payload = ?, platform_region = ?, platform_updated_at = ?, platform_updated_by = ? "
                            + "WHERE id = ?")
                    .params(now.atOffset(ZoneOffset.UTC), change.hdVersion(), hdChangedAt, hdDeleted, toJson(hdData), source,
                            baseVersion, current.version(), current.deleted(), toJson(current.data()), current.region(),
                            current.updatedAt().atOffset(ZoneOffset.UTC), current.updatedBy(), open.get().id())
                    .update();
            return open.get().id();
        }
        jdbc.sql("INSERT INTO dataset_conflict (dataset, row_key, status, detected_at, hd_version, hd_changed_at, hd_deleted, "
                        + "hd_payload, hd_source, base_version, platform_version, platform_deleted, platform_payload, "
                        + "platform_region, platform_updated_at, platform_updated_by) "
                        + "VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(current.dataset(), current.key(), now.atOffset(ZoneOffset.UTC), change.hdVersion(), hdChangedAt,
                        hdDeleted, toJson(hdData), source, baseVersion, current.version(), current.deleted(),
                        toJson(current.data()), current.region(), current.updatedAt().atOffset(ZoneOffset.UTC),
                        current.updatedBy())
                .update();
        return jdbc.sql("SELECT MAX(id) FROM dataset_conflict WHERE dataset = ? AND row_key = ? AND status = 'OPEN'")
                .params(current.dataset(), current.key()).query(Long.class).single();
    }

    public void markResolved(long id, String resolution, String actor, Long version, String note, Instant now) {
        jdbc.sql("UPDATE dataset_conflict SET status = 'RESOLVED', resolution = ?, resolved_at = ?, resolved_by = ?, "
                        + "resolved_version = ?, note = ? WHERE id = ?")
                .params(resolution, now.atOffset(ZoneOffset.UTC), actor, version, note, id).update();
    }

    private Conflict conflict(ResultSet rs, int n) throws SQLException {
        return new Conflict(rs.getLong("id"), rs.getString("dataset"), rs.getString("row_key"), rs.getString("status"),
                instant(rs, "detected_at"), rs.getLong("hd_version"), instant(rs, "hd_changed_at"),
                rs.getBoolean("hd_deleted"), fromJson(rs.getString("hd_payload")), rs.getString("hd_source"),
                rs.getObject("base_version", Long.class), rs.getLong("platform_version"),
                rs.getBoolean("platform_deleted"), fromJson(rs.getString("platform_payload")),
                rs.getString("platform_region"), instant(rs, "platform_updated_at"),
                rs.getString("platform_updated_by"), rs.getString("resolution"), instant(rs, "resolved_at"),
                rs.getString("resolved_by"), rs.getObject("resolved_version", Long.class), rs.getString("note"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private String toJson(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Row data is not serialisable", e);
        }
    }

    private Map<String, Object> fromJson(String payload) {
        try {
            return json.readValue(payload, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored conflict payload is not JSON", e);
        }
    }
}
