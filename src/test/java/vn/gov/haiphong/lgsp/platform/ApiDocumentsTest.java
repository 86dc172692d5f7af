package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.PublishedSchemas;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.gateway.GatewayClient;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * The OpenAPI documents ({@link ApiDocuments}): who may read each, that each describes every
 * handler of its audience and nothing else, that refusals are documented as problem+json, and
 * that real answers satisfy the schemas the documents publish.
 */
class ApiDocumentsTest extends PlatformTestSupport {

    private static final Map<String, String> PREFIX = Map.of(ApiDocuments.ADMIN, "/api/admin",
            ApiDocuments.DATA, "/api/data", ApiDocuments.OPEN_DATA, "/opendata", ApiDocuments.GATEWAY, "/gw/meta");
    private static final String[] SONV = {"hp.sonv.qlvb", "hp-sonv-dev-secret-2025"};

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    private JsonNode document(String group) {
        HttpResponse<String> response = TestHttp.get(baseUrl() + "/openapi/" + group,
                group.equals(ApiDocuments.ADMIN) ? credentialsWithRole(Roles.OPERATOR) : null);
        assertThat(response.statusCode()).as(group + ": " + response.body()).isEqualTo(200);
        return read(response.body());
    }

    @Test
    void clientFacingDocumentsArePublicInJsonAndYaml() {
        for (String group : ApiDocuments.PUBLIC_GROUPS) {
            JsonNode document = document(group);
            assertThat(document.path("openapi").asText()).as(group).startsWith("3.1");
            assertThat(document.path("info").path("title").asText()).as(group).startsWith("LGSP Hải Phòng");
            HttpResponse<String> yaml = TestHttp.get(baseUrl() + "/openapi.yaml/" + group, null);
            assertThat(yaml.statusCode()).as(group).isEqualTo(200);
            assertThat(yaml.body()).as(group).startsWith("openapi: 3.1");
        }
    }

    @Test
    void theAdminDocumentAndTheUiConfigurationAreForOperatorsOnly() {
        for (String path : List.of("/openapi/admin", "/openapi.yaml/admin", "/openapi", "/openapi/swagger-config")) {
            assertProblem(TestHttp.get(baseUrl() + path, null), 401, "LGSP-401");
            assertProblem(TestHttp.get(baseUrl() + path, credentialsWithRole(Roles.AGENCY_OFFICER)), 403, "LGSP-403");
        }
        // Systems are not operators: their secret opens the data API, not the admin document.
        assertProblem(TestHttp.get(baseUrl() + "/openapi/admin", SONV), 401, "LGSP-401");
        assertThat(document(ApiDocuments.ADMIN).path("paths").has("/api/admin/message-log/verify")).isTrue();
    }

