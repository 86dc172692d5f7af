package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code etc/kubernetes/}: every document valid against the Kubernetes API's object model, strictly
 * (see {@link KubernetesManifests}), and the platform's own rules: 2+ replicas, the health groups
 * as probes, non-root with a read-only root file system, every required setting of the prod profile
 * given, the secret ones from a Secret only, selectors that select the pods.
 */
class KubernetesManifestsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(LGSP_[A-Z0-9_]+):");

    @Test
    void theManifestsAreValidKubernetesObjects() throws Exception {
        List<String> problems = new ArrayList<>();
        List<KubernetesManifests.Document> documents = KubernetesManifests.read(KubernetesManifests.DIR);
        assertThat(documents).hasSizeGreaterThanOrEqualTo(5);
        for (KubernetesManifests.Document document : documents) {
            KubernetesManifests.toModel(document, problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aFieldTheApiDoesNotDefineOrAValueOfTheWrongTypeIsFound() throws Exception {
        KubernetesManifests.Document statefulSet = KubernetesManifests.read(KubernetesManifests.DIR).stream()
                .filter(d -> "StatefulSet".equals(d.yaml().get("kind"))).findFirst().orElseThrow();

        assertThat(problemsWith(statefulSet, spec -> spec.put("replica", 2)))
                .singleElement().asString().contains("not defined by the Kubernetes API", "replica");
        assertThat(problemsWith(statefulSet, spec -> container(spec).put("readinesProbe", Map.of())))
                .singleElement().asString().contains("readinesProbe");
        assertThat(problemsWith(statefulSet, spec -> spec.put("replicas", "2"))).singleElement().asString()
                .contains("replicas");
        assertThat(problemsWith(statefulSet, spec -> ((List<Map<String, Object>>) container(spec).get("env")).get(0)
                .put("value", 3))).singleElement().asString().contains("value");
        assertThat(problemsWith(statefulSet, spec -> container(spec).put("ports", "8080"))).hasSize(1);
    }

    @Test
    void theNodesRunAsThePlatformNeeds() throws Exception {
        Map<String, HasMetadata> byKindAndName = models();
        StatefulSet nodes = (StatefulSet) byKindAndName.get("StatefulSet/lgsp");
        assertThat(nodes).as("the StatefulSet lgsp").isNotNull();
        assertThat(nodes.getSpec().getReplicas()).as("replicas").isGreaterThanOrEqualTo(2);
        Map<String, String> podLabels = nodes.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(nodes.getSpec().getSelector().getMatchLabels());
        assertThat(byKindAndName).containsKey("Service/" + nodes.getSpec().getServiceName());

        PodSpec pod = nodes.getSpec().getTemplate().getSpec();
        Containerfile.Stage image = Containerfile.read(Containerfile.PATH).finalStage();
        long imageUid = Long.parseLong(image.last("USER").arguments().strip().split(":")[0]);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as("the image's USER").isEqualTo(imageUid);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        assertThat(container.getVolumeMounts()).as("a writable /tmp beside the read-only root")
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");

        String portName = container.getPorts().get(0).getName();
        assertThat(container.getPorts().get(0).getContainerPort()).as("the image's EXPOSE")
                .isEqualTo(Integer.parseInt(image.last("EXPOSE").arguments().strip()));
        assertProbe(container.getReadinessProbe(), "/actuator/health/readiness", portName);
        assertProbe(container.getLivenessProbe(), "/actuator/health/liveness", portName);

        // Every LGSP_* setting of the prod profile that is required is given; secrets only from a Secret.
        Map<String, String> fromConfigMaps = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            ConfigMap map = (ConfigMap) byKindAndName.get("ConfigMap/" + source.getConfigMapRef().getName());
            assertThat(map).as("ConfigMap " + source.getConfigMapRef().getName()).isNotNull();
            fromConfigMaps.putAll(map.getData());
        }
        Set<String> fromSecrets = new HashSet<>();
        Set<String> given = new HashSet<>(fromConfigMaps.keySet());
        for (EnvVar env : container.getEnv()) {
            given.add(env.getName());
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                fromSecrets.add(env.getName());
            }
        }
        Set<String> known = placeholdersOfProdProfile();
        assertThat(given.stream().filter(n -> n.startsWith("LGSP_")))
                .as("LGSP_* variables the prod profile reads (application-prod.yml)").allMatch(known::contains);
        assertThat(given).containsAll(requiredVariables());
        assertThat(fromConfigMaps.keySet()).as("no secret in a ConfigMap")
                .noneMatch(n -> n.matches(".*(PASSWORD|MASTER_KEY|SECRET).*"));
        assertThat(fromSecrets).contains("LGSP_MASTER_KEY", "LGSP_OPERATOR_PASSWORD", "LGSP_DB_PASSWORD");

        Service service = (Service) byKindAndName.get("Service/lgsp");
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo(portName);
        PodDisruptionBudget budget = (PodDisruptionBudget) byKindAndName.get("PodDisruptionBudget/lgsp");
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isLessThan(nodes.getSpec().getReplicas());
        NetworkPolicy policy = (NetworkPolicy) byKindAndName.get("NetworkPolicy/lgsp");
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    }

    private static void assertProbe(Probe probe, String path, String portName) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(portName);
    }

    private static Map<String, HasMetadata> models() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, HasMetadata> models = new HashMap<>();
        for (KubernetesManifests.Document document : KubernetesManifests.read(KubernetesManifests.DIR)) {
            HasMetadata model = KubernetesManifests.toModel(document, problems);
            if (model != null) {
                models.put(model.getKind() + "/" + model.getMetadata().getName(), model);
            }
        }
        assertThat(problems).isEmpty();
        return models;
    }

    /** The LGSP_* variables application-prod.yml reads. */
    private static Set<String> placeholdersOfProdProfile() throws Exception {
        Set<String> names = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(Path.of("src/main/resources/application-prod.yml")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The variables behind lgsp.required-settings of the prod profile. */
    @SuppressWarnings("unchecked")
    private static Set<String> requiredVariables() throws Exception {
        Map<String, Object> prod = new Yaml().load(Files.readString(Path.of("src/main/resources/application-prod.yml")));
        List<String> required = (List<String>) ((Map<String, Object>) prod.get("lgsp")).get("required-settings");
        Set<String> variables = new HashSet<>();
        for (String setting : required) {
            Object value = prod;
            for (String part : setting.replace("[0]", ".0").split("\\.")) {
                value = value instanceof List<?> list ? list.get(Integer.parseInt(part)) : ((Map<String, Object>) value).get(part);
            }
            Matcher m = PLACEHOLDER.matcher(String.valueOf(value));
            assertThat(m.find()).as(setting + " is set from an LGSP_* variable").isTrue();
            variables.add(m.group(1));
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> spec) {
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        return ((List<Map<String, Object>>) ((Map<String, Object>) template.get("spec")).get("containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> problemsWith(KubernetesManifests.Document document,
                                             java.util.function.Consumer<Map<String, Object>> spoilSpec) {
        Map<String, Object> yaml = KubernetesManifests.copy(document.yaml());
        spoilSpec.accept((Map<String, Object>) yaml.get("spec"));
        List<String> problems = new ArrayList<>();
        KubernetesManifests.toModel(new KubernetesManifests.Document(document.source(), yaml), problems);
        return problems;
    }
}
