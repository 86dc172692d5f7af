package vn.gov.haiphong.lgsp.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are the database being away (retry later), and which are not. */
class DatabaseOutageCausesTest {

    @Test
    void anUnreachableDatabaseIsRecognisedThroughWrappers() {
        assertThat(DatabaseOutage.caused(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(DatabaseOutage.caused(new IllegalStateException("route failed",
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection")))).isTrue();
        // What PostgreSQL's driver reports for a connection that broke under a statement.
        assertThat(DatabaseOutage.caused(new UncategorizedSQLException("insert", "INSERT ...",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
    }

    @Test
    void aStatementTheDatabaseRefusedIsNotAnOutage() {
        assertThat(DatabaseOutage.caused(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseOutage.caused(new UncategorizedSQLException("select", "SELECT ...",
                new SQLException("canceling statement due to statement timeout", "57014")))).isFalse();
        assertThat(DatabaseOutage.caused(new IllegalStateException("ours"))).isFalse();
    }
}
