package vn.gov.haiphong.lgsp.registry.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.gov.haiphong.lgsp.registry.AgencyCode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/**
 * Reads the former Hải Dương platform's registry: the national axis getAgenciesList reply
 * ({@code {"status","ErrorCode","ErrorDesc","data":[...]}}) or a bare array of its items
 * ({@code id, pid, code, code102, oldCode, name, mail, mobile, fax, deleted, modifyDate}).
 * Parents are given by {@code pid} and resolved to codes within the file.
 */
public final class HdRegistryJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HdRegistryJsonReader() {
    }

    public static List<ImportedUnit> read(byte[] bytes) {
        String text = HpRegistryCsvReader.LegacyText.utf8(bytes);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ImportFileException(line, null, "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode items = root != null && root.isObject() ? root.get("data") : root;
        if (root != null && root.isObject() && root.hasNonNull("status") && !"OK".equals(root.get("status").asText())) {
            throw new ImportFileException(1, "status", "the export reply says " + root.get("status").asText());
        }
        if (items == null || !items.isArray()) {
            throw new ImportFileException(1, "data", "must be an array of agencies");
        }
        Map<String, String> codeById = new HashMap<>();
        for (JsonNode item : items) {
            if (item.hasNonNull("id") && item.hasNonNull("code")) {
                codeById.putIfAbsent(item.get("id").asText().strip(), AgencyCode.normalize(item.get("code").asText()));
            }
        }
        List<ImportedUnit> units = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        int index = 0;
        for (JsonNode item : items) {
            index++;
            if (!item.isObject()) {
                throw new ImportFileException(index, null, "item " + index + " is not an object");
            }
            String id = required(item, "id", index);
            Integer first = seenIds.putIfAbsent(id, index);
            if (first != null) {
                throw new ImportFileException(index, "id", "id " + id + " already used by item " + first);
            }
            String code = AgencyCode.normalize(required(item, "code", index));
            String code102 = AgencyCode.normalize(text(item, "code102"));
            if (code102 != null && !code102.equals(code) && !AgencyCode.isQcvn102(code)) {
                // A QĐ 20 code with a QCVN 102 twin: route by the QCVN 102 code, keep the other as alias.
                code = code102;
            }
            String pid = text(item, "pid");
            String parent = null;
            if (pid != null && !"0".equals(pid)) {
                parent = codeById.get(pid);
                if (parent == null) {
                    throw new ImportFileException(index, "pid", "no item has id " + pid);
                }
            }
            JsonNode deleted = item.get("deleted");
            if (deleted != null && !deleted.isNull() && !deleted.isBoolean()) {
                throw new ImportFileException(index, "deleted", "must be true or false");
            }
            boolean closed = deleted != null && deleted.asBoolean(false);
            List<String> legacy = new ArrayList<>();
            String oldCode = AgencyCode.normalize(text(item, "oldCode"));
            if (oldCode != null && !oldCode.equals(code)) {
                legacy.add(oldCode);
            }
            String rawCode = AgencyCode.normalize(item.get("code").asText());
            if (!rawCode.equals(code)) {
                legacy.add(rawCode);
            }
            LocalDate modified = modifyDate(item, index);
            units.add(new ImportedUnit(index, id, code, HpRegistryCsvReader.nfc(required(item, "name", index)), parent,
                    HpRegistryCsvReader.regionOf(code, Region.HD), closed ? AgencyStatus.CLOSED : AgencyStatus.ACTIVE,
                    null, closed ? modified : null, text(item, "mail"), text(item, "mobile"), List.copyOf(legacy)));
        }
        if (units.isEmpty()) {
            throw new ImportFileException(1, "data", "the file holds no agencies");
        }
        return units;
    }

    private static LocalDate modifyDate(JsonNode item, int index) {
        String value = text(item, "modifyDate");
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() >= 10 ? value.substring(0, 10) : value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ImportFileException(index, "modifyDate", "must be yyyy-MM-dd HH:mm:ss, was '" + value + "'");
        }
    }

    private static String required(JsonNode item, String field, int index) {
        String value = text(item, field);
        if (value == null) {
            throw new ImportFileException(index, field, "is required");
        }
        return value;
    }

    private static String text(JsonNode item, String field) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.asText().strip();
        return value.isEmpty() ? null : value;
    }
}
