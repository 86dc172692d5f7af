package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
    void oneBrowserLoginOpensHawtio() {
        HttpResponse<String> loginPage = TestHttp.get(baseUrl() + "/login", null);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        String cookie = sessionCookie(loginPage);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        String form = "username=" + enc(operator[0]) + "&password=" + enc(operator[1]) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> login = TestHttp.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String session = login.headers().firstValue("Set-Cookie").map(c -> c.split(";")[0]).orElse(cookie);
        HttpResponse<String> console = TestHttp.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/hawtio/"))
                .header("Cookie", session).GET().build());
        assertThat(console.statusCode()).isEqualTo(200);
        // Hawtio's own calls to Jolokia ride on the same session.
        HttpResponse<String> jolokia = TestHttp.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/jolokia"))
                .header("Cookie", session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")).build());
        assertThat(jolokia.statusCode()).isEqualTo(200);
        assertThat(jolokia.body()).contains("\"agent\"");
    }

    private JsonNode jolokia(String[] credentials, String request) throws Exception {
        HttpResponse<String> response = TestHttp.send("POST", baseUrl() + "/actuator/jolokia", credentials,
                "application/json", request.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").map(c -> c.split(";")[0]).orElse("");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
