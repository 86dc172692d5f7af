package vn.gov.haiphong.lgsp.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The manifests of {@code etc/kubernetes/}, read into the Kubernetes object model (fabric8's,
 * generated from the Kubernetes API's OpenAPI definitions) as strictly as {@code kubectl apply
 * --validate=strict}: a field the API does not define, or a value of the wrong type (a string
 * for a number, a number for a string), is a problem, where the model alone would keep the one
 * and coerce the other.
 */
final class KubernetesManifests {

    static final Path DIR = Path.of("etc/kubernetes");

    /** The kinds the manifests may use, by apiVersion/kind. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private static final ObjectMapper STRICT = strictMapper();

    /** One document of a manifest file, as YAML read it. */
    record Document(String source, Map<String, Object> yaml) {
    }

    private KubernetesManifests() {
    }

    static List<Document> read(Path dir) throws IOException {
        List<Document> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                // YAML 1.1 as the API server's reader: unquoted yes/on are booleans there too.
                Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
                try (Reader reader = Files.newBufferedReader(file)) {
                    int index = 0;
                    for (Object document : yaml.loadAll(reader)) {
                        index++;
                        if (document == null) {
                            continue;
                        }
                        if (!(document instanceof Map<?, ?> map)) {
                            throw new IllegalStateException(file + " document " + index + " is not an object");
                        }
                        @SuppressWarnings("unchecked")
                        Map<String, Object> object = (Map<String, Object>) map;
                        documents.add(new Document(file.getFileName() + "#" + index, object));
                    }
                }
            }
        }
        return documents;
    }

    /** The document as its model object; every problem found on the way is added to {@code problems}. */
    static HasMetadata toModel(Document document, List<String> problems) {
        String type = document.yaml().get("apiVersion") + "/" + document.yaml().get("kind");
        Class<? extends HasMetadata> kind = KINDS.get(type);
        if (kind == null) {
            problems.add(document.source() + ": apiVersion/kind " + type + " is not one the manifests may use " + KINDS.keySet());
            return null;
        }
        HasMetadata model;
        try {
            model = STRICT.convertValue(document.yaml(), kind);
        } catch (IllegalArgumentException e) {
            String where = e.getCause() instanceof JsonMappingException mapping ? " at " + path(mapping) : "";
            problems.add(document.source() + " " + type + where + ": " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
        unknownFields(model, document.source() + " " + type, problems);
        if (model.getMetadata() == null || model.getMetadata().getName() == null) {
            problems.add(document.source() + ": metadata.name is required");
        }
        return model;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            path.append(step.getFieldName() != null ? (path.isEmpty() ? "" : ".") + step.getFieldName() : "[" + step.getIndex() + "]");
        }
        return path.toString();
    }

    /** Every field the model kept aside as not defined by the API, with its path. */
    private static void unknownFields(Object node, String path, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, problems));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            String name = getter.getName();
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
                    || !name.startsWith("get") || name.equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": field(s) not defined by the Kubernetes API: " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), problems);
            }
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        // The API server's JSON decoding: no string for a number or boolean, no number for a string.
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** A deep copy of a YAML tree, to spoil in a test. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T yaml) {
        if (yaml instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return (T) copy;
        }
        if (yaml instanceof List<?> list) {
            return (T) new ArrayList<>(list.stream().map(KubernetesManifests::copy).toList());
        }
        return yaml;
    }
}
