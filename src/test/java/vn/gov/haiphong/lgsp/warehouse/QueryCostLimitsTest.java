package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one query may cost, over HTTP: the filter and sort-field limits (DATA-417) and the
 * anonymous cost budget (a query takes 1 token plus 1 per filter and sort field; DATA-408). The
 * statement timeout (DATA-418) is reached in WarehousePlatformOnPostgresTest, where a table lock
 * holds a query for as long as the test wants.
 */
class QueryCostLimitsTest extends WarehouseTestSupport {

    private static final String UNITS = "administrative-units";
    /** The default limits (lgsp.warehouse.query.max-filters, max-sorts). */
    private static final int MAX_FILTERS = 10;
    private static final int MAX_SORTS = 3;

    @BeforeEach
    @AfterEach
    void fullBucket() {
        refillLoopbackBuckets();
    }

    /** {@code count} exact-match filters, all true of every live unit of the demo data that is a ward. */
    private static String wardFilters(int count) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append("unitType=").append(enc("Phường"));
        }
        return query.toString();
    }

    @Test
    void moreFiltersThanAllowedAreRefusedBeforeTheQueryRuns() {
        JsonNode atLimit = ok(get("/opendata/" + UNITS + "?" + wardFilters(MAX_FILTERS), null));
        assertThat(atLimit.path("total").asLong()).isPositive();
        refillLoopbackBuckets();
        JsonNode refused = assertProblem(get("/opendata/" + UNITS + "?" + wardFilters(MAX_FILTERS + 1), null), 400,
                "DATA-417");
        assertThat(refused.path("limit").asInt()).isEqualTo(MAX_FILTERS);
        assertThat(refused.path("given").asInt()).isEqualTo(MAX_FILTERS + 1);
        // The shape: one anonymous request of 180 filters on distinct public fields.
        StringBuilder attack = new StringBuilder("size=500");
        String[] fields = {"name", "unitType", "agencyCode", "formerUnits", "effectiveFrom"};
        for (int i = 0; i < 180; i++) {
            attack.append('&').append(fields[i % fields.length]).append('=').append(i % fields.length == 4
                    ? "2025-07-01" : "x" + i);
        }
        assertProblem(get("/opendata/" + UNITS + "?" + attack, null), 400, "DATA-417");
        assertProblem(get("/api/data/" + UNITS + "?" + wardFilters(MAX_FILTERS + 1), SONV), 400, "DATA-417");
    }

    @Test
    void moreSortFieldsThanAllowedAreRefused() {
        ok(get("/opendata/" + UNITS + "?sort=unitType,-population,name", null));
        JsonNode refused = assertProblem(get("/opendata/" + UNITS + "?sort=unitType,-population,name,code", null),
                400, "DATA-417");
        assertThat(refused.path("limit").asInt()).isEqualTo(MAX_SORTS);
        assertThat(refused.path("detail").asText()).contains("sort fields");
        assertProblem(get("/api/data/" + UNITS + "?sort=unitType,unitType,unitType,unitType", SONV), 400, "DATA-417");
    }

    @Test
    void costlyAnonymousQueriesSpendTheAddressBudgetSooner() {
        // Capacity 60: a query of 10 filters costs 11, so five go through and the sixth waits.
        for (int i = 0; i < 5; i++) {
            ok(get("/opendata/" + UNITS + "?" + wardFilters(MAX_FILTERS), null));
        }
        HttpResponse<String> refused = get("/opendata/" + UNITS + "?" + wardFilters(MAX_FILTERS), null);
        assertProblem(refused, 429, "DATA-408");
        assertThat(refused.headers().firstValue("Retry-After")).get().satisfies(
                retryAfter -> assertThat(Long.parseLong(retryAfter)).isBetween(1L, 11L));
        // What is left still pays for a cheap query.
        ok(get("/opendata/" + UNITS + "?code=10701", null));
    }
}
