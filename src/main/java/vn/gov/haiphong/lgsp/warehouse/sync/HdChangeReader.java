package vn.gov.haiphong.lgsp.warehouse.sync;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.gov.haiphong.lgsp.warehouse.DatasetService;
import vn.gov.haiphong.lgsp.warehouse.sync.HdChange.Op;
import vn.gov.haiphong.lgsp.warehouse.sync.HdRecordException.Reason;

/**
 * Reads one Hải Dương change record (JSON, UTF-8) strictly: the documented members with their
 * types, field values that are scalars, size and nesting limited, duplicate names refused.
 * Anything else is {@link Reason#UNPARSEABLE}.
 */
public final class HdChangeReader {

    /** Largest record accepted (Kafka's default message size). */
    public static final int MAX_RECORD_BYTES = 1_000_000;
    private static final int MAX_FIELDS = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(100_000).maxNumberLength(30).build());
    }

    private HdChangeReader() {
    }

    public static HdChange read(byte[] value, String source) {
        if (value == null || value.length == 0) {
            throw unparseable("empty record");
        }
        if (value.length > MAX_RECORD_BYTES) {
            throw unparseable("record of " + value.length + " bytes, more than " + MAX_RECORD_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException e) {
            throw unparseable("not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw unparseable("not a JSON object");
        }
        Op op;
        try {
            op = Op.valueOf(text(root, "op"));
        } catch (IllegalArgumentException e) {
            throw unparseable("op must be UPSERT or DELETE");
        }
        String key = text(root, "key");
        if (key.isBlank() || key.length() > DatasetService.MAX_KEY_LENGTH || !key.equals(key.strip())) {
            throw unparseable("key must be 1 to " + DatasetService.MAX_KEY_LENGTH + " characters without surrounding spaces");
        }
        JsonNode version = root.get("hdVersion");
        if (version == null || !version.canConvertToExactIntegral() || !version.canConvertToLong() || version.asLong() < 1) {
            throw unparseable("hdVersion must be a positive integer");
        }
        Instant changedAt = null;
        if (root.hasNonNull("changedAt")) {
            try {
                changedAt = OffsetDateTime.parse(text(root, "changedAt")).toInstant();
            } catch (DateTimeParseException e) {
                throw unparseable("changedAt must be an ISO 8601 date-time with offset");
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        JsonNode rawFields = root.get("fields");
        if (op == Op.UPSERT) {
            if (rawFields == null || !rawFields.isObject()) {
                throw unparseable("an UPSERT needs a fields object");
            }
            if (rawFields.size() > MAX_FIELDS) {
                throw unparseable("more than " + MAX_FIELDS + " fields");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = rawFields.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode v = field.getValue();
                if (v.isNull()) {
                    fields.put(field.getKey(), null);
                } else if (v.isTextual()) {
                    fields.put(field.getKey(), v.textValue());
                } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                    fields.put(field.getKey(), v.longValue());
                } else if (v.isBoolean()) {
                    fields.put(field.getKey(), v.booleanValue());
                } else {
                    throw unparseable("field " + field.getKey() + " must be text, an integer, a boolean or null");
                }
            }
        } else if (rawFields != null && !rawFields.isNull()) {
            throw unparseable("a DELETE carries no fields");
        }
        return new HdChange(op, key, version.asLong(), changedAt, fields, source);
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || !node.isTextual()) {
            throw unparseable(name + " must be text");
        }
        return node.textValue();
    }

    private static HdRecordException unparseable(String problem) {
        return new HdRecordException(Reason.UNPARSEABLE, problem);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
