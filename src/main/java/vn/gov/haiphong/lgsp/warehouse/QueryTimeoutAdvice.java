package vn.gov.haiphong.lgsp.warehouse;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;

/**
 * A data query stopped by its statement timeout is answered DATA-418 (503, Retry-After), not as
 * an internal error: the query was too costly for now, which the caller can narrow or retry.
 * Ahead of the platform's catch-all advice, which would log it as an incident.
 */
@RestControllerAdvice(assignableTypes = {OpenDataController.class, DataApiController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryTimeoutAdvice {

    private static final Logger log = LoggerFactory.getLogger(QueryTimeoutAdvice.class);

    private final QueryLimits limits;

    public QueryTimeoutAdvice(QueryLimits limits) {
        this.limits = limits;
    }

    @ExceptionHandler(QueryTimeoutException.class)
    ResponseEntity<ProblemDetail> stopped(QueryTimeoutException e, HttpServletRequest request) {
        int seconds = limits.timeoutSeconds();
        log.warn("Data query on {} stopped after {} s (lgsp.warehouse.query.timeout)", request.getRequestURI(), seconds);
        return ResponseEntity.status(ErrorCode.DATA_QUERY_TIMEOUT.status())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemJson.of(ErrorCode.DATA_QUERY_TIMEOUT, "The query was stopped after " + seconds
                        + " s; add a selective filter, use fewer filters or sort fields, or retry later",
                        Map.of("timeoutSeconds", seconds)));
    }
}
