package vn.gov.haiphong.lgsp.console;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.gov.haiphong.lgsp.MigratedDatabase;

/** {@link ConsoleQueriesContract} on PostgreSQL (production): a schema of its own, dropped afterwards. */
class ConsoleQueriesOnPostgresTest extends ConsoleQueriesContract {

    private static MigratedDatabase database;

    @BeforeAll
    static void migrate() {
        database = MigratedDatabase.postgres("lgsp_console", "the console's page queries were", 4);
    }

    @AfterAll
    static void drop() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    @Override
    DataSource dataSource() {
        return database.dataSource();
    }
}
