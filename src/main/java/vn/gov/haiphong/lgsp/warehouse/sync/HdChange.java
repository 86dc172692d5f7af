package vn.gov.haiphong.lgsp.warehouse.sync;

import java.time.Instant;
import java.util.Map;

/**
 * One change record of the former Hải Dương warehouse, as read from {@code hd.legacy.{dataset}}
 * or a line of its export file ({@code schemas/hd-legacy/hd-change.schema.json}): an upsert or
 * delete of the row with HD key {@code key}, HD's version of that row, when HD changed it, and
 * the row in HD's own field names and codes ({@code fields}, upserts only).
 *
 * @param source where it came from, for the conflict list and the dead-letter headers
 *               ({@code topic/partition@offset} or {@code file:line})
 */
public record HdChange(Op op, String key, long hdVersion, Instant changedAt, Map<String, Object> fields,
                       String source) {

    public enum Op { UPSERT, DELETE }
}
