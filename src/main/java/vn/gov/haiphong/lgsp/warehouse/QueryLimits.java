package vn.gov.haiphong.lgsp.warehouse;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What one data API or open data query may cost: how many filters and sort fields it may name
 * (each is an index probe per candidate row), and how long its SQL may run. Field selection has
 * no limit: it is cut from the stored row in memory and names declared fields only.
 */
@Component
public class QueryLimits {

    public static final QueryLimits DEFAULTS = new QueryLimits(10, 3, Duration.ofSeconds(5));

    private final int maxFilters;
    private final int maxSorts;
    private final Duration timeout;

    public QueryLimits(@Value("${lgsp.warehouse.query.max-filters:10}") int maxFilters,
                       @Value("${lgsp.warehouse.query.max-sorts:3}") int maxSorts,
                       @Value("${lgsp.warehouse.query.timeout:5s}") Duration timeout) {
        if (maxFilters < 1 || maxSorts < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("lgsp.warehouse.query: max-filters and max-sorts must be 1 or more, "
                    + "timeout positive");
        }
        this.maxFilters = maxFilters;
        this.maxSorts = maxSorts;
        this.timeout = timeout;
    }

    public int maxFilters() {
        return maxFilters;
    }

    public int maxSorts() {
        return maxSorts;
    }

    /** The statement timeout in JDBC's unit, whole seconds, rounded up. */
    public int timeoutSeconds() {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** The most a query can cost an open data caller: 1, plus 1 per filter and per sort field. */
    public int maxCost() {
        return 1 + maxFilters + maxSorts;
    }
}
