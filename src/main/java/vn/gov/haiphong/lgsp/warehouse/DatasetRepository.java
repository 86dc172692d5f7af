package vn.gov.haiphong.lgsp.warehouse;

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
import javax.sql.DataSource;
import java.sql.Statement;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the warehouse, portable between H2 and PostgreSQL. Query text is assembled only from
 * constants of this class; field names and values from requests travel as bind parameters.
 */
@Repository
public class DatasetRepository {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String ROW_COLUMNS = "r.dataset, r.row_key, r.version, r.region, r.updated_at, r.updated_by, "
            + "r.deleted, r.payload";
    // The query starts from the index rows of one filter (the database walks its (dataset, field,
    // value) index); every other filter is an EXISTS probe by primary key on the same row, and each
    // sort a LEFT JOIN. A self-join per filter made the join-order search grow with the filter
    // count: H2 spent seconds planning ten joins before reading a row. Field names and values are
    // bind parameters; alias numbers are loop counters.
    /** Longest text kept in the index; longer values are refused on write, so equality stays exact. */
    public static final int MAX_INDEXED_TEXT = 1000;

    private final DataSource dataSource;
    private final JdbcTemplate plain;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final QueryLimits limits;

    public DatasetRepository(DataSource dataSource, ObjectMapper json, QueryLimits limits) {
        this.dataSource = dataSource;
        this.plain = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(plain);
        this.json = json;
        this.limits = limits;
    }

