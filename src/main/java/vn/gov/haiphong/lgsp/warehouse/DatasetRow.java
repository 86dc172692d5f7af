package vn.gov.haiphong.lgsp.warehouse;

import java.time.Instant;
import java.util.Map;

/** One row as stored: its key, version, region of origin, last change and declared fields. */
public record DatasetRow(String dataset, String key, long version, String region, Instant updatedAt,
                         String updatedBy, boolean deleted, Map<String, Object> data) {
}
