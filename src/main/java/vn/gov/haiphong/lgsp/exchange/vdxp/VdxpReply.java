package vn.gov.haiphong.lgsp.exchange.vdxp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The VDXP JSON reply envelope (VDXP.md §3): string {@code status}, {@code ErrorCode} and
 * {@code ErrorDesc} on every reply; {@code "OK"/"0"/"Success"} or {@code "FAIL"}, a catalogue code
 * and a message. Written ASCII-only (non-ASCII as JSON backslash-u escapes; sendEdoc's client reads US-ASCII) and never
 * with a JSON null (the SDK's {@code get(k) != null} checks pass for null and then throw): null
 * fields are left out.
 */
final class VdxpReply {

    static final String OK = "OK";
    static final String FAIL = "FAIL";
    static final String SUCCESS_CODE = "0";

    private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private VdxpReply() {
    }

    static ObjectNode ok() {
        ObjectNode reply = NODES.objectNode();
        reply.put("status", OK);
        reply.put("ErrorCode", SUCCESS_CODE);
        reply.put("ErrorDesc", "Success");
        return reply;
    }

    static ObjectNode fail(String code, String description) {
        ObjectNode reply = NODES.objectNode();
        reply.put("status", FAIL);
        reply.put("ErrorCode", code);
        reply.put("ErrorDesc", description == null || description.isBlank() ? code : description);
        return reply;
    }

    static ObjectNode okWithData(ArrayNode data) {
        ObjectNode reply = ok();
        reply.set("data", data);
        return reply;
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Sets a text field, leaving it out when the value is null. */
    static ObjectNode text(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
        return node;
    }

    /** The reply's bytes: ASCII-only JSON, with any null that slipped in removed. */
    static byte[] bytes(ObjectNode reply) {
        try {
            return ASCII_JSON.writeValueAsBytes(withoutNulls(reply));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A VDXP reply could not be written", e);
        }
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue() == null || field.getValue().isNull()) {
                    fields.remove();
                } else {
                    withoutNulls(field.getValue());
                }
            }
        } else if (node.isArray()) {
            Iterator<JsonNode> items = node.elements();
            while (items.hasNext()) {
                JsonNode item = items.next();
                if (item == null || item.isNull()) {
                    items.remove();
                } else {
                    withoutNulls(item);
                }
            }
        }
        return node;
    }
}
