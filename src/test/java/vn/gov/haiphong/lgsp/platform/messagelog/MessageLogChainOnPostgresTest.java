package vn.gov.haiphong.lgsp.platform.messagelog;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.gov.haiphong.lgsp.MigratedDatabase;

/** The chain on PostgreSQL (production): a schema of its own, dropped afterwards; skipped, saying so, without one. */
class MessageLogChainOnPostgresTest extends MessageLogChainContract {

    private static MigratedDatabase database;

    @BeforeAll
    static void migrate() {
        database = MigratedDatabase.postgres("lgsp_msglog", "the message log chain was", 12);
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
