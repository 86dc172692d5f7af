package vn.gov.haiphong.lgsp.security.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.core.env.Environment;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * Jolokia, the road by which Hawtio reaches every MBean: operators read, administrators run the
 * few operations of jmx/admin-operations.xml, nobody evaluates, sends, calls beans, reads files or
 * reaches the network; every change is audited; only the platform's own pages may call it.
 */
class JolokiaAccessTest extends PlatformTestSupport {

    private static final String CAMEL_CONTEXT = "org.apache.camel:context=lgsp,type=context,name=\\\"lgsp\\\"";
    private static final String ROUTE = "org.apache.camel:context=lgsp,type=routes,name=\\\"registry-changes-log\\\"";

    @Autowired
    Environment environment;

    @Autowired
    KafkaProperties kafka;

    @Test
    void theReviewsExploitReadsNoSecretForOperatorOrAdmin() throws Exception {
        String exploit = "{\"type\":\"exec\",\"mbean\":\"" + CAMEL_CONTEXT + "\",\"operation\":"
                + "\"requestBody(java.lang.String,java.lang.Object)\",\"arguments\":"
                + "[\"language:simple:${properties:lgsp.security.master-key}\",\"\"]}";
        String masterKey = environment.getProperty("lgsp.security.master-key");
        assertThat(masterKey).isNotBlank();
        for (String role : List.of(Roles.OPERATOR, Roles.ADMIN)) {
            HttpResponse<String> answer = post(credentialsWithRole(role), exploit);
            assertThat(answer.body()).doesNotContain(masterKey);
            assertThat(read(answer.body()).path("status").asInt()).as(role + ": " + answer.body()).isEqualTo(403);
        }
    }

