package vn.gov.haiphong.lgsp;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A database with the project's migrations for a test class that checks SQL on both engines: a
 * private in-memory H2 database, or a schema of its own on this machine's PostgreSQL (skipped,
 * saying what was not checked, where none answers). Pooled; dropped on close.
 */
public final class MigratedDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final PostgresTestSchema schema;

    private MigratedDatabase(HikariDataSource pool, PostgresTestSchema schema) {
        this.pool = pool;
        this.schema = schema;
    }

    /** An in-memory H2 database named {@code prefix_<random>}, migrated. */
    public static MigratedDatabase h2(String prefix, int poolSize) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:" + prefix + "_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        pool.setUsername("sa");
        pool.setMaximumPoolSize(poolSize);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return new MigratedDatabase(pool, null);
    }

    /** A PostgreSQL schema named {@code prefix_<random>}, migrated; or the test is skipped naming {@code notChecked}. */
    public static MigratedDatabase postgres(String prefix, String notChecked, int poolSize) {
        PostgresTestSchema schema = PostgresTestSchema.createOrSkip(prefix, notChecked);
        schema.migrate();
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(schema.dataSource());
        pool.setMaximumPoolSize(poolSize);
        return new MigratedDatabase(pool, schema);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() throws SQLException {
        pool.close();
        if (schema != null) {
            schema.close();
        }
    }
}
