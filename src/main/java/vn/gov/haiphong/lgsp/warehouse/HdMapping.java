package vn.gov.haiphong.lgsp.warehouse;

import java.util.Map;
import java.util.Set;

/**
 * How the former Hải Dương warehouse's change records map onto a dataset, as declared in the
 * {@code hdSync} section of its definition file: HD field name → this dataset's field, the
 * fields holding agency codes (resolved through the registry aliases, H26 → H27), and the HD
 * value codes of coded fields. A dataset without the section is not synced.
 */
public record HdMapping(Map<String, String> fields, Set<String> agencyCodeFields,
                        Map<String, Map<String, String>> values) {

    public HdMapping {
        fields = Map.copyOf(fields);
        agencyCodeFields = Set.copyOf(agencyCodeFields);
        values = Map.copyOf(values);
    }

    /** The HD field names that map to each dataset field (the inverse of {@link #fields}). */
    public Set<String> mappedTargets() {
        return Set.copyOf(fields.values());
    }
}
