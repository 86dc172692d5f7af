package vn.gov.haiphong.lgsp.gateway;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Grant;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Group;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Kind;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Service;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.SubjectType;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/** Plain JDBC over the gateway tables (H2 and PostgreSQL alike). */
@Repository
public class GatewayRepository {

    private final JdbcClient jdbc;

    public GatewayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- services -----------------------------------------------------------------------------

    public List<Service> findAllServices() {
        Map<String, Map<String, String>> endpoints = new HashMap<>();
        jdbc.sql("SELECT service_code, name, url FROM gw_service_endpoint ORDER BY service_code, name")
                .query(rs -> {
                    endpoints.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return jdbc.sql("SELECT * FROM gw_service ORDER BY service_code")
                .query((rs, row) -> service(rs, endpoints.getOrDefault(rs.getString("service_code"), Map.of())))
                .list();
    }

    public boolean serviceExists(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM gw_service WHERE service_code = ?").param(code).query(Long.class).single() > 0;
    }

    public void insertService(Service s) {
        jdbc.sql("""
                INSERT INTO gw_service (service_code, name, provider_system, kind, timeout_ms, max_request_bytes,
                    max_response_bytes, rate_per_second, rate_burst, routing_route, enabled, description_type,
                    description, version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.serviceCode(), s.name(), s.providerSystem(), s.kind().name(), s.timeoutMs(),
                        s.maxRequestBytes(), s.maxResponseBytes(), s.ratePerSecond(), s.rateBurst(), s.routingRoute(),
                        s.enabled(), s.descriptionType(), s.description(), s.version(), ts(s.updatedAt()))
                .update();
        insertEndpoints(s);
    }

    public void updateService(Service s) {
        jdbc.sql("""
                UPDATE gw_service SET name = ?, provider_system = ?, kind = ?, timeout_ms = ?, max_request_bytes = ?,
                    max_response_bytes = ?, rate_per_second = ?, rate_burst = ?, routing_route = ?, enabled = ?,
                    description_type = ?, description = ?, version = ?, updated_at = ?
                WHERE service_code = ?""")
                .params(s.name(), s.providerSystem(), s.kind().name(), s.timeoutMs(), s.maxRequestBytes(),
                        s.maxResponseBytes(), s.ratePerSecond(), s.rateBurst(), s.routingRoute(), s.enabled(),
                        s.descriptionType(), s.description(), s.version(), ts(s.updatedAt()), s.serviceCode())
                .update();
        jdbc.sql("DELETE FROM gw_service_endpoint WHERE service_code = ?").param(s.serviceCode()).update();
        insertEndpoints(s);
    }

    private void insertEndpoints(Service s) {
        s.endpoints().forEach((name, url) -> jdbc.sql(
                "INSERT INTO gw_service_endpoint (service_code, name, url) VALUES (?, ?, ?)")
                .params(s.serviceCode(), name, url).update());
    }

    public int deleteService(String code) {
        return jdbc.sql("DELETE FROM gw_service WHERE service_code = ?").param(code).update();
    }

    private static Service service(ResultSet rs, Map<String, String> endpoints) throws SQLException {
        return new Service(rs.getString("service_code"), rs.getString("name"), rs.getString("provider_system"),
                Kind.valueOf(rs.getString("kind")), rs.getInt("timeout_ms"), rs.getLong("max_request_bytes"),
                rs.getLong("max_response_bytes"), rs.getInt("rate_per_second"), rs.getInt("rate_burst"),
                rs.getString("routing_route"), rs.getBoolean("enabled"), Map.copyOf(endpoints),
                rs.getString("description_type"), rs.getString("description"), rs.getLong("version"),
                instant(rs, "updated_at"));
    }

    // --- groups -------------------------------------------------------------------------------

    public List<Group> findAllGroups() {
        Map<String, Set<String>> members = new HashMap<>();
        jdbc.sql("SELECT group_id, system_id FROM gw_group_member ORDER BY group_id, system_id")
                .query(rs -> {
                    members.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
                });
        return jdbc.sql("SELECT * FROM gw_group ORDER BY group_id").query((rs, row) -> {
            String region = rs.getString("region");
            return new Group(rs.getString("group_id"), rs.getString("name"), region == null ? null : Region.valueOf(region),
                    rs.getString("within_agency"), Set.copyOf(members.getOrDefault(rs.getString("group_id"), Set.of())),
                    instant(rs, "updated_at"));
        }).list();
    }

    public boolean groupExists(String groupId) {
        return jdbc.sql("SELECT COUNT(*) FROM gw_group WHERE group_id = ?").param(groupId).query(Long.class).single() > 0;
    }

    public void upsertGroup(Group g, boolean exists) {
        if (exists) {
            jdbc.sql("UPDATE gw_group SET name = ?, region = ?, within_agency = ?, updated_at = ? WHERE group_id = ?")
                    .params(g.name(), g.region() == null ? null : g.region().name(), g.withinAgency(), ts(g.updatedAt()),
                            g.groupId()).update();
            jdbc.sql("DELETE FROM gw_group_member WHERE group_id = ?").param(g.groupId()).update();
        } else {
            jdbc.sql("INSERT INTO gw_group (group_id, name, region, within_agency, updated_at) VALUES (?, ?, ?, ?, ?)")
                    .params(g.groupId(), g.name(), g.region() == null ? null : g.region().name(), g.withinAgency(),
                            ts(g.updatedAt())).update();
        }
        for (String member : g.members()) {
            jdbc.sql("INSERT INTO gw_group_member (group_id, system_id) VALUES (?, ?)").params(g.groupId(), member).update();
        }
    }

    public int deleteGroup(String groupId) {
        return jdbc.sql("DELETE FROM gw_group WHERE group_id = ?").param(groupId).update();
    }

    // --- grants -------------------------------------------------------------------------------

    public List<Grant> findAllGrants() {
        return jdbc.sql("SELECT * FROM gw_grant ORDER BY id").query((rs, row) -> new Grant(rs.getLong("id"),
                rs.getString("service_code"), SubjectType.valueOf(rs.getString("subject_type")), rs.getString("subject"),
                rs.getString("http_method"), rs.getString("path_pattern"), rs.getString("created_by"),
                instant(rs, "created_at"))).list();
    }

    public long insertGrant(Grant g) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO gw_grant (service_code, subject_type, subject, http_method, path_pattern, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(g.serviceCode(), g.subjectType().name(), g.subject(), g.method(), g.pathPattern(), g.createdBy(),
                        ts(g.createdAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public int deleteGrant(long id) {
        return jdbc.sql("DELETE FROM gw_grant WHERE id = ?").param(id).update();
    }

    public int countGrantsOfGroup(String groupId) {
        return jdbc.sql("SELECT COUNT(*) FROM gw_grant WHERE subject_type = 'GROUP' AND subject = ?").param(groupId)
                .query(Integer.class).single();
    }

    // --- shared -------------------------------------------------------------------------------

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static <T> List<T> listOf(Iterable<T> items) {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