    /**
     * For a query's statements: what is left of its time as their timeout (JDBC's whole seconds,
     * at least 1), so the count and the page together stay within lgsp.warehouse.query.timeout
     * and no query runs on unbounded, also after its client left.
     */
    private JdbcClient timed(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new QueryTimeoutException("The query's time (lgsp.warehouse.query.timeout) is spent");
        }
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout((int) Math.max(1, (left + 999_999_999L) / 1_000_000_000L));
        return JdbcClient.create(template);
    }

    public record Page(long total, List<DatasetRow> rows) {
    }

    /**
     * One page and the total; a query running past {@code lgsp.warehouse.query.timeout} (both
     * statements together) throws {@link QueryTimeoutException}. In a transaction, so the
     * timeout is cleared on the connection that carried it (see {@link #clearTimeout}).
     */
    @Transactional(readOnly = true)
    public Page query(DatasetDefinition definition, DatasetQuery query) {
        try {
            return page(definition, query);
        } finally {
            clearTimeout();
        }
    }

    /**
     * H2 keeps a statement's timeout on its connection (SET QUERY_TIMEOUT), where the pool would
     * pass it on to every later statement; PostgreSQL times each statement alone, and this is a
     * no-op there.
     */
    private void clearTimeout() {
        plain.execute((ConnectionCallback<Void>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(0);
            }
            return null;
        });
    }

    private Page page(DatasetDefinition definition, DatasetQuery query) {
        long deadline = System.nanoTime() + limits.timeoutSeconds() * 1_000_000_000L;
        List<DatasetQuery.Filter> filters = drivingFirst(definition, query.filters());
        List<Object> filterParams = new ArrayList<>();
        StringBuilder probes = new StringBuilder();
        for (int i = 1; i < filters.size(); i++) {
            DatasetQuery.Filter filter = filters.get(i);
            String alias = "f" + i;
            probes.append(" AND EXISTS (SELECT 1 FROM dataset_field_value ").append(alias).append(" WHERE ")
                    .append(alias).append(".dataset = f0.dataset AND ").append(alias).append(".row_key = f0.row_key AND ")
                    .append(alias).append(".field = ? AND ").append(valueCondition(alias, filter)).append(")");
            filterParams.add(filter.field().name());
            filterParams.add(indexValue(filter));
        }
        String from;
        String where;
        List<Object> params = new ArrayList<>();
        long total;
        if (filters.isEmpty()) {
            from = " dataset_row r";
            where = " WHERE r.dataset = ? AND r.deleted = FALSE";
            params.add(definition.name());
            total = bind(timed(deadline).sql("SELECT COUNT(*) FROM" + from + where), params).query(Long.class).single();
        } else {
            // The index holds live rows only, so the count needs no row table.
            DatasetQuery.Filter first = filters.get(0);
            String driving = " WHERE f0.dataset = ? AND f0.field = ? AND " + valueCondition("f0", first) + probes;
            params.add(definition.name());
            params.add(first.field().name());
            params.add(indexValue(first));
            params.addAll(filterParams);
            total = bind(timed(deadline).sql("SELECT COUNT(*) FROM dataset_field_value f0" + driving), params)
                    .query(Long.class).single();
            from = " dataset_field_value f0 JOIN dataset_row r ON r.dataset = f0.dataset AND r.row_key = f0.row_key";
            where = driving + " AND r.deleted = FALSE";
        }

        StringBuilder sorts = new StringBuilder();
        StringBuilder order = new StringBuilder(" ORDER BY ");
        List<Object> selectParams = new ArrayList<>();
        for (int i = 0; i < query.sorts().size(); i++) {
            DatasetQuery.Sort sort = query.sorts().get(i);
            String alias = "s" + i;
            sorts.append(" LEFT JOIN dataset_field_value ").append(alias).append(" ON ").append(alias)
                    .append(".dataset = r.dataset AND ").append(alias).append(".row_key = r.row_key AND ").append(alias)
                    .append(".field = ?");
            selectParams.add(sort.field().name());
            order.append(alias).append(sort.field().type() == FieldType.INTEGER ? ".value_num" : ".value_text")
                    .append(sort.descending() ? " DESC NULLS LAST, " : " ASC NULLS LAST, ");
        }
        selectParams.addAll(params);
        String sql = "SELECT " + ROW_COLUMNS + " FROM" + from + sorts + where + order
                + "r.row_key ASC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        selectParams.add((long) query.page() * query.size());
        selectParams.add(query.size());
        List<DatasetRow> rows = bind(timed(deadline).sql(sql), selectParams).query(this::row).list();
        return new Page(total, rows);
    }

    /** A filter on the key field matches one row at most: the database starts there; else the first given. */
    private static List<DatasetQuery.Filter> drivingFirst(DatasetDefinition definition, List<DatasetQuery.Filter> filters) {
        List<DatasetQuery.Filter> ordered = new ArrayList<>(filters);
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).field().name().equals(definition.key())) {
                ordered.add(0, ordered.remove(i));
                break;
            }
        }
        return ordered;
    }

    private static String valueCondition(String alias, DatasetQuery.Filter filter) {
        return alias + (filter.field().type() == FieldType.INTEGER ? ".value_num = ?" : ".value_text = ?");
    }

    private static Object indexValue(DatasetQuery.Filter filter) {
        return filter.field().type() == FieldType.INTEGER ? filter.value() : indexText(filter.value());
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            spec = spec.param(i + 1, params.get(i));
        }
        return spec;
    }

    /** The current row (live or tombstone), locked for the rest of the transaction. */
    public Optional<DatasetRow> findForUpdate(String dataset, String key) {
        return jdbc.sql("SELECT " + ROW_COLUMNS + " FROM dataset_row r WHERE r.dataset = ? AND r.row_key = ? FOR UPDATE")
                .params(dataset, key).query(this::row).optional();
    }

    public Optional<DatasetRow> find(String dataset, String key) {
        return jdbc.sql("SELECT " + ROW_COLUMNS + " FROM dataset_row r WHERE r.dataset = ? AND r.row_key = ?")
                .params(dataset, key).query(this::row).optional();
    }

    /** Writes a new version of a row (insert or update), its history entry and its index values. */
    public void save(DatasetDefinition definition, DatasetRow row, boolean exists) {
        String payload = toJson(row.data());
        OffsetDateTime at = row.updatedAt().atOffset(ZoneOffset.UTC);
        if (exists) {
            jdbc.sql("UPDATE dataset_row SET version = ?, region = ?, payload = ?, updated_at = ?, updated_by = ?, "
                    + "deleted = ? WHERE dataset = ? AND row_key = ?")
                    .params(row.version(), row.region(), payload, at, row.updatedBy(), row.deleted(), row.dataset(),
                            row.key()).update();
        } else {
            jdbc.sql("INSERT INTO dataset_row (dataset, row_key, version, region, payload, updated_at, updated_by, "
                    + "deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(row.dataset(), row.key(), row.version(), row.region(), payload, at, row.updatedBy(),
                            row.deleted()).update();
        }
        jdbc.sql("INSERT INTO dataset_row_history (dataset, row_key, version, operation, region, payload, changed_at, "
                + "changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.dataset(), row.key(), row.version(), row.deleted() ? "DELETE" : "UPSERT", row.region(),
                        payload, at, row.updatedBy()).update();
        jdbc.sql("DELETE FROM dataset_field_value WHERE dataset = ? AND row_key = ?").params(row.dataset(), row.key())
                .update();
        if (row.deleted()) {
            return;
        }
        for (DatasetField field : definition.fields()) {
            Object value = row.data().get(field.name());
            if (value != null) {
                jdbc.sql("INSERT INTO dataset_field_value (dataset, row_key, field, value_text, value_num) "
                        + "VALUES (?, ?, ?, ?, ?)")
                        .params(row.dataset(), row.key(), field.name(), indexText(value),
                                field.type() == FieldType.INTEGER ? value : null).update();
            }
        }
    }

    public record HistoryEntry(long version, String operation, String region, Instant changedAt, String changedBy,
                               Map<String, Object> data) {
    }

    public List<HistoryEntry> history(String dataset, String key) {
        return jdbc.sql("SELECT version, operation, region, changed_at, changed_by, payload FROM dataset_row_history "
                + "WHERE dataset = ? AND row_key = ? ORDER BY version")
                .params(dataset, key)
                .query((rs, n) -> new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), fromJson(rs.getString(6))))
                .list();
    }

    // --- grants --------------------------------------------------------------------------------

    public boolean hasGrant(String dataset, List<String> grantees, String access) {
        if (grantees.isEmpty()) {
            return false;
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(grantees.size(), "?"));
        List<Object> params = new ArrayList<>();
        params.add(dataset);
        params.add(access);
        params.addAll(grantees);
        return bind(jdbc.sql("SELECT COUNT(*) FROM dataset_grant WHERE dataset = ? AND access = ? AND grantee IN ("
                + placeholders + ")"), params).query(Long.class).single() > 0;
    }

    /** Adds a grant unless it exists; true when it was added. */
    public boolean grant(String dataset, String grantee, String access, Instant at, String actor) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM dataset_grant WHERE dataset = ? AND grantee = ? AND access = ?")
                .params(dataset, grantee, access).query(Long.class).single() > 0;
        if (!exists) {
            jdbc.sql("INSERT INTO dataset_grant (dataset, grantee, access, granted_at, granted_by) VALUES (?, ?, ?, ?, ?)")
                    .params(dataset, grantee, access, at.atOffset(ZoneOffset.UTC), actor).update();
        }
        return !exists;
    }

    public record Grant(String dataset, String grantee, String access, Instant grantedAt, String grantedBy) {
    }

    public List<Grant> grants(String dataset) {
        return jdbc.sql("SELECT dataset, grantee, access, granted_at, granted_by FROM dataset_grant WHERE dataset = ? "
                        + "ORDER BY grantee, access")
                .param(dataset)
                .query((rs, n) -> new Grant(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)))
                .list();
    }

    /** Removes a grant; true when there was one. */
    public boolean revoke(String dataset, String grantee, String access) {
        return jdbc.sql("DELETE FROM dataset_grant WHERE dataset = ? AND grantee = ? AND access = ?")
                .params(dataset, grantee, access).update() > 0;
    }

    // --- retention -----------------------------------------------------------------------------

    /**
     * Deletes the history entries of a dataset changed before {@code cutoff}, except each row's
     * entry for its current version (a row's history always shows at least what it holds now).
     */
    public int purgeHistory(String dataset, Instant cutoff) {
        return jdbc.sql("DELETE FROM dataset_row_history WHERE dataset = ? AND changed_at < ? AND version < "
                        + "(SELECT r.version FROM dataset_row r WHERE r.dataset = dataset_row_history.dataset "
                        + "AND r.row_key = dataset_row_history.row_key)")
                .params(dataset, cutoff.atOffset(ZoneOffset.UTC)).update();
    }

    public List<String> liveKeys(String dataset) {
        return jdbc.sql("SELECT row_key FROM dataset_row WHERE dataset = ? AND deleted = FALSE ORDER BY row_key")
                .param(dataset).query(String.class).list();
    }

    public long countRows(String dataset) {
        return jdbc.sql("SELECT COUNT(*) FROM dataset_row WHERE dataset = ?").param(dataset).query(Long.class).single();
    }

    // --- mapping -------------------------------------------------------------------------------

    /** Index text of a value: booleans and dates in their JSON text form, so filters compare exactly. */
    private static String indexText(Object value) {
        return value.toString();
    }

    private DatasetRow row(ResultSet rs, int rowNum) throws SQLException {
        return new DatasetRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getBoolean(7),
                fromJson(rs.getString(8)));
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
            throw new IllegalStateException("Stored row payload is not JSON", e);
        }
    }
}
