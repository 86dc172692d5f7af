package vn.gov.haiphong.lgsp.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.CookieSession;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;

/**
 * People's browser sessions on the console chain: no session before a login; a session cookie
 * that scripts of other sites cannot use to change anything (CSRF token, SameSite); refusals that
 * say what is missing; one landing page per role; Hawtio's login, logout and proxy led away.
 */
class BrowserSessionsTest extends PlatformTestSupport {

    @Test
    void anonymousRequestsCreateNoSession() {
        List<HttpResponse<String>> answers = List.of(
                TestHttp.get(baseUrl() + "/actuator/hawtio/", null),
                TestHttp.get(baseUrl() + "/api/admin/agencies", null),
                TestHttp.send("POST", baseUrl() + "/api/admin/users/officer/disable", null, null, null),
                TestHttp.get(baseUrl() + "/actuator/jolokia/version", null),
                TestHttp.get(baseUrl() + "/login", null),
                TestHttp.send(TestHttp.request(baseUrl() + "/", null).header("Accept", "text/html").GET().build()),
                TestHttp.get(baseUrl() + "/oauth2/authorize?response_type=code&client_id=lgsp-console&scope=openid"
                        + "&redirect_uri=http://127.0.0.1:8080/sso/callback&code_challenge=x&code_challenge_method=S256", null),
                CookieSession.anonymous(baseUrl()).submitLogin("operator", "not-the-password"));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.headers().allValues("Set-Cookie")).as(answer.request().uri() + " " + answer.statusCode())
                    .noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
        }
        assertThat(answers.get(0).statusCode()).isEqualTo(302);
        assertThat(answers.get(1).statusCode()).isEqualTo(401);
        assertThat(answers.get(2).statusCode()).isEqualTo(401);
        assertThat(answers.get(7).headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        HttpResponse<String> errorPage = CookieSession.anonymous(baseUrl()).get("/login?error");
        assertThat(errorPage.statusCode()).isEqualTo(200);
        assertThat(errorPage.body()).contains("Sai tên đăng nhập hoặc mật khẩu").contains("name=\"_csrf\"");
        assertThat(errorPage.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndTheTokenCookieStrict() {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        CookieSession browser = CookieSession.anonymous(baseUrl());
        HttpResponse<String> login = browser.submitLogin(operator[0], operator[1]);
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").contains("SameSite=Lax");
        String token = browser.get("/").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertThat(token).contains("SameSite=Strict").doesNotContain("HttpOnly");
    }

    @Test
    void changesBySessionCookieNeedTheCsrfTokenAndScriptsDoNot() throws Exception {
        String[] admin = credentialsWithRole(Roles.ADMIN);
        CookieSession browser = CookieSession.login(baseUrl(), admin[0], admin[1]);
        String keysBefore = TestHttp.get(baseUrl() + "/api/admin/sso/keys", admin).body();
        for (String path : List.of("/api/admin/users/officer/disable", "/api/admin/sso/keys/rotate")) {
            HttpResponse<String> forged = browser.send("POST", path, null, null, false);
            assertProblem(forged, 403, "LGSP-419");
        }
        HttpResponse<String> jolokia = browser.send("POST", "/actuator/jolokia", "application/json",
                "{\"type\":\"version\"}", false);
        assertProblem(jolokia, 403, "LGSP-419");
        assertThat(user("officer", admin).path("enabled").asBoolean()).isTrue();
        assertThat(TestHttp.get(baseUrl() + "/api/admin/sso/keys", admin).body()).isEqualTo(keysBefore);

        // The page's own script sends the token: the change is made.
        assertThat(browser.send("POST", "/api/admin/users/officer/disable", null, null, true).statusCode()).isEqualTo(200);
        assertThat(user("officer", admin).path("enabled").asBoolean()).isFalse();
        // A script authenticating the call itself, without a session cookie, needs no token.
        assertThat(TestHttp.send("POST", baseUrl() + "/api/admin/users/officer/enable", admin, null, null).statusCode())
                .isEqualTo(200);
        assertThat(user("officer", admin).path("enabled").asBoolean()).isTrue();
    }

    @Test
    void theLogoutFormEndsTheSessionAndTheLoginPageSaysSo() {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        CookieSession browser = CookieSession.login(baseUrl(), operator[0], operator[1]);
        HttpResponse<String> logout = browser.logout();
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        HttpResponse<String> loginPage = browser.get("/login?logout");
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("Bạn đã đăng xuất").contains("You have been signed out");
        assertThat(browser.get("/actuator/hawtio/").statusCode()).isEqualTo(302);
    }

    @Test
    void refusalsNameTheRoleThatIsMissing() {
        JsonNode operator = assertProblem(TestHttp.get(baseUrl() + "/api/admin/users", credentialsWithRole(Roles.OPERATOR)),
                403, "LGSP-403");
        assertThat(operator.path("detail").asText()).isEqualTo("This needs the ADMIN role");
        JsonNode officer = assertProblem(TestHttp.get(baseUrl() + "/api/admin/agencies",
                credentialsWithRole(Roles.AGENCY_OFFICER)), 403, "LGSP-403");
        assertThat(officer.path("detail").asText()).isEqualTo("This needs the OPERATOR or ADMIN role");
    }

    @Test
    void theLandingPageSaysWhatTheRoleAllows() {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        HttpResponse<String> operatorPage = CookieSession.login(baseUrl(), operator[0], operator[1]).get("/");
        assertThat(operatorPage.statusCode()).isEqualTo(200);
        assertThat(operatorPage.body()).contains("id=\"hawtio\"").contains("id=\"swagger\"").doesNotContain("id=\"no-role\"");
        String[] officer = credentialsWithRole(Roles.AGENCY_OFFICER);
        HttpResponse<String> officerPage = CookieSession.login(baseUrl(), officer[0], officer[1]).get("/");
        assertThat(officerPage.statusCode()).isEqualTo(200);
        assertThat(officerPage.body()).contains("id=\"no-role\"").doesNotContain("id=\"hawtio\"");
    }

    @Test
    void hawtiosLoginAndLogoutLeadToThePlatformsAndItsProxyIsClosed() {
        String[] admin = credentialsWithRole(Roles.ADMIN);
        CookieSession browser = CookieSession.login(baseUrl(), admin[0], admin[1]);
        HttpResponse<String> logout = browser.get("/actuator/hawtio/auth/logout");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/logout");
        assertThat(browser.get("/actuator/hawtio/").statusCode()).as("a GET alone does not log out").isEqualTo(200);
        HttpResponse<String> login = TestHttp.get(baseUrl() + "/actuator/hawtio/auth/login", null);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(browser.get("/actuator/hawtio/user").body()).as("Hawtio's user, who may log out")
                .isEqualTo("\"" + admin[0] + "\"");
        HttpResponse<String> proxy = TestHttp.get(baseUrl() + "/actuator/hawtio/proxy/enabled", admin);
        assertThat(proxy.body().trim()).isEqualTo("false");
        for (String path : List.of("/actuator/hawtio/proxy/127.0.0.1/" + port + "/actuator/health",
                "/actuator/hawtio/proxy/localhost:" + port + "/actuator/jolokia/version")) {
            JsonNode refused = assertProblem(TestHttp.get(baseUrl() + path, admin), 403, "LGSP-403");
            assertThat(refused.path("detail").asText()).isEqualTo("No role may use this path");
        }
    }

    private JsonNode user(String username, String[] admin) {
        return read(TestHttp.get(baseUrl() + "/api/admin/users/" + username, admin).body());
    }
}
