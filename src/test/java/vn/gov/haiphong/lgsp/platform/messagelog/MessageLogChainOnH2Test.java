package vn.gov.haiphong.lgsp.platform.messagelog;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.gov.haiphong.lgsp.MigratedDatabase;

/** The chain on H2 (the default database): a private in-memory database with the project's migrations. */
class MessageLogChainOnH2Test extends MessageLogChainContract {

    private static MigratedDatabase database;

    @BeforeAll
    static void migrate() {
        database = MigratedDatabase.h2("msglog", 12);
    }

    @AfterAll
    static void close() throws SQLException {
        database.close();
    }

    @Override
    DataSource dataSource() {
        return database.dataSource();
    }
}