    /**
     * Every handler under a document's prefix is in that document with its method, and a document
     * holds no path outside its prefix: an admin operation must never show up in a public one.
     */
    @Test
    void eachDocumentDescribesEveryHandlerOfItsAudienceAndNothingElse() {
        for (Map.Entry<String, String> group : PREFIX.entrySet()) {
            JsonNode paths = document(group.getKey()).path("paths");
            Set<String> documented = new TreeSet<>();
            paths.fieldNames().forEachRemaining(path -> paths.path(path).fieldNames().forEachRemaining(method ->
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
            Set<String> served = new TreeSet<>();
            handlers.getHandlerMethods().forEach((info, handler) -> {
                if (handler.getBeanType().getPackageName().startsWith("org.springdoc")) {
                    return; // the Swagger UI page at /api/admin/docs, not an operation
                }
                info.getPatternValues().stream()
                        .filter(pattern -> pattern.equals(group.getValue()) || pattern.startsWith(group.getValue() + "/"))
                        // A documented path variable has no regular expression: {id:\d+} is {id}.
                        .map(pattern -> pattern.replaceAll("\\{(\\w+):[^}]*}", "{$1}"))
                        .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(method ->
                                served.add(method.name() + " " + pattern)));
            });
            assertThat(served).as(group.getKey()).isNotEmpty();
            assertThat(documented).as(group.getKey()).containsAll(served);
            assertThat(documented).as(group.getKey()).allSatisfy(operation ->
                    assertThat(operation.substring(operation.indexOf(' ') + 1)).satisfiesAnyOf(
                            path -> assertThat(path).isEqualTo(group.getValue()),
                            path -> assertThat(path).startsWith(group.getValue() + "/")));
        }
    }

    @Test
    void everyOperationDocumentsItsRefusalAsProblemJsonWithTheErrorCode() {
        for (String group : PREFIX.keySet()) {
            JsonNode document = document(group);
            JsonNode problem = document.path("components").path("schemas").path("Problem");
            assertThat(problem.path("properties").has("code")).as(group).isTrue();
            List<String> operations = new ArrayList<>();
            document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
                operations.add(operation.getKey() + " " + path.getKey());
                assertThat(operation.getValue().path("responses").path("default").path("content")
                        .path("application/problem+json").path("schema").path("$ref").asText())
                        .as(group + " " + operation.getKey() + " " + path.getKey())
                        .isEqualTo("#/components/schemas/Problem");
            }));
            assertThat(operations).as(group).isNotEmpty();
        }
    }

    @Test
    void queriesDocumentTheParametersTheParserReadsNotTheHandlersMap() {
        Set<String> common = Set.of("dataset", "sort", "page", "size", "fields", "filters", "If-None-Match");
        assertThat(parameterNames(document(ApiDocuments.DATA), "/api/data/{dataset}")).isEqualTo(common);
        Set<String> open = new HashSet<>(common);
        open.addAll(Set.of("format", "bom"));
        assertThat(parameterNames(document(ApiDocuments.OPEN_DATA), "/opendata/{dataset}")).isEqualTo(open);
    }

    private static Set<String> parameterNames(JsonNode document, String path) {
        Set<String> names = new TreeSet<>();
        document.path("paths").path(path).path("get").path("parameters")
                .forEach(parameter -> names.add(parameter.path("name").asText()));
        return names;
    }

    @Test
    void securitySchemesSayHowEachAudienceAuthenticates() {
        assertThat(schemes(document(ApiDocuments.DATA))).containsExactlyInAnyOrder("hmacSignature",
                "clientCredentials", "systemBasic");
        assertThat(schemes(document(ApiDocuments.GATEWAY))).containsExactlyInAnyOrder("hmacSignature",
                "clientCredentials");
        assertThat(schemes(document(ApiDocuments.ADMIN))).containsExactlyInAnyOrder("operatorLogin", "bearerToken");
        assertThat(document(ApiDocuments.OPEN_DATA).path("security").isMissingNode()
                || document(ApiDocuments.OPEN_DATA).path("security").isEmpty()).isTrue();
    }

    private static Set<String> schemes(JsonNode document) {
        Set<String> names = new TreeSet<>();
        document.path("components").path("securitySchemes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Real answers, held to the schemas their document publishes for them. */
    @Test
    void answersSatisfyTheSchemasTheirDocumentsPublish() {
        JsonNode openData = document(ApiDocuments.OPEN_DATA);
        assertSatisfies(openData, "/opendata", TestHttp.get(baseUrl() + "/opendata", null));
        assertSatisfies(openData, "/opendata/{dataset}",
                TestHttp.get(baseUrl() + "/opendata/administrative-units?size=5", null));
        JsonNode data = document(ApiDocuments.DATA);
        assertSatisfies(data, "/api/data/{dataset}",
                TestHttp.get(baseUrl() + "/api/data/administrative-units?size=5&sort=-population", SONV));
        JsonNode gateway = document(ApiDocuments.GATEWAY);
        GatewayClient sonv = new GatewayClient(baseUrl(), SONV[0], SONV[1]);
        for (String operation : List.of("listServices", "allowedServices")) {
            HttpResponse<byte[]> answer = sonv.get("/gw/meta/" + operation);
            assertSatisfies(gateway, "/gw/meta/" + operation, answer.statusCode(),
                    new String(answer.body(), StandardCharsets.UTF_8));
        }
    }

    private void assertSatisfies(JsonNode document, String path, HttpResponse<String> answer) {
        assertSatisfies(document, path, answer.statusCode(), answer.body());
    }

    private void assertSatisfies(JsonNode document, String path, int status, String body) {
        assertThat(status).as(path + ": " + body).isEqualTo(200);
        JsonNode described = document.path("paths").path(path).path("get").path("responses").path("200")
                .path("content").path("application/json").path("schema");
        assertThat(described.isMissingNode()).as(path).isFalse();
        // The operation's schema, with the document's components beside it so that its $refs resolve.
        ObjectNode schema = json.createObjectNode();
        schema.setAll((ObjectNode) described.deepCopy());
        schema.set("components", document.path("components"));
        JsonNode answer = read(body);
        assertThat(answer.isEmpty()).as(path + " answered nothing to check").isFalse();
        List<Error> errors = PublishedSchemas.of(schema).validate(answer);
        assertThat(errors).as(path + " answered " + body).isEmpty();
    }
}
