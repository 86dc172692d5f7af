package vn.gov.haiphong.lgsp.console;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The console's gateway and data queries on H2 (the default database): a private in-memory database. */
class GatewayDataQueriesOnH2Test extends GatewayDataQueriesContract {

    private static HikariDataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:console_gw_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        dataSource.setUsername("sa");
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