    @Test
    void nothingThatEvaluatesSendsCallsBeansReadsFilesOrDumpsIsCallableByAdmin() throws Exception {
        Path heapDump = Files.createTempDirectory("jmx").resolve("heap.hprof");
        String[] admin = credentialsWithRole(Roles.ADMIN);
        List<String> forbidden = List.of(
                exec(CAMEL_CONTEXT, "sendBody(java.lang.String,java.lang.Object)",
                        "\"bean:userAccounts?method=setEnabled('admin',false,'x')\",\"\""),
                exec(CAMEL_CONTEXT, "requestBody(java.lang.String,java.lang.Object)", "\"file:/etc?fileName=passwd\",\"\""),
                exec(CAMEL_CONTEXT, "requestStringBody(java.lang.String,java.lang.String)", "\"language:groovy:1\",\"\""),
                exec(CAMEL_CONTEXT, "createEndpoint(java.lang.String)", "\"http://127.0.0.1:1/\""),
                exec(CAMEL_CONTEXT, "canSendToEndpoint(java.lang.String)", "\"file:/tmp\""),
                exec(CAMEL_CONTEXT, "dumpRoutesAsXml(boolean)", "true"),
                exec(ROUTE, "updateRouteFromXml(java.lang.String)", "\"<route/>\""),
                exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)",
                        "\"" + heapDump + "\",true"),
                exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties()", ""),
                exec("jdk.management.jfr:type=FlightRecorder", "newRecording()", ""),
                exec("java.lang:type=Memory", "gc", ""),
                exec("hawtio:type=QuartzFacade", "updateSimpleTrigger(java.util.Map)", "{}"),
                "{\"type\":\"write\",\"mbean\":\"com.zaxxer.hikari:name=dataSource,type=HikariDataSource\","
                        + "\"attribute\":\"MaximumPoolSize\",\"value\":1}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"InputArguments\"}");
        for (String request : forbidden) {
            JsonNode answer = read(post(admin, request).body());
            assertThat(answer.path("status").asInt()).as(request + " → " + answer).isEqualTo(403);
        }
        assertThat(heapDump).doesNotExist();
    }

    @Test
    void jmxTargetsOfTheJsr160ProxyAreNeverContacted() throws Exception {
        try (ServerSocket jmxServer = new ServerSocket(0)) {
            jmxServer.setSoTimeout(5000);
            CompletableFuture<Boolean> contacted = CompletableFuture.supplyAsync(() -> {
                try (Socket connection = jmxServer.accept()) {
                    return true;
                } catch (IOException noConnection) {
                    return false;
                }
            });
            String request = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\","
                    + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxServer.getLocalPort() + "/jmxrmi\"}}";
            try {
                TestHttp.send(TestHttp.request(baseUrl() + "/actuator/jolokia", credentialsWithRole(Roles.ADMIN))
                        .timeout(Duration.ofSeconds(8)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request)).build());
            } catch (UncheckedIOException stuckOnTheTarget) {
                // what the proxy does with a server that never answers; the accept below tells
            }
            assertThat(contacted.get(10, TimeUnit.SECONDS)).as("a connection to the JSR-160 target").isFalse();
        }
    }

    @Test
    void jolokiasGetFormIsRefused() throws Exception {
        String[] admin = credentialsWithRole(Roles.ADMIN);
        for (String path : List.of("/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage",
                "/actuator/jolokia/exec/org.apache.camel:context=lgsp,type=routes,name=%22registry-changes-log%22/suspend()")) {
            JsonNode answer = read(TestHttp.get(baseUrl() + path, admin).body());
            assertThat(answer.path("status").asInt()).as(path + " → " + answer).isEqualTo(403);
        }
        assertThat(routeState()).isEqualTo("Started");
    }

    @Test
    void aForeignOriginGetsNoCorsGrantAndNoAnswer() {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        String version = "{\"type\":\"version\"}";
        HttpResponse<String> foreign = TestHttp.send(TestHttp.request(baseUrl() + "/actuator/jolokia", operator)
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(version)).build());
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(read(foreign.body()).path("status").asInt()).isEqualTo(403);
        assertThat(foreign.body()).doesNotContain("\"agent\"");
        HttpResponse<String> preflight = TestHttp.send(TestHttp.request(baseUrl() + "/actuator/jolokia", null)
                .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        // The platform's own pages send their own origin.
        HttpResponse<String> own = TestHttp.send(TestHttp.request(baseUrl() + "/actuator/jolokia", operator)
                .header("Origin", baseUrl()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(version)).build());
        assertThat(read(own.body()).path("status").asInt()).as(own.body()).isEqualTo(200);
    }

    @Test
    void operatorsReadAndAreToldThatChangesNeedAdmin() throws Exception {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        JsonNode routes = read(post(operator, "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}").body());
        assertThat(routes.path("value").toString()).contains("registry-changes-log");
        JsonNode diagram = read(post(operator, exec(CAMEL_CONTEXT, "dumpRoutesAsXml()", "")).body());
        assertThat(diagram.path("status").asInt()).as(diagram.toString()).isEqualTo(200);
        JsonNode suspend = read(post(operator, exec(ROUTE, "suspend()", "")).body());
        assertThat(suspend.path("status").asInt()).isEqualTo(403);
        assertThat(suspend.path("error").asText()).contains("needs the ADMIN role");
        assertThat(routeState()).isEqualTo("Started");
    }

    @Test
    void adminsSuspendAndResumeARouteAndEveryChangeIsAuditedWithSecretsRedacted() throws Exception {
        String[] admin = credentialsWithRole(Roles.ADMIN);
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        String secret = "not-to-be-seen-" + UUID.randomUUID();
        assertThat(read(post(admin, exec(ROUTE, "suspend()", "")).body()).path("status").asInt()).isEqualTo(200);
        assertThat(routeState()).isEqualTo("Suspended");
        assertThat(read(post(admin, exec(ROUTE, "resume()", "")).body()).path("status").asInt()).isEqualTo(200);
        assertThat(routeState()).isEqualTo("Started");
        post(operator, exec(ROUTE, "suspend()", ""));
        post(admin, "{\"type\":\"write\",\"mbean\":\"com.zaxxer.hikari:name=dataSource,type=HikariDataSource\","
                + "\"attribute\":\"Password\",\"value\":\"" + secret + "\"}");
        // Read-only queries are not audited.
        post(operator, exec(CAMEL_CONTEXT, "dumpRoutesAsXml()", ""));

        List<JsonNode> rows = new ArrayList<>();
        for (String kind : List.of(JmxAuditFilter.EXEC, JmxAuditFilter.WRITE)) {
            HttpResponse<String> page = TestHttp.get(baseUrl() + "/api/admin/message-log?size=50&kind=" + kind, operator);
            assertThat(page.body()).doesNotContain(secret);
            read(page.body()).path("items").forEach(rows::add);
        }
        assertThat(rows).noneSatisfy(row -> assertThat(row.path("route").asText()).isEqualTo("dumpRoutesAsXml()"));
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.path("kind").asText()).isEqualTo(JmxAuditFilter.EXEC);
            assertThat(row.path("actor").asText()).isEqualTo(admin[0]);
            assertThat(row.path("route").asText()).isEqualTo("suspend()");
            assertThat(row.path("outcome").asText()).isEqualTo("OK");
        });
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.path("actor").asText()).isEqualTo(operator[0]);
            assertThat(row.path("route").asText()).isEqualTo("suspend()");
            assertThat(row.path("outcome").asText()).isEqualTo("REFUSED");
            assertThat(row.path("detail").path("error").asText()).contains("needs the ADMIN role");
        });
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.path("kind").asText()).isEqualTo(JmxAuditFilter.WRITE);
            assertThat(row.path("route").asText()).isEqualTo("Password");
            assertThat(row.path("detail").path("value").asText()).isEqualTo("[redacted]");
            assertThat(row.path("outcome").asText()).isEqualTo("REFUSED");
        });
        // Relayed, as the gateway's audit is, on lgsp.audit.
        try (EventTopicReader audit = new EventTopicReader(kafka, json, "lgsp.audit")) {
            audit.await("the refused write of a password", event -> JmxAuditFilter.WRITE.equals(event.path("type").asText())
                    && "Password".equals(event.path("data").path("attribute").asText()));
        }
    }

    private String routeState() {
        JsonNode state = read(post(credentialsWithRole(Roles.OPERATOR), "{\"type\":\"read\",\"mbean\":\"" + ROUTE
                + "\",\"attribute\":\"State\"}").body());
        return state.path("value").asText();
    }

    private static String exec(String mbean, String operation, String arguments) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":["
                + arguments + "]}";
    }

    private HttpResponse<String> post(String[] credentials, String request) {
        return TestHttp.send("POST", baseUrl() + "/actuator/jolokia", credentials, "application/json",
                request.getBytes(StandardCharsets.UTF_8));
    }
}
