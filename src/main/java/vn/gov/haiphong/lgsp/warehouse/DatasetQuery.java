package vn.gov.haiphong.lgsp.warehouse;

import java.util.List;

/**
 * A checked query: every field named here is a declared field (validated by
 * {@link DatasetQueryParser}), and every value is already normalised to the field's type.
 */
public record DatasetQuery(List<Filter> filters, List<Sort> sorts, int page, int size, List<String> fields) {

    public record Filter(DatasetField field, Object value) {
    }

    public record Sort(DatasetField field, boolean descending) {
    }

    public DatasetQuery {
        filters = List.copyOf(filters);
        sorts = List.copyOf(sorts);
        fields = List.copyOf(fields);
    }
}
