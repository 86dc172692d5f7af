package vn.gov.haiphong.lgsp.warehouse;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a query answer, the same for the data API and open data. */
public final class RowViews {

    private RowViews() {
    }

    @Schema(name = "RowPage", description = "One page of a query's rows, in the requested order")
    public record Page(String dataset, int page, int size,
                       @Schema(description = "Rows matching the filters, on all pages") long total, List<Item> items) {
    }

    @Schema(name = "Row",
            description = "A row: its key, version, region of origin, last change, and the selected fields")
    public record Item(String key, long version, String region, @Schema(format = "date-time") String updatedAt,
                       @Schema(description = "The selected (open data: public) fields that have a value")
                       Map<String, Object> data) {
    }

    static Page page(DatasetService.Result result) {
        List<Item> items = result.page().rows().stream().map(row -> row(row, result.query().fields())).toList();
        return new Page(result.definition().name(), result.query().page(), result.query().size(),
                result.page().total(), items);
    }

    static Item row(DatasetRow row, List<String> fields) {
        Map<String, Object> data = new LinkedHashMap<>();
        // Only the selected (and, for open data, public) fields: never the stored payload as a whole.
        for (String field : fields) {
            if (row.data().get(field) != null) {
                data.put(field, row.data().get(field));
            }
        }
        return new Item(row.key(), row.version(), row.region(), row.updatedAt().toString(), data);
    }
}
