package vn.gov.haiphong.lgsp.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import vn.gov.haiphong.lgsp.registry.AgencyCode;

/**
 * Every dataset definition of {@code lgsp.datasets.dir}, read and checked once at start. A
 * definition that is wrong (unknown type, missing key, bad field name) stops the platform with a
 * message naming the file and the problem, rather than serving a dataset half understood.
 */
@Component
public class DatasetCatalog {

    private static final Logger log = LoggerFactory.getLogger(DatasetCatalog.class);

    /** Dataset names appear in URLs and Kafka topic names (lgsp.data.{name}). */
    static final Pattern DATASET_NAME = Pattern.compile("[a-z][a-z0-9-]{1,62}");
    /** Field names appear in query strings and JSON: letters and digits, starting lower case. */
    static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,62}");
    /** Query parameters that are not filters, so no field may carry these names. */
    static final Set<String> RESERVED = Set.of("sort", "page", "size", "fields", "format", "bom", "key", "version",
            "region", "updatedAt", "deleted");

    private final Map<String, DatasetDefinition> datasets;

    public DatasetCatalog(@Value("${lgsp.datasets.dir:./etc/datasets}") Path dir) {
        this.datasets = load(dir);
        log.info("Datasets declared in {}: {}", dir, datasets.keySet());
    }

    public Optional<DatasetDefinition> find(String name) {
        return Optional.ofNullable(name == null ? null : datasets.get(name));
    }

    public Collection<DatasetDefinition> all() {
        return datasets.values();
    }

    static Map<String, DatasetDefinition> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Dataset definitions directory " + dir.toAbsolutePath()
                    + " does not exist (lgsp.datasets.dir)");
        }
        Map<String, DatasetDefinition> loaded = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                DatasetDefinition definition = read(file);
                if (loaded.put(definition.name(), definition) != null) {
                    throw invalid(file, "dataset " + definition.name() + " is declared twice");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read dataset definitions in " + dir, e);
        }
        return java.util.Collections.unmodifiableMap(loaded);
    }

    static DatasetDefinition read(Path file) throws IOException {
        Object document;
        try (InputStream in = Files.newInputStream(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (RuntimeException e) {
            throw invalid(file, "not readable YAML: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw invalid(file, "expected a mapping with name, key, owner and fields");
        }
        String name = text(file, root, "name", true);
        String expectedName = file.getFileName().toString().replaceFirst("\\.yml$", "");
        if (!DATASET_NAME.matcher(name).matches()) {
            throw invalid(file, "name '" + name + "' must match " + DATASET_NAME.pattern());
        }
        if (!name.equals(expectedName)) {
            throw invalid(file, "name '" + name + "' must equal the file name '" + expectedName + "'");
        }
        String owner = text(file, root, "owner", true);
        if (!AgencyCode.isValid(owner)) {
            throw invalid(file, "owner '" + owner + "' is not an agency code");
        }
        String retention = text(file, root, "retention", true);
        if (!retention.equals("permanent")) {
            try {
                Period.parse(retention);
            } catch (DateTimeParseException e) {
                throw invalid(file, "retention '" + retention + "' must be 'permanent' or an ISO period such as P10Y");
            }
        }
        if (!(root.get("fields") instanceof List<?> rawFields) || rawFields.isEmpty()) {
            throw invalid(file, "fields: a non-empty list is required");
        }
        Map<String, DatasetField> fields = new LinkedHashMap<>();
        for (Object raw : rawFields) {
            if (!(raw instanceof Map<?, ?> f)) {
                throw invalid(file, "each field must be a mapping with name and type");
            }
            String fieldName = text(file, f, "name", true);
            if (!FIELD_NAME.matcher(fieldName).matches() || RESERVED.contains(fieldName)) {
                throw invalid(file, "field name '" + fieldName + "' must match " + FIELD_NAME.pattern()
                        + " and not be one of " + new java.util.TreeSet<>(RESERVED));
            }
            String typeName = text(file, f, "type", true);
            FieldType type = FieldType.parse(typeName);
            if (type == null) {
                throw invalid(file, "field '" + fieldName + "' has unknown type '" + typeName + "' (known: "
                        + Stream.of(FieldType.values()).map(FieldType::lowerName).toList() + ")");
            }
            Object isPublic = f.get("public");
            if (isPublic != null && !(isPublic instanceof Boolean)) {
                throw invalid(file, "field '" + fieldName + "': public must be true or false");
            }
            if (fields.put(fieldName, new DatasetField(fieldName, type, Boolean.TRUE.equals(isPublic),
                    text(file, f, "description", false))) != null) {
                throw invalid(file, "field '" + fieldName + "' is declared twice");
            }
        }
        String key = text(file, root, "key", true);
        if (!fields.containsKey(key)) {
            throw invalid(file, "key '" + key + "' is not one of the declared fields " + fields.keySet());
        }
        if (fields.get(key).type() != FieldType.STRING) {
            throw invalid(file, "key '" + key + "' must be a string field");
        }
        return new DatasetDefinition(name, text(file, root, "title", true), text(file, root, "description", false),
                owner, retention, key, new ArrayList<>(fields.values()), hdMapping(file, root, fields, key));
    }

    /** HD field names: what the former Hải Dương warehouse calls its columns (e.g. MA_DVHC). */
    static final Pattern HD_FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    private static HdMapping hdMapping(Path file, Map<?, ?> root, Map<String, DatasetField> fields, String key) {
        Object raw = root.get("hdSync");
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> section) || !(section.get("fields") instanceof Map<?, ?> rawFields)
                || rawFields.isEmpty()) {
            throw invalid(file, "hdSync: a mapping with a non-empty 'fields' mapping (HD field: dataset field) is required");
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : rawFields.entrySet()) {
            String hdName = String.valueOf(entry.getKey());
            if (!HD_FIELD_NAME.matcher(hdName).matches()) {
                throw invalid(file, "hdSync: HD field name '" + hdName + "' must match " + HD_FIELD_NAME.pattern());
            }
            if (!(entry.getValue() instanceof String target) || !fields.containsKey(target)) {
                throw invalid(file, "hdSync: HD field '" + hdName + "' maps to '" + entry.getValue()
                        + "', which is not a declared field");
            }
            if (mapped.containsValue(target)) {
                throw invalid(file, "hdSync: field '" + target + "' is the target of two HD fields");
            }
            mapped.put(hdName, target);
        }
        if (!mapped.containsValue(key)) {
            throw invalid(file, "hdSync: the key field '" + key + "' must be mapped");
        }
        java.util.Set<String> agencyCodes = new java.util.LinkedHashSet<>();
        if (section.get("agencyCodes") != null) {
            if (!(section.get("agencyCodes") instanceof List<?> list)) {
                throw invalid(file, "hdSync: agencyCodes must be a list of field names");
            }
            for (Object item : list) {
                if (!(item instanceof String f) || !mapped.containsValue(f) || fields.get(f).type() != FieldType.STRING) {
                    throw invalid(file, "hdSync: agencyCodes entry '" + item + "' must be a mapped string field");
                }
                agencyCodes.add(f);
            }
        }
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        if (section.get("values") != null) {
            if (!(section.get("values") instanceof Map<?, ?> valueMaps)) {
                throw invalid(file, "hdSync: values must map a field to its HD codes");
            }
            for (Map.Entry<?, ?> entry : valueMaps.entrySet()) {
                String f = String.valueOf(entry.getKey());
                if (!mapped.containsValue(f) || fields.get(f).type() != FieldType.STRING || agencyCodes.contains(f)
                        || !(entry.getValue() instanceof Map<?, ?> codes) || codes.isEmpty()) {
                    throw invalid(file, "hdSync: values of '" + f + "' must be a non-empty mapping (HD code: value)"
                            + " of a mapped string field that is not an agency code");
                }
                Map<String, String> table = new LinkedHashMap<>();
                codes.forEach((code, value) -> {
                    if (!(value instanceof String)) {
                        throw invalid(file, "hdSync: value of HD code '" + code + "' of '" + f + "' must be text");
                    }
                    table.put(String.valueOf(code), (String) value);
                });
                values.put(f, table);
            }
        }
        return new HdMapping(mapped, agencyCodes, values);
    }

    private static String text(Path file, Map<?, ?> map, String name, boolean required) {
        Object value = map.get(name);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                throw invalid(file, "'" + name + "' is missing");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(file, "'" + name + "' must be text");
        }
        return s.trim();
    }

    private static IllegalStateException invalid(Path file, String problem) {
        return new IllegalStateException("Dataset definition " + file + " is not valid: " + problem);
    }
}
