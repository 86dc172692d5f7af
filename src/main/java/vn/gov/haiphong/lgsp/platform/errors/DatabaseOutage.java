package vn.gov.haiphong.lgsp.platform.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A request that failed because the platform's database did not answer is the client's to retry,
 * not an internal error: it is answered {@link ErrorCode#DATABASE_UNAVAILABLE} (503 with
 * {@code Retry-After} over HTTP), in the client's protocol, and logged as one WARN line without
 * a stack trace. Nothing the client sent is lost by retrying: a package sent again gets the DocId
 * of the first if that one was stored after all.
 */
public final class DatabaseOutage {

    /** What a client is told to wait: about the pool's connection timeout. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private DatabaseOutage() {
    }

    /** Whether {@code failure} comes from the database being unreachable (not from a statement it refused). */
    public static boolean caused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // SQLSTATE class 08: connection exception (what PostgreSQL's driver reports when it cannot connect).
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** The one log line for a refused request: what was asked, and the innermost cause's message. */
    public static void logRefusal(String what, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        log.warn("{} refused {}: the database is unreachable ({})", what, ErrorCode.DATABASE_UNAVAILABLE.code(),
                root.toString());
    }

    /**
     * Answers problem+json 503 {@code LGSP-503} with {@code Retry-After} when {@code failure} is a
     * database outage; otherwise writes nothing. Returns whether it answered.
     */
    public static boolean refuse(HttpServletResponse response, ObjectMapper json, Throwable failure, String what)
            throws IOException {
        if (!caused(failure)) {
            return false;
        }
        logRefusal(what, failure);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        ProblemJson.write(response, json, ErrorCode.DATABASE_UNAVAILABLE, null);
        return true;
    }
}
