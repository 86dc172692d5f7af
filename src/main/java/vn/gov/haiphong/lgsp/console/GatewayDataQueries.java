package vn.gov.haiphong.lgsp.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the console's "Gateway and data" page reads, straight from the database (the platform runs
 * on two nodes; per-node memory and Micrometer meters would show one node's half). Portable SQL
 * (H2 and PostgreSQL); lists are read a page at a time ({@code size + 1} rows, see {@link ConsolePage}).
 *
 * <p>Gateway calls are the message log's {@code GATEWAY_CALL} rows ({@code GatewayAudit}): {@code to_code}
 * = service, {@code from_code} = client system (null when authentication failed, {@code actor} then
 * says {@code unauthenticated[:claimed id]}), {@code route} = operation, {@code outcome} = the catalogue
 * code of a refusal or failure, {@code OK} when the provider answered, and {@code detail} = the call's
 * JSON (keys sorted) with the HTTP {@code status} and {@code durationMicros}, which are read from it
 * with string functions both databases share. Index {@code message_log_gateway_ix} (V12) serves them.
 */
@Component
public class GatewayDataQueries {

    public static final String GATEWAY_CALL = "GATEWAY_CALL";

    /** A refusal for the client's doing: authentication, access and request checks, rate and size. */
    static final String REFUSED = "(m.outcome LIKE 'GW-1%' OR m.outcome LIKE 'GW-2%' OR m.outcome LIKE 'GW-3%' "
            + "OR m.outcome LIKE 'SSO-%')";
    /** The provider failed: unreachable, timeout, open circuit, oversize or redirect, or it answered 5xx. */
    static final String UPSTREAM = "(m.outcome LIKE 'GW-5%' OR (m.outcome = 'OK' AND m.detail LIKE '%\"status\":5%'))";
    /** Reached the provider (answered, or failed on the way): the calls whose latency means something. */
    static final String RELAYED = "(m.outcome = 'OK' OR m.outcome LIKE 'GW-5%')";
    private static final String DURATION_KEY = "'\"durationMicros\":'";
    private static final String AFTER_KEY = "POSITION(" + DURATION_KEY + " IN m.detail) + 17";
    /** The call's duration in microseconds, read from the detail JSON ({@code "durationMicros":1234,}). */
    static final String DURATION = "CASE WHEN m.detail LIKE '%\"durationMicros\":%' THEN CAST(SUBSTRING(m.detail FROM "
            + AFTER_KEY + " FOR POSITION(',' IN REPLACE(SUBSTRING(m.detail FROM " + AFTER_KEY + "), '}', ',')) - 1) "
            + "AS BIGINT) END";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public GatewayDataQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // --- services -----------------------------------------------------------------------------

    /** A registered service as the list shows it, with its provider system's name. */
    public record ServiceRow(String code, String name, String providerSystem, String providerName, String kind,
                             int timeoutMs, long maxRequestBytes, long maxResponseBytes, int ratePerSecond,
                             int rateBurst, String routingRoute, boolean enabled, Instant updatedAt,
                             Map<String, String> endpoints) {
    }

    /** Services by code; {@code text} matches code or name (case-insensitive), {@code kind} exactly; null = any. */
    public List<ServiceRow> services(String text, String kind, long offset, int limit) {
        return services(null, text, kind, offset, limit);
    }

    public java.util.Optional<ServiceRow> service(String code) {
        return services(code, null, null, 0, 1).stream().findFirst();
    }

    private List<ServiceRow> services(String code, String text, String kind, long offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT s.service_code, s.name, s.provider_system, cs.name AS provider_name, "
                + "s.kind, s.timeout_ms, s.max_request_bytes, s.max_response_bytes, s.rate_per_second, s.rate_burst, "
                + "s.routing_route, s.enabled, s.updated_at FROM gw_service s "
                + "LEFT JOIN connected_system cs ON cs.system_id = s.provider_system WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (code != null) {
            sql.append(" AND s.service_code = ?");
            params.add(code);
        }
        if (text != null) {
            sql.append(" AND (LOWER(s.service_code) LIKE ? ESCAPE '!' OR LOWER(s.name) LIKE ? ESCAPE '!')");
            String like = contains(text);
            params.add(like);
            params.add(like);
        }
        if (kind != null) {
            sql.append(" AND s.kind = ?");
            params.add(kind);
        }
        sql.append(" ORDER BY s.service_code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        params.add(offset);
        params.add(limit);
        List<ServiceRow> rows = spec(sql.toString(), params).query((rs, n) -> new ServiceRow(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getLong(7),
                rs.getLong(8), rs.getInt(9), rs.getInt(10), rs.getString(11), rs.getBoolean(12), instant(rs, 13),
                Map.of())).list();
        Map<String, Map<String, String>> endpoints = endpoints(rows.stream().map(ServiceRow::code).toList());
        return rows.stream().map(r -> new ServiceRow(r.code(), r.name(), r.providerSystem(), r.providerName(), r.kind(),
                r.timeoutMs(), r.maxRequestBytes(), r.maxResponseBytes(), r.ratePerSecond(), r.rateBurst(),
                r.routingRoute(), r.enabled(), r.updatedAt(), endpoints.getOrDefault(r.code(), Map.of()))).toList();
    }

