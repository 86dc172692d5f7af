package vn.gov.haiphong.lgsp.console;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.gov.haiphong.lgsp.MigratedDatabase;

/** {@link GatewayDataQueriesContract} on H2 (the default database): a private in-memory database with the migrations. */
class GatewayDataQueriesOnH2Test extends GatewayDataQueriesContract {

    private static MigratedDatabase database;

    @BeforeAll
    static void migrate() {
        database = MigratedDatabase.h2("console_gw", 4);
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
