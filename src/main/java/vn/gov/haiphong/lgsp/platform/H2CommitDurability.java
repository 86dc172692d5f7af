package vn.gov.haiphong.lgsp.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes every commit of an embedded H2 file database reach the file before it returns, whatever
 * datasource URL an operator configured. H2 otherwise flushes commits up to 500 ms late, and a
 * killed process loses changes it already acknowledged (documents answered OK, outbox events).
 * Runs once Flyway has migrated, before anything else writes; the setting is persistent in H2.
 */
@Component
public class H2CommitDurability implements Callback {

    private static final Logger log = LoggerFactory.getLogger(H2CommitDurability.class);

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
            String url = connection.getMetaData().getURL();
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName()) || !url.startsWith("jdbc:h2:file:")) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
        } catch (SQLException e) {
            // Not fatal for a development database, but an operator must know commits may be late.
            log.warn("Could not make H2 commits immediate (SET WRITE_DELAY 0): {}", e.getMessage());
        }
    }

    @Override
    public String getCallbackName() {
        return "h2-commit-durability";
    }
}
