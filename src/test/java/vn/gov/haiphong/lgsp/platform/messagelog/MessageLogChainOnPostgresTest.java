package vn.gov.haiphong.lgsp.platform.messagelog;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.gov.haiphong.lgsp.PostgresTestSchema;

/** The chain on PostgreSQL (production): a schema of its own, dropped afterwards; skipped, saying so, without one. */
class MessageLogChainOnPostgresTest extends MessageLogChainContract {

    private static PostgresTestSchema schema;
    private static HikariDataSource dataSource;

    @BeforeAll
    static void migrate() {
        schema = PostgresTestSchema.createOrSkip("lgsp_msglog", "the message log chain was");
        schema.migrate();
        dataSource = new HikariDataSource();
        dataSource.setDataSource(schema.dataSource());
        dataSource.setMaximumPoolSize(12);
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