    private Map<String, Map<String, String>> endpoints(List<String> codes) {
        Map<String, Map<String, String>> endpoints = new HashMap<>();
        if (!codes.isEmpty()) {
            spec("SELECT service_code, name, url FROM gw_service_endpoint WHERE service_code IN (" + marks(codes.size())
                    + ") ORDER BY service_code, name", new ArrayList<>(codes))
                    .query(rs -> {
                        endpoints.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                    });
        }
        return endpoints;
    }

    /**
     * A grant with its subject's name: a system's registry name, or a group's name and who is in it
     * (explicit members, the region, the agency under which systems count).
     */
    public record GrantRow(long id, String serviceCode, String subjectType, String subject, String subjectName,
                           String method, String pathPattern, String groupRegion, String groupWithinAgency,
                           String groupWithinAgencyName, List<String> groupMembers, String createdBy, Instant createdAt) {
    }

    /** The grants of these services, by service code (in the order they were made). */
    public Map<String, List<GrantRow>> grants(Collection<String> serviceCodes) {
        Map<String, List<GrantRow>> grants = new LinkedHashMap<>();
        if (serviceCodes.isEmpty()) {
            return grants;
        }
        List<Object> params = new ArrayList<>(serviceCodes);
        List<GrantRow> rows = spec("SELECT g.id, g.service_code, g.subject_type, g.subject, "
                + "COALESCE(cs.name, grp.name) AS subject_name, g.http_method, g.path_pattern, grp.region, "
                + "grp.within_agency, a.name AS within_name, g.created_by, g.created_at FROM gw_grant g "
                + "LEFT JOIN connected_system cs ON g.subject_type = 'SYSTEM' AND cs.system_id = g.subject "
                + "LEFT JOIN gw_group grp ON g.subject_type = 'GROUP' AND grp.group_id = g.subject "
                + "LEFT JOIN agency a ON a.code = grp.within_agency "
                + "WHERE g.service_code IN (" + marks(params.size()) + ") ORDER BY g.service_code, g.id", params)
                .query((rs, n) -> new GrantRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), List.of(), rs.getString(11), instant(rs, 12)))
                .list();
        List<String> groups = rows.stream().filter(g -> g.subjectType().equals("GROUP")).map(GrantRow::subject)
                .distinct().toList();
        Map<String, List<String>> members = new HashMap<>();
        if (!groups.isEmpty()) {
            spec("SELECT group_id, system_id FROM gw_group_member WHERE group_id IN (" + marks(groups.size())
                    + ") ORDER BY group_id, system_id", new ArrayList<>(groups))
                    .query(rs -> {
                        members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
        }
        for (GrantRow g : rows) {
            GrantRow full = new GrantRow(g.id(), g.serviceCode(), g.subjectType(), g.subject(), g.subjectName(), g.method(),
                    g.pathPattern(), g.groupRegion(), g.groupWithinAgency(), g.groupWithinAgencyName(),
                    List.copyOf(members.getOrDefault(g.subject(), List.of())), g.createdBy(), g.createdAt());
            grants.computeIfAbsent(g.serviceCode(), k -> new ArrayList<>()).add(full);
        }
        return grants;
    }

    // --- calls --------------------------------------------------------------------------------

    /**
     * Calls of one service (or of all, as {@link #callTotals}) over a window: how many; refused for
     * the client's doing; failed at the provider (a GW-5xx, or the provider's own 5xx answer);
     * anything else that was no success (an internal error); and the latency, in microseconds, of
     * the calls that reached the provider (null when none did).
     */
    public record CallStats(long calls, long refused, long upstreamFailed, long otherErrors, long unauthenticated,
                            Double avgMicros, Long maxMicros, Double p50Micros, Double p95Micros, Instant lastCall) {

        public static final CallStats NONE = new CallStats(0, 0, 0, 0, 0, null, null, null, null, null);

        public long ok() {
            return calls - refused - upstreamFailed - otherErrors;
        }
    }

    /**
     * Each call classified once (the outcome's LIKEs and the duration read out of the detail JSON
     * are the cost of these pages: per row, not per aggregate), for the aggregates over {@code x}.
     */
    private static String classified(String where) {
        return "(SELECT m.to_code, m.actor, m.from_code, m.outcome, m.recorded_at, "
                + "CASE WHEN " + REFUSED + " THEN 1 ELSE 0 END AS refused, "
                + "CASE WHEN " + UPSTREAM + " THEN 1 ELSE 0 END AS upstream, "
                + "CASE WHEN " + RELAYED + " THEN " + DURATION + " END AS duration "
                + "FROM message_log m WHERE " + where + ") x";
    }

    private static final String COUNTS = "COUNT(*), SUM(x.refused), SUM(x.upstream), "
            + "SUM(CASE WHEN x.outcome <> 'OK' AND x.refused = 0 AND x.upstream = 0 THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN x.from_code IS NULL THEN 1 ELSE 0 END)";

    /** Per service code, over the calls recorded since {@code since}; services without calls are absent. */
    public Map<String, CallStats> callStats(Collection<String> serviceCodes, Instant since) {
        Map<String, CallStats> stats = new HashMap<>();
        if (serviceCodes.isEmpty()) {
            return stats;
        }
        List<Object> params = new ArrayList<>();
        params.add(GATEWAY_CALL);
        params.addAll(serviceCodes);
        params.add(ts(since));
        spec("SELECT x.to_code, " + COUNTS + ", AVG(x.duration), MAX(x.duration), "
                + "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x.duration), "
                + "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY x.duration), MAX(x.recorded_at) "
                + "FROM " + classified("m.kind = ? AND m.to_code IN (" + marks(serviceCodes.size()) + ") "
                + "AND m.recorded_at >= ?") + " GROUP BY x.to_code", params)
                .query(rs -> {
                    stats.put(rs.getString(1), new CallStats(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), number(rs, 7), longOrNull(rs, 8), number(rs, 9), number(rs, 10),
                            instant(rs, 11)));
                });
        return stats;
    }

    /** Every gateway call since {@code since}, whatever the service (unknown codes and failed logins too); counts only. */
    public CallStats callTotals(Instant since) {
        return jdbc.sql("SELECT " + COUNTS + " FROM " + classified("m.kind = ? AND m.recorded_at >= ?"))
                .params(GATEWAY_CALL, ts(since))
                .query((rs, n) -> new CallStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        null, null, null, null, null))
                .single();
    }

    /** Calls of one service per client since {@code since}, busiest first (at most {@code limit}). */
    public record ClientStats(String actor, String system, String systemName, long calls, long refused,
                              long upstreamFailed, long otherErrors, Instant lastCall) {
    }

    public List<ClientStats> clients(String serviceCode, Instant since, int limit) {
        return jdbc.sql("SELECT x.actor, MAX(x.from_code), MAX(cs.name), " + COUNTS + ", MAX(x.recorded_at) "
                        + "FROM " + classified("m.kind = ? AND m.to_code = ? AND m.recorded_at >= ?")
                        + " LEFT JOIN connected_system cs ON cs.system_id = x.from_code GROUP BY x.actor "
                        + "ORDER BY COUNT(*) DESC, x.actor FETCH FIRST ? ROWS ONLY")
                .params(GATEWAY_CALL, serviceCode, ts(since), limit)
                .query((rs, n) -> new ClientStats(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), instant(rs, 9)))
                .list();
    }

    /** Which calls a list shows: all, successes, refusals, provider failures, other errors. */
    public enum Outcome { ALL, OK, REFUSED, UPSTREAM, OTHER }

    /** One audited call: who, what, the answer, how long, when. */
    public record CallRow(long id, Instant recordedAt, String requestId, String actor, String client, String clientName,
                          String operation, String outcome, Integer status, Long durationMicros, Long sizeBytes,
                          String endpoint) {

        /** ok, refused, upstream or other (the same classes as {@link CallStats}). */
        public String outcomeClass() {
            if ("OK".equals(outcome)) {
                return status != null && status >= 500 ? "upstream" : "ok";
            }
            if (outcome == null) {
                return "other";
            }
            if (outcome.startsWith("GW-1") || outcome.startsWith("GW-2") || outcome.startsWith("GW-3")
                    || outcome.startsWith("SSO-")) {
                return "refused";
            }
            return outcome.startsWith("GW-5") ? "upstream" : "other";
        }
    }

    /** Calls of one service since {@code since}, newest first; {@code client} (a system id) null = any. */
    public List<CallRow> calls(String serviceCode, Instant since, String client, Outcome outcome, long offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT m.id, m.recorded_at, m.message_id, m.actor, m.from_code, "
                + "cs.name, m.route, m.outcome, m.size_bytes, m.detail FROM message_log m "
                + "LEFT JOIN connected_system cs ON cs.system_id = m.from_code "
                + "WHERE m.kind = ? AND m.to_code = ? AND m.recorded_at >= ?");
        List<Object> params = new ArrayList<>(List.of(GATEWAY_CALL, serviceCode, ts(since)));
        if (client != null) {
            sql.append(" AND m.from_code = ?");
            params.add(client);
        }
        switch (outcome == null ? Outcome.ALL : outcome) {
            case OK -> sql.append(" AND m.outcome = 'OK' AND NOT ").append(UPSTREAM);
            case REFUSED -> sql.append(" AND ").append(REFUSED);
            case UPSTREAM -> sql.append(" AND ").append(UPSTREAM);
            case OTHER -> sql.append(" AND m.outcome <> 'OK' AND NOT ").append(REFUSED).append(" AND NOT ").append(UPSTREAM);
            case ALL -> { }
        }
        sql.append(" ORDER BY m.recorded_at DESC, m.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        params.add(offset);
        params.add(limit);
        return spec(sql.toString(), params).query((rs, n) -> {
            JsonNode detail = readTree(rs.getString(10));
            return new CallRow(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), detail.path("status").isInt()
                    ? detail.path("status").asInt() : null, detail.path("durationMicros").isNumber()
                    ? detail.path("durationMicros").asLong() : null, longOrNull(rs, 9),
                    detail.path("endpoint").isTextual() ? detail.path("endpoint").asText() : null);
        }).list();
    }

    // --- data ---------------------------------------------------------------------------------

    /** Rows of a dataset: live ones, and deletes kept as tombstones. */
    public record RowCounts(long live, long deleted) {
    }

    public Map<String, RowCounts> rowCounts() {
        Map<String, RowCounts> counts = new HashMap<>();
        jdbc.sql("SELECT dataset, SUM(CASE WHEN deleted THEN 0 ELSE 1 END), SUM(CASE WHEN deleted THEN 1 ELSE 0 END) "
                + "FROM dataset_row GROUP BY dataset").query(rs -> {
                    counts.put(rs.getString(1), new RowCounts(rs.getLong(2), rs.getLong(3)));
                });
        return counts;
    }

    /** Open and resolved conflicts per dataset. */
    public record ConflictCounts(long open, long resolved) {
    }

    public Map<String, ConflictCounts> conflictCounts() {
        Map<String, ConflictCounts> counts = new HashMap<>();
        jdbc.sql("SELECT dataset, SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN status = 'RESOLVED' THEN 1 ELSE 0 END) FROM dataset_conflict GROUP BY dataset")
                .query(rs -> {
                    counts.put(rs.getString(1), new ConflictCounts(rs.getLong(2), rs.getLong(3)));
                });
        return counts;
    }

    /** How far the sync from the former Hải Dương warehouse has come, per dataset: rows heard of, last change received. */
    public record SyncState(long rows, Instant lastReceived) {
    }

    public Map<String, SyncState> syncStates() {
        Map<String, SyncState> states = new HashMap<>();
        jdbc.sql("SELECT dataset, COUNT(*), MAX(received_at) FROM hd_sync_state GROUP BY dataset").query(rs -> {
            states.put(rs.getString(1), new SyncState(rs.getLong(2), instant(rs, 3)));
        });
        return states;
    }

    /** A grant on a dataset, with the grantee's name (an agency's or a connected system's) where the registry has it. */
    public record DatasetGrantRow(String dataset, String grantee, String granteeKind, String granteeName, String access,
                                  Instant grantedAt, String grantedBy) {
    }

    public Map<String, List<DatasetGrantRow>> datasetGrants(Collection<String> datasets) {
        Map<String, List<DatasetGrantRow>> grants = new LinkedHashMap<>();
        if (datasets.isEmpty()) {
            return grants;
        }
        spec("SELECT g.dataset, g.grantee, a.name, cs.name, g.access, g.granted_at, g.granted_by FROM dataset_grant g "
                + "LEFT JOIN agency a ON a.code = g.grantee LEFT JOIN connected_system cs ON cs.system_id = g.grantee "
                + "WHERE g.dataset IN (" + marks(datasets.size()) + ") ORDER BY g.dataset, g.grantee, g.access",
                new ArrayList<>(datasets))
                .query(rs -> {
                    String agency = rs.getString(3);
                    String system = rs.getString(4);
                    grants.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new DatasetGrantRow(
                            rs.getString(1), rs.getString(2), system != null ? "SYSTEM" : agency != null ? "AGENCY" : "UNKNOWN",
                            system != null ? system : agency, rs.getString(5), instant(rs, 6), rs.getString(7)));
                });
        return grants;
    }

    /** Registry names of these agency codes (current codes; unknown ones are absent). */
    public Map<String, String> agencyNames(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        List<Object> params = codes.stream().filter(java.util.Objects::nonNull).distinct().map(c -> (Object) c).toList();
        if (!params.isEmpty()) {
            spec("SELECT code, name FROM agency WHERE code IN (" + marks(params.size()) + ")", params)
                    .query(rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    });
        }
        return names;
    }

    /** A conflict between the former Hải Dương warehouse and the platform, both sides in the dataset's field names. */
    public record ConflictRow(long id, String dataset, String key, String status, Instant detectedAt, long hdVersion,
                              Instant hdChangedAt, boolean hdDeleted, Map<String, Object> hdData, String hdSource,
                              Long baseVersion, long platformVersion, boolean platformDeleted,
                              Map<String, Object> platformData, String platformRegion, Instant platformUpdatedAt,
                              String platformUpdatedBy, String resolution, Instant resolvedAt, String resolvedBy,
                              Long resolvedVersion, String note) {
    }

    /** Conflicts newest first; {@code dataset}, {@code status} (OPEN, RESOLVED) and {@code key} null = any. */
    public List<ConflictRow> conflicts(String dataset, String status, String key, long offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, dataset, row_key, status, detected_at, hd_version, hd_changed_at, "
                + "hd_deleted, hd_payload, hd_source, base_version, platform_version, platform_deleted, platform_payload, "
                + "platform_region, platform_updated_at, platform_updated_by, resolution, resolved_at, resolved_by, "
                + "resolved_version, note FROM dataset_conflict WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (dataset != null) {
            sql.append(" AND dataset = ?");
            params.add(dataset);
        }
        if (key != null) {
            sql.append(" AND row_key = ?");
            params.add(key);
        }
        sql.append(" ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        params.add(offset);
        params.add(limit);
        return spec(sql.toString(), params).query((rs, n) -> new ConflictRow(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), instant(rs, 5), rs.getLong(6), instant(rs, 7), rs.getBoolean(8),
                map(rs.getString(9)), rs.getString(10), longOrNull(rs, 11), rs.getLong(12), rs.getBoolean(13),
                map(rs.getString(14)), rs.getString(15), instant(rs, 16), rs.getString(17), rs.getString(18),
                instant(rs, 19), rs.getString(20), longOrNull(rs, 21), rs.getString(22))).list();
    }

    // --- shared -------------------------------------------------------------------------------

    /** A LIKE pattern for "contains", lower case, with {@code !} escaping the pattern characters. */
    static String contains(String text) {
        String escaped = text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }

    private JdbcClient.StatementSpec spec(String sql, List<Object> params) {
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        for (int i = 0; i < params.size(); i++) {
            spec = spec.param(i + 1, params.get(i));
        }
        return spec;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value instanceof Number n ? n.longValue() : null;
    }

    private JsonNode readTree(String text) {
        try {
            return text == null ? json.missingNode() : json.readTree(text);
        } catch (Exception e) {
            return json.missingNode();
        }
    }

    private Map<String, Object> map(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, new TypeReference<TreeMap<String, Object>>() { });
        } catch (Exception e) {
            return Map.of("?", text);
        }
    }
}
