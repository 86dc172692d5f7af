package vn.gov.haiphong.lgsp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema of its own on this machine's PostgreSQL (127.0.0.1:5432, database test, trust auth)
 * for one test class, dropped on close. Where no PostgreSQL answers, the calling test is skipped
 * with a message saying what was therefore not checked.
 */
public final class PostgresTestSchema implements AutoCloseable {

    public static final String URL = System.getProperty("lgsp.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("lgsp.test.postgres-user", System.getProperty("user.name"));

    private final String name;
    private final PGSimpleDataSource dataSource;

    private PostgresTestSchema(String name) {
        this.name = name;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setUrl(URL);
        dataSource.setUser(USER);
        dataSource.setCurrentSchema(name);
    }

    /** Creates a fresh schema named {@code prefix_<random>}, or skips the test naming {@code notChecked}. */
    public static PostgresTestSchema createOrSkip(String prefix, String notChecked) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            connection.createStatement().execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            assumeTrue(false, "PostgreSQL not reachable at " + URL + " as " + USER + " (" + e.getMessage() + "): "
                    + notChecked + " NOT checked on PostgreSQL. Start it with .ci/run or pg_ctlcluster.");
        }
        return new PostgresTestSchema(name);
    }

    public String name() {
        return name;
    }

    public PGSimpleDataSource dataSource() {
        return dataSource;
    }

    /** A JDBC URL that lands in this schema, for a platform configured by URL. */
    public String jdbcUrl() {
        return URL + "?currentSchema=" + name;
    }

    /** Runs the project's Flyway migrations in this schema. */
    public MigrateResult migrate() {
        return Flyway.configure().dataSource(dataSource).schemas(name).locations("classpath:db/migration").load()
                .migrate();
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
