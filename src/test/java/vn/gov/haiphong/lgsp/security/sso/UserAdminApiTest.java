package vn.gov.haiphong.lgsp.security.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.security.Roles;

/** /api/admin/users: administrators only; accounts live in the database, hashed, audited. */
class UserAdminApiTest extends PlatformTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void devAccountsAreSeededIntoTheDatabaseWithHashedPasswords() {
        JsonNode users = read(TestHttp.get(baseUrl() + "/api/admin/users", credentialsWithRole(Roles.ADMIN)).body());
        assertThat(users.toString()).contains("\"operator\"", "\"admin\"", "\"officer\"")
                .doesNotContain("password").doesNotContain("dev-2025");
        String hash = jdbc.sql("SELECT password_hash FROM sso_user WHERE username = 'operator'").query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("operator-dev-2025");
    }

    @Test
    void onlyAdministratorsManageUsers() {
        for (String role : List.of(Roles.OPERATOR, Roles.AGENCY_OFFICER)) {
            assertProblem(TestHttp.get(baseUrl() + "/api/admin/users", credentialsWithRole(role)), 403, "LGSP-403");
            assertProblem(post("/api/admin/users", credentialsWithRole(role),
                    Map.of("username", "x-" + role.toLowerCase(), "password", "long-enough-password", "roles", List.of("ADMIN"))),
                    403, "LGSP-403");
        }
        assertProblem(TestHttp.get(baseUrl() + "/api/admin/users", null), 401, "LGSP-401");
    }

    @Test
    void adminCreatesSetsRolesAndDisablesAUserWhoseBasicLoginFollows() {
        String[] admin = credentialsWithRole(Roles.ADMIN);
        String[] newcomer = {"nguyen.van.a", "a-long-password-2025"};
        HttpResponse<String> created = post("/api/admin/users", admin,
                Map.of("username", newcomer[0], "password", newcomer[1], "roles", List.of(Roles.AGENCY_OFFICER)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(newcomer[1]);
        assertProblem(TestHttp.get(baseUrl() + "/api/admin/agencies", newcomer), 403, "LGSP-403");

        HttpResponse<String> roles = TestHttp.send("PUT", baseUrl() + "/api/admin/users/" + newcomer[0] + "/roles", admin,
                "application/json", body(Map.of("roles", List.of(Roles.OPERATOR))));
        assertThat(read(roles.body()).path("roles").toString()).isEqualTo("[\"OPERATOR\"]");
        assertThat(TestHttp.get(baseUrl() + "/api/admin/agencies", newcomer).statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = TestHttp.send("POST", baseUrl() + "/api/admin/users/" + newcomer[0] + "/disable",
                admin, null, null);
        assertThat(read(disabled.body()).path("enabled").asBoolean()).isFalse();
        assertThat(TestHttp.get(baseUrl() + "/api/admin/agencies", newcomer).statusCode()).isEqualTo(401);

        // Audited on lgsp.audit, by whom, never with the password.
        List<String> events = jdbc.sql("SELECT payload FROM event_outbox WHERE topic = 'lgsp.audit' AND event_key = ?")
                .param(newcomer[0]).query(String.class).list();
        assertThat(String.join("\n", events)).contains("\"type\":\"USER_CREATE\"", "\"type\":\"USER_SET_ROLES\"",
                "\"type\":\"USER_DISABLE\"", "\"actor\":\"" + admin[0] + "\"").doesNotContain(newcomer[1]);
    }

    @Test
    void invalidDuplicateAndUnknownUsersAreRefusedWithCodes() {
        String[] admin = credentialsWithRole(Roles.ADMIN);
        assertProblem(post("/api/admin/users", admin, Map.of("username", "short.pw", "password", "short", "roles",
                List.of(Roles.OPERATOR))), 422, "SSO-113");
        assertProblem(post("/api/admin/users", admin, Map.of("username", "bad.role", "password", "long-enough-password",
                "roles", List.of("ROOT"))), 422, "SSO-113");
        assertProblem(post("/api/admin/users", admin, Map.of("username", "operator", "password", "long-enough-password",
                "roles", Set.of(Roles.OPERATOR))), 409, "SSO-112");
        assertProblem(TestHttp.get(baseUrl() + "/api/admin/users/nobody", admin), 404, "SSO-111");
    }

    private HttpResponse<String> post(String path, String[] credentials, Object value) {
        return TestHttp.send("POST", baseUrl() + path, credentials, "application/json", body(value));
    }

    private byte[] body(Object value) {
        try {
            return json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
