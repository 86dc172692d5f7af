package vn.gov.haiphong.lgsp.console;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.gov.haiphong.lgsp.PostgresTestSchema;

/**
 * The console's gateway and data queries on PostgreSQL (production): a schema of its own with the
 * project's migrations, dropped afterwards; skipped, saying so, where no PostgreSQL answers.
 */
class GatewayDataQueriesOnPostgresTest extends GatewayDataQueriesContract {

    private static PostgresTestSchema schema;
    private static HikariDataSource dataSource;

    @BeforeAll
    static void migrate() {
        schema = PostgresTestSchema.createOrSkip("lgsp_console_gw", "the console's gateway and data queries were");
        schema.migrate();
        dataSource = new HikariDataSource();
        dataSource.setDataSource(schema.dataSource());
        dataSource.setMaximumPoolSize(4);
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
