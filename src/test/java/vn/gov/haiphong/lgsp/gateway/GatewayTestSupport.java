package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.gateway.mediation.ClientRateLimiter;

/**
 * Gateway tests over real HTTP: the demo connected systems of {@code etc/dev/dev-secrets.yml}
 * sign their calls with {@link GatewayClient}; real providers run beside the platform (a JDK
 * HttpServer, a CXF endpoint in an embedded Tomcat), started once per test JVM. Each test class
 * registers services whose codes start with its own prefix. Adds no Spring configuration.
 */
public abstract class GatewayTestSupport extends PlatformTestSupport {

    public static final String[] SONV = {"hp.sonv.qlvb", "hp-sonv-dev-secret-2025"};
    public static final String[] PHUONG_HD = {"hd.phuonghaiduong.qlvb", "hd-phuonghd-dev-secret-2025"};
    public static final String[] LGSP_CU = {"hd.lgsp-cu", "hd-lgsp-cu-dev-secret-2025"};
    public static final String[] HONGBANG = {"hp.hongbang.vpub", "hp-hongbang-dev-secret-2025"};
    public static final String[][] SYSTEMS = {SONV, PHUONG_HD, LGSP_CU, HONGBANG};

    protected static final StubProvider STUB;
    protected static final StubProvider STUB_HD;
    /** Must never be reached: what an SSRF attempt would aim at. */
    protected static final StubProvider FORBIDDEN;
    protected static final SoapStubProvider SOAP_STUB;

    static {
        try {
            STUB = new StubProvider("hp");
            STUB_HD = new StubProvider("hd");
            FORBIDDEN = new StubProvider("forbidden");
            SOAP_STUB = new SoapStubProvider();
        } catch (Exception e) {
            throw new IllegalStateException("Stub providers could not start", e);
        }
    }

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected KafkaProperties kafka;
    @Autowired
    protected ClientRateLimiter rateLimiter;
    @Autowired
    protected GatewayCatalog catalog;

    protected String[] operator() {
        return credentialsWithRole("OPERATOR");
    }

    protected GatewayClient client(String[] system) {
        return new GatewayClient(baseUrl(), system[0], system[1]);
    }

    protected HttpResponse<String> admin(String method, String path, Object body) {
        try {
            byte[] bytes = body == null ? null : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : json.writeValueAsBytes(body);
            return TestHttp.send(method, baseUrl() + "/api/admin/gateway" + path, operator(),
                    body == null ? null : "application/json", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Set<String> ECHO_SERVICES = ConcurrentHashMap.newKeySet();

    /**
     * A REST service relaying to {@code STUB} under {@code stubPath}, granted wholly to {@link #SONV};
     * registered once per test JVM (the catalogue lives in the shared context). Call it from a
     * {@code @BeforeEach}, so that Camel's test listener has started the context.
     */
    protected void ensureEchoService(String code, String name, String stubPath) {
        if (ECHO_SERVICES.add(code)) {
            ensureService(Map.of("serviceCode", code, "name", name, "providerSystem", SONV[0],
                    "kind", "REST", "endpoints", Map.of("default", STUB.url(stubPath))));
            grant(code, "SYSTEM", SONV[0], null, null);
        }
    }

    /** Registers a service (201), or leaves an existing one of this code as it is. */
    protected void ensureService(Map<String, Object> service) {
        HttpResponse<String> created = admin("POST", "/services", service);
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
    }

    protected long grant(String service, String subjectType, String subject, String method, String pathPattern) {
        Map<String, Object> grant = new java.util.LinkedHashMap<>();
        grant.put("serviceCode", service);
        grant.put("subjectType", subjectType);
        grant.put("subject", subject);
        grant.put("method", method);
        grant.put("pathPattern", pathPattern);
        HttpResponse<String> created = admin("POST", "/grants", grant);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body()).path("id").asLong();
    }

    protected static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    protected JsonNode body(HttpResponse<byte[]> response) {
        return read(text(response));
    }

    /** Asserts a problem+json gateway refusal with this status and code. */
    protected JsonNode assertRefused(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("code").asText()).as(text(response)).isEqualTo(code);
        return problem;
    }
}
