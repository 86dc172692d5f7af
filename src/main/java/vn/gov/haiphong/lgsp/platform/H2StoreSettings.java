package vn.gov.haiphong.lgsp.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settings an embedded H2 database needs whatever datasource URL an operator configured, applied
 * once Flyway has migrated and before anything else writes (both are persistent in H2):
 * <ul>
 * <li>every commit of a file database reaches the file before it returns ({@code WRITE_DELAY 0}).
 * H2 otherwise flushes commits up to 500 ms late, and a killed process loses changes it already
 * acknowledged (documents answered OK, outbox events);</li>
 * <li>identity columns hand out numbers from a cache of {@value #IDENTITY_CACHE}. H2 records a
 * sequence's next block with a commit of its own, which on a file database writes a whole store
 * chunk: with H2's default of 32, the outbox, message log and delivery tables paid one extra store
 * write per 32 rows, the largest single cost of an insert under load. A crash only leaves a gap.</li>
 * </ul>
 * Not applied to PostgreSQL, where a sequence cache is per connection and would let later rows
 * take lower ids than earlier ones.
 */
@Component
public class H2StoreSettings implements Callback {

    static final long IDENTITY_CACHE = 10_000;
    private static final Logger log = LoggerFactory.getLogger(H2StoreSettings.class);

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            if (connection.getMetaData().getURL().startsWith("jdbc:h2:file:")) {
                execute(connection, "SET WRITE_DELAY 0");
            }
            for (String column : identityColumnsWithSmallCache(connection)) {
                execute(connection, "ALTER TABLE " + column + " SET CACHE " + IDENTITY_CACHE);
            }
        } catch (SQLException e) {
            // Not fatal for a development database, but an operator must know commits may be late.
            log.warn("Could not apply the H2 store settings (WRITE_DELAY 0, identity cache): {}", e.getMessage());
        }
    }

    /** {@code "schema"."table" ALTER COLUMN "column"} for each identity column below the cache size. */
    private static List<String> identityColumnsWithSmallCache(Connection connection) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS "
                     + "WHERE IS_IDENTITY = 'YES' AND IDENTITY_CACHE < " + IDENTITY_CACHE
                     + " AND TABLE_SCHEMA = CURRENT_SCHEMA")) {
            while (rs.next()) {
                columns.add(quoted(rs.getString(1)) + "." + quoted(rs.getString(2)) + " ALTER COLUMN " + quoted(rs.getString(3)));
            }
        }
        return columns;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public String getCallbackName() {
        return "h2-store-settings";
    }
}
