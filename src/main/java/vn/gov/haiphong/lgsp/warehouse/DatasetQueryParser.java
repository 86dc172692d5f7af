package vn.gov.haiphong.lgsp.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;

/**
 * Turns query parameters into a {@link DatasetQuery}, accepting only names the definition
 * declares (and, for open data, only public ones): anything else is refused before any SQL is
 * built. A field the caller may not see is refused exactly like one that does not exist.
 */
public final class DatasetQueryParser {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /** Parameters that are not filters; format and bom belong to open data's CSV output. */
    private static final Set<String> CONTROL = Set.of("sort", "page", "size", "fields", "format", "bom");

    private DatasetQueryParser() {
    }

    /**
     * What a query costs an anonymous caller before it runs: 1, plus 1 per filter value and per
     * sort field, counted up to the limits (a query beyond them is refused, at the highest cost).
     */
    public static int cost(MultiValueMap<String, String> params, QueryLimits limits) {
        return 1 + Math.min(filterCount(params), limits.maxFilters())
                + Math.min(list(params.getFirst("sort")).size(), limits.maxSorts());
    }

    public static DatasetQuery parse(DatasetDefinition definition, MultiValueMap<String, String> params,
                                     boolean publicOnly, QueryLimits limits) {
        // Counted before any value is read: the limits bound the work of refusing too.
        int filterCount = filterCount(params);
        if (filterCount > limits.maxFilters()) {
            throw tooComplex("filters", filterCount, limits.maxFilters());
        }
        int sortCount = list(params.getFirst("sort")).size();
        if (sortCount > limits.maxSorts()) {
            throw tooComplex("sort fields", sortCount, limits.maxSorts());
        }
        Map<String, DatasetField> visible = definition.visibleFields(publicOnly);
        List<DatasetQuery.Filter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (CONTROL.contains(param.getKey())) {
                continue;
            }
            DatasetField field = known(visible, param.getKey(), definition);
            for (String raw : param.getValue()) {
                Object value = field.type().normalise(raw);
                if (value == null) {
                    throw new LgspException(ErrorCode.DATA_BAD_VALUE, "Filter " + field.name() + " needs a "
                            + field.type().lowerName() + " value");
                }
                filters.add(new DatasetQuery.Filter(field, value));
            }
        }
        List<DatasetQuery.Sort> sorts = new ArrayList<>();
        for (String item : list(params.getFirst("sort"))) {
            boolean descending = item.startsWith("-");
            sorts.add(new DatasetQuery.Sort(known(visible, descending ? item.substring(1) : item, definition), descending));
        }
        List<String> fields = new ArrayList<>();
        for (String item : new LinkedHashSet<>(list(params.getFirst("fields")))) {
            fields.add(known(visible, item, definition).name());
        }
        if (fields.isEmpty()) {
            fields.addAll(visible.keySet());
        }
        int page = number(params.getFirst("page"), 0, "page");
        int size = number(params.getFirst("size"), DEFAULT_SIZE, "size");
        if (page < 0 || page > 1_000_000 || size < 1 || size > MAX_SIZE) {
            throw new LgspException(ErrorCode.DATA_BAD_PAGE, "page must be 0 or more and size between 1 and " + MAX_SIZE);
        }
        return new DatasetQuery(filters, sorts, page, size, fields);
    }

    private static int filterCount(MultiValueMap<String, String> params) {
        int count = 0;
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (!CONTROL.contains(param.getKey())) {
                count += param.getValue().size();
            }
        }
        return count;
    }

    private static LgspException tooComplex(String what, int given, int limit) {
        return new LgspException(ErrorCode.DATA_QUERY_TOO_COMPLEX, "At most " + limit + " " + what
                + " per query; this one has " + given, Map.of("limit", limit, "given", given));
    }

    private static DatasetField known(Map<String, DatasetField> visible, String name, DatasetDefinition definition) {
        DatasetField field = visible.get(name);
        if (field == null) {
            // The name is not echoed: it is caller input and may be anything.
            throw new LgspException(ErrorCode.DATA_UNKNOWN_FIELD, "Dataset " + definition.name()
                    + " has no such field; fields: " + visible.keySet());
        }
        return field;
    }

    private static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return List.of(csv.split(",", -1)).stream().map(String::trim).toList();
    }

    private static int number(String raw, int fallback, String name) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new LgspException(ErrorCode.DATA_BAD_PAGE, name + " must be a whole number");
        }
    }
}
