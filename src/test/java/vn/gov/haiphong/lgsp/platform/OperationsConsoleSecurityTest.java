package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.CookieSession;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.security.Roles;

/** Hawtio and Jolokia: operators only, reached through a browser login or Basic auth. */
class OperationsConsoleSecurityTest extends PlatformTestSupport {

    @Test
    void anonymousBrowserIsSentToTheLoginPage() {
        HttpResponse<String> response = TestHttp.get(baseUrl() + "/actuator/hawtio/", null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void anonymousJolokiaIsRefusedWithProblemJson() throws Exception {
        HttpResponse<String> response = TestHttp.get(baseUrl() + "/actuator/jolokia/version", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("LGSP-401");
        HttpResponse<String> post = TestHttp.send("POST", baseUrl() + "/actuator/jolokia", null, "application/json",
                "{\"type\":\"version\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(post.statusCode()).isEqualTo(401);
    }

    @Test
    void agencyOfficerIsRefusedByHawtioAndJolokia() throws Exception {
        String[] officer = credentialsWithRole(Roles.AGENCY_OFFICER);
        assertThat(TestHttp.get(baseUrl() + "/actuator/hawtio/", officer).statusCode()).isEqualTo(403);
        HttpResponse<String> jolokia = TestHttp.get(baseUrl() + "/actuator/jolokia/version", officer);
        assertThat(jolokia.statusCode()).isEqualTo(403);
        assertThat(json.readTree(jolokia.body()).path("code").asText()).isEqualTo("LGSP-403");
        assertThat(TestHttp.get(baseUrl() + "/actuator/prometheus", officer).statusCode()).isEqualTo(403);
    }

    @Test
    void wrongPasswordIsRefused() {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        assertThat(TestHttp.get(baseUrl() + "/actuator/jolokia/version", new String[] {operator[0], "wrong"})
                .statusCode()).isEqualTo(401);
    }

    @Test
    void operatorSeesCamelRoutesAndArtemisQueuesThroughJolokia() throws Exception {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        HttpResponse<String> hawtio = TestHttp.get(baseUrl() + "/actuator/hawtio/", operator);
        assertThat(hawtio.statusCode()).isEqualTo(200);
        assertThat(hawtio.body()).containsIgnoringCase("hawtio");

        JsonNode routes = jolokia(operator, "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}");
        assertThat(routes.path("value").toString()).contains("registry-changes-log").contains("registry-events-refresh");
        JsonNode exchanges = jolokia(operator, "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=lgsp,type=routes,"
                + "name=\\\"registry-events-refresh\\\"\",\"attribute\":\"ExchangesTotal\"}");
        assertThat(exchanges.path("status").asInt()).isEqualTo(200);
        assertThat(exchanges.path("value").isNumber()).isTrue();

        JsonNode queue = jolokia(operator, "{\"type\":\"read\",\"mbean\":\"org.apache.activemq.artemis:broker=\\\"lgsp-broker\\\","
                + "component=addresses,address=\\\"DLA\\\",subcomponent=queues,routing-type=\\\"anycast\\\",queue=\\\"DLA\\\"\","
                + "\"attribute\":\"MessageCount\"}");
        assertThat(queue.path("status").asInt()).as(queue.toString()).isEqualTo(200);
        assertThat(queue.path("value").isNumber()).isTrue();
    }

    @Test
    void oneBrowserLoginOpensHawtioWhoseJolokiaCallsCarryTheCsrfToken() throws Exception {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        CookieSession browser = CookieSession.login(baseUrl(), operator[0], operator[1]);
        HttpResponse<String> console = browser.get("/actuator/hawtio/");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(browser.cookie("XSRF-TOKEN")).as("the token Hawtio sends back").isNotBlank();
        // Hawtio's own calls to Jolokia ride on the same session, with the token in X-XSRF-TOKEN.
        HttpResponse<String> jolokia = browser.send("POST", "/actuator/hawtio/jolokia", "application/json",
                "{\"type\":\"version\"}", true);
        assertThat(jolokia.statusCode()).isEqualTo(200);
        assertThat(jolokia.body()).contains("\"agent\"");
        // The same call without the token, as a foreign page would send it with the cookie alone.
        HttpResponse<String> forged = browser.send("POST", "/actuator/hawtio/jolokia", "application/json",
                "{\"type\":\"version\"}", false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json.readTree(forged.body()).path("code").asText()).isEqualTo("LGSP-419");
    }

    private JsonNode jolokia(String[] credentials, String request) throws Exception {
        HttpResponse<String> response = TestHttp.send("POST", baseUrl() + "/actuator/jolokia", credentials,
                "application/json", request.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
