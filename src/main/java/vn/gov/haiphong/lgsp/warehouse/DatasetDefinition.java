package vn.gov.haiphong.lgsp.warehouse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset as declared in {@code etc/datasets/{name}.yml}: the only place its fields, key,
 * public part, owner, retention and Hải Dương sync mapping are written down. Queries accept field names from here only.
 */
public record DatasetDefinition(String name, String title, String description, String ownerAgency,
                                String retention, String key, List<DatasetField> fields, HdMapping hdSync) {

    public DatasetDefinition {
        fields = List.copyOf(fields);
    }

    public DatasetDefinition(String name, String title, String description, String ownerAgency, String retention,
                             String key, List<DatasetField> fields) {
        this(name, title, description, ownerAgency, retention, key, fields, null);
    }

    /** The Hải Dương sync mapping, when the definition declares one ({@code hdSync}). */
    public Optional<HdMapping> hdMapping() {
        return Optional.ofNullable(hdSync);
    }

    /** The declared retention of history entries; empty for {@code permanent}. */
    public Optional<java.time.Period> retentionPeriod() {
        return "permanent".equals(retention) ? Optional.empty() : Optional.of(java.time.Period.parse(retention));
    }

    public Optional<DatasetField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    public DatasetField keyField() {
        return field(key).orElseThrow();
    }

    public List<DatasetField> publicFields() {
        return fields.stream().filter(DatasetField::publicField).toList();
    }

    /** Open data exists for a dataset only when it declares at least one public field. */
    public boolean isOpenData() {
        return !publicFields().isEmpty();
    }

    /** Field name → field, in declared order: what a caller may name (all, or the public ones). */
    public Map<String, DatasetField> visibleFields(boolean publicOnly) {
        Map<String, DatasetField> visible = new LinkedHashMap<>();
        fields.stream().filter(f -> !publicOnly || f.publicField()).forEach(f -> visible.put(f.name(), f));
        return visible;
    }
}
