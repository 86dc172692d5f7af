package vn.gov.haiphong.lgsp.warehouse;

/** One declared field of a dataset; only {@code publicField} ones are ever served as open data. */
public record DatasetField(String name, FieldType type, boolean publicField, String description) {
}
