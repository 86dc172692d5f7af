package vn.gov.haiphong.lgsp.console;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.gov.haiphong.lgsp.PostgresTestSchema;

/** The console's page queries on PostgreSQL (production): a schema of its own, dropped afterwards. */
class ConsoleQueriesOnPostgresTest extends ConsoleQueriesContract {

    private static PostgresTestSchema schema;
    private static HikariDataSource dataSource;

    @BeforeAll
    static void migrate() {
        schema = PostgresTestSchema.createOrSkip("lgsp_console", "the console's page queries were");
        schema.migrate();
        dataSource = new HikariDataSource();
        dataSource.setDataSource(schema.dataSource());
    }

    @AfterAll
    static void drop() throws SQLException {
        if (dataSource != null) {
            dataSource.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
