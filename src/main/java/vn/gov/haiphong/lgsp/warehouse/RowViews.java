package vn.gov.haiphong.lgsp.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a query answer, the same for the data API and open data. */
final class RowViews {

    private RowViews() {
    }

    static Map<String, Object> page(DatasetService.Result result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dataset", result.definition().name());
        answer.put("page", result.query().page());
        answer.put("size", result.query().size());
        answer.put("total", result.page().total());
        List<Map<String, Object>> items = new ArrayList<>();
        for (DatasetRow row : result.page().rows()) {
            items.add(row(row, result.query().fields()));
        }
        answer.put("items", items);
        return answer;
    }

    static Map<String, Object> row(DatasetRow row, List<String> fields) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("key", row.key());
        item.put("version", row.version());
        item.put("region", row.region());
        item.put("updatedAt", row.updatedAt().toString());
        Map<String, Object> data = new LinkedHashMap<>();
        // Only the selected (and, for open data, public) fields: never the stored payload as a whole.
        for (String field : fields) {
            if (row.data().get(field) != null) {
                data.put(field, row.data().get(field));
            }
        }
        item.put("data", data);
        return item;
    }
}
