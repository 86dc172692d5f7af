package vn.gov.haiphong.lgsp.platform.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The stored versions of the routing tables (table routing_version, V16); one is active. */
@Repository
public class RoutingVersions {

    /** Bounds one stored set (the column's size). */
    public static final int MAX_CONTENT_CHARS = 1_000_000;

    /** One version, without its content. */
    public record Version(long version, String sha256, String author, Instant createdAt, String comment,
                          boolean active, Instant activatedAt, String activatedBy) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public RoutingVersions(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<Version> list() {
        return jdbc.query("SELECT version, sha256, author, created_at, comment, active, activated_at, activated_by "
                + "FROM routing_version ORDER BY version DESC", RoutingVersions::version);
    }

    public Optional<Version> find(long version) {
        return jdbc.query("SELECT version, sha256, author, created_at, comment, active, activated_at, activated_by "
                + "FROM routing_version WHERE version = ?", RoutingVersions::version, version).stream().findFirst();
    }

    /** The active version's number (the cheap question every node asks each poll). */
    public Optional<Long> activeVersion() {
        return jdbc.queryForList("SELECT version FROM routing_version WHERE active", Long.class).stream().findFirst();
    }

    public Optional<RouteFiles> content(long version) {
        return jdbc.queryForList("SELECT content FROM routing_version WHERE version = ?", String.class, version)
                .stream().findFirst().map(this::files);
    }

    /** Stores a set as the next version, active. */
    @Transactional
    public long storeActive(RouteFiles files, String author, String comment) {
        String content = content(files);
        lockVersions();
        Long last = jdbc.queryForObject("SELECT MAX(version) FROM routing_version", Long.class);
        long next = last == null ? 1 : last + 1;
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("UPDATE routing_version SET active = FALSE WHERE active");
        jdbc.update("INSERT INTO routing_version (version, sha256, content, author, created_at, comment, active, "
                + "activated_at, activated_by) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?)", next, files.sha256(), content,
                author, now, comment, now, author);
        return next;
    }

    /** Makes an earlier (or any) version the active one. */
    @Transactional
    public void activate(long version, String actor) {
        lockVersions();
        jdbc.update("UPDATE routing_version SET active = FALSE WHERE active");
        jdbc.update("UPDATE routing_version SET active = TRUE, activated_at = ?, activated_by = ? WHERE version = ?",
                Timestamp.from(Instant.now()), actor, version);
    }

    /**
     * Deploys and activations one at a time, across nodes: each takes the stored versions' row
     * locks first, so the next statements see what the one before committed (exactly one active
     * version, no version number taken twice). The very first version, with no row to lock, is
     * guarded by the primary key instead.
     */
    private void lockVersions() {
        jdbc.queryForList("SELECT version FROM routing_version FOR UPDATE", Long.class);
    }

    public String content(RouteFiles files) {
        try {
            return json.writeValueAsString(Map.of("tables", files.tables(), "cases", files.cases()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private RouteFiles files(String content) {
        try {
            Map<String, Map<String, String>> m = json.readValue(content, new TypeReference<>() {
            });
            return new RouteFiles(m.getOrDefault("tables", Map.of()), m.getOrDefault("cases", Map.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("routing_version content is not readable", e);
        }
    }

    private static Version version(ResultSet rs, int row) throws SQLException {
        Timestamp activatedAt = rs.getTimestamp("activated_at");
        return new Version(rs.getLong("version"), rs.getString("sha256").strip(), rs.getString("author"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("comment"), rs.getBoolean("active"),
                activatedAt == null ? null : activatedAt.toInstant(), rs.getString("activated_by"));
    }
}
