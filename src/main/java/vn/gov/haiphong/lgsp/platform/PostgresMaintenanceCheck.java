package vn.gov.haiphong.lgsp.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warns at start when the PostgreSQL server does not keep the platform's tables analyzed.
 *
 * <p>Why it matters: the JDBC driver prepares the platform's statements on the server, and after
 * five runs PostgreSQL keeps one generic plan per connection, until the table's statistics change.
 * Without autovacuum they never do, so a plan made while the tables were empty stays. Measured on
 * this project's machine: sendEdoc's idempotency lookup then walked every earlier document of the
 * sender through {@code document_sender_ix} instead of the unique key, and the exchange fell from
 * 497 to 118 documents/s after some 20,000 documents, slower with every one (docs/performance.md).
 * Updated rows (deliveries, outbox, nonces) are then never reclaimed either. The platform does not
 * run its own ANALYZE behind the administrator's back: it says what is wrong and how to mend it.
 */
@Component
public class PostgresMaintenanceCheck {

    private static final Logger log = LoggerFactory.getLogger(PostgresMaintenanceCheck.class);

    private final DataSource dataSource;

    public PostgresMaintenanceCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warnAtStart() {
        for (String finding : findings()) {
            log.warn(finding);
        }
    }

    /** What is missing, one sentence each; empty on H2 and on a PostgreSQL that maintains itself. */
    public List<String> findings() {
        List<String> findings = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return findings;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT name, setting FROM pg_settings WHERE name IN ('autovacuum', 'track_counts')")) {
                while (rs.next()) {
                    if ("off".equals(rs.getString(2))) {
                        findings.add("PostgreSQL setting " + rs.getString(1) + " is off, so autovacuum never "
                                + "analyzes or vacuums the platform's tables: statements keep plans made while the "
                                + "tables were nearly empty (sendEdoc slows with every document a system has sent) and "
                                + "updated rows are never reclaimed. Set " + rs.getString(1)
                                + " = on (PostgreSQL's default) and reload, or run VACUUM ANALYZE on the platform's "
                                + "schema regularly.");
                    }
                }
            }
        } catch (SQLException e) {
            log.warn("Could not read the database's maintenance settings: {}", e.getMessage());
        }
        return findings;
    }
}
