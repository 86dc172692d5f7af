package vn.gov.haiphong.lgsp.security.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * The embedded OIDC provider end to end over real HTTP: a browser-style login through the
 * authorization code flow with PKCE, one session for every console page, logout; client
 * credentials tokens on the data API; refusals of expired, foreign and tampered tokens.
 */
class SsoFlowTest extends PlatformTestSupport {

    static final String[] SONV = {"hp.sonv.qlvb", "hp-sonv-dev-secret-2025"};
    static final String[] CONSOLE = {"lgsp-console", "console-dev-secret-2025"};
    static final String REDIRECT = "http://127.0.0.1:8080/sso/callback";
    static final String UNITS = "/api/data/administrative-units?size=1";

    @Autowired
    SigningKeys signingKeys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void discoveryAndJwksArePublished() {
        JsonNode discovery = read(TestHttp.get(baseUrl() + "/.well-known/openid-configuration", null).body());
        assertThat(discovery.path("issuer").asText()).isEqualTo(baseUrl());
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo(baseUrl() + "/oauth2/jwks");
        assertThat(discovery.path("end_session_endpoint").asText()).isEqualTo(baseUrl() + "/connect/logout");
        assertThat(discovery.path("grant_types_supported").toString()).contains("client_credentials", "authorization_code",
                "refresh_token");
        JsonNode jwks = read(TestHttp.get(baseUrl() + "/oauth2/jwks", null).body());
        assertThat(jwks.path("keys").size()).isGreaterThanOrEqualTo(1);
        assertThat(jwks.toString()).contains(signingKeys.activeKid()).doesNotContain("\"d\"");
    }

    @Test
    void oneBrowserLoginThroughTheAuthorizationCodeFlowOpensEveryConsolePageAndLogoutEndsIt() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // A console page, not logged in: the login page.
        HttpResponse<String> hawtio = get(browser, "/actuator/hawtio/");
        assertThat(hawtio.statusCode()).isEqualTo(302);
        assertThat(hawtio.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        // The console client starts the authorization code flow with PKCE.
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = "/oauth2/authorize?response_type=code&client_id=lgsp-console&scope=openid%20profile"
                + "&state=s1&redirect_uri=" + enc(REDIRECT) + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        HttpResponse<String> toLogin = get(browser, authorize);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        // The login page, with its CSRF token; the operator logs in once.
        HttpResponse<String> loginPage = get(browser, "/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(operator[0]) + "&password=" + enc(operator[1])
                        + "&_csrf=" + enc(csrf.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String back = login.headers().firstValue("Location").orElseThrow();
        assertThat(back).contains("/oauth2/authorize");

        // Back at the authorization endpoint: the code goes to the console's redirect URI.
        HttpResponse<String> code = get(browser, URI.create(back).getRawPath() + "?" + URI.create(back).getRawQuery());
        assertThat(code.statusCode()).isEqualTo(302);
        String redirect = code.headers().firstValue("Location").orElseThrow();
        assertThat(redirect).startsWith(REDIRECT + "?code=").contains("state=s1");
        String authorizationCode = query(redirect, "code");

        // The console redeems the code (PKCE verifier, its secret): access, refresh and ID tokens.
        JsonNode tokens = token(CONSOLE, "grant_type=authorization_code&code=" + enc(authorizationCode)
                + "&redirect_uri=" + enc(REDIRECT) + "&code_verifier=" + enc(verifier));
        assertThat(tokens.path("refresh_token").asText()).isNotBlank();
        assertThat(tokens.path("id_token").asText()).isNotBlank();
        String access = tokens.path("access_token").asText();
        JsonNode claims = claims(access);
        assertThat(claims.path("sub").asText()).isEqualTo(operator[0]);
        assertThat(claims.path("roles").toString()).contains(Roles.OPERATOR);

        // The same session opens Hawtio and the admin API docs without another login.
        assertThat(get(browser, "/actuator/hawtio/").statusCode()).isEqualTo(200);
        assertThat(getJson(browser, "/api/admin/agencies").statusCode()).isEqualTo(200);
        HttpResponse<String> docs = get(browser, "/api/admin/docs");
        assertThat(docs.statusCode()).as(docs.body()).isIn(200, 302);
        if (docs.statusCode() == 302) {
            assertThat(docs.headers().firstValue("Location").orElseThrow()).doesNotEndWith("/login");
        }
        // The access token works on the admin API on its own (no cookie), with the operator's roles.
        assertThat(bearer("/api/admin/agencies", access).statusCode()).isEqualTo(200);
        assertProblem(bearer("/api/admin/users", access), 403, "LGSP-403");

        // The refresh token gives a new access token.
        JsonNode refreshed = token(CONSOLE, "grant_type=refresh_token&refresh_token="
                + enc(tokens.path("refresh_token").asText()));
        assertThat(bearer("/api/admin/agencies", refreshed.path("access_token").asText()).statusCode()).isEqualTo(200);

        // RP-initiated logout ends the session: every console page asks for a login again.
        // (The refresh replaced the ID token; the newest one is the hint.)
        String idToken = refreshed.path("id_token").asText(tokens.path("id_token").asText());
        HttpResponse<String> logout = get(browser, "/connect/logout?id_token_hint=" + enc(idToken));
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        HttpResponse<String> after = get(browser, "/actuator/hawtio/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(getJson(browser, "/api/admin/agencies").statusCode()).isEqualTo(401);
    }

    @Test
    void logoutPageEndsTheSessionForEveryConsolePage() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        formLogin(browser, credentialsWithRole(Roles.OPERATOR));
        assertThat(get(browser, "/actuator/hawtio/").statusCode()).isEqualTo(200);
        HttpResponse<String> logoutPage = get(browser, "/logout");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(logoutPage.body());
        assertThat(csrf.find()).as(logoutPage.body()).isTrue();
        HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf.group(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isIn(204, 302);
        assertThat(get(browser, "/actuator/hawtio/").statusCode()).isEqualTo(302);
        assertThat(get(browser, "/actuator/jolokia/version").statusCode()).isEqualTo(401);
    }

    @Test
    void clientCredentialsTokenIsAcceptedOnTheDataApiAsThatSystem() {
        JsonNode tokens = token(SONV, "grant_type=client_credentials");
        String access = tokens.path("access_token").asText();
        JsonNode claims = claims(access);
        assertThat(claims.path("client_id").asText()).isEqualTo(SONV[0]);
        assertThat(claims.path("iss").asText()).isEqualTo(baseUrl());
        HttpResponse<String> data = bearer(UNITS, access);
        assertThat(data.statusCode()).as(data.body()).isEqualTo(200);
        assertThat(read(data.body()).path("items").size()).isEqualTo(1);
        // A system is no person: no admin API with its token.
        assertProblem(bearer("/api/admin/agencies", access), 403, "LGSP-403");
        // A wrong secret gets no token.
        HttpResponse<String> wrong = TestHttp.send("POST", baseUrl() + "/oauth2/token", new String[] {SONV[0], "wrong"},
                "application/x-www-form-urlencoded", "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(SONV[1]);
    }

    @Test
    void expiredForeignTamperedAndPeoplesTokensAreRefusedOnTheDataApi() throws Exception {
        String good = token(SONV, "grant_type=client_credentials").path("access_token").asText();

        // Tampered: the payload names another system, the signature is the original one.
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(SONV[0], "hd.phuonghaiduong.qlvb");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertProblem(bearer(UNITS, tampered), 401, "SSO-103");

        // Signed with a key the platform never published, same issuer.
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(signingKeys.activeKid()).generate();
        assertProblem(bearer(UNITS, TestTokens.systemToken(stranger, baseUrl(), SONV[0], Instant.now().plusSeconds(300))),
                401, "SSO-103");

        // Another issuer.
        assertProblem(bearer(UNITS, TestTokens.systemToken(stranger, "https://sso.evil.example", SONV[0],
                Instant.now().plusSeconds(300))),
                401, "SSO-102");

        // Expired: signed with the platform's own active key, expired ten minutes ago.
        RSAKey platformKey = TestTokens.platformKey(signingKeys);
        String fresh = TestTokens.systemToken(platformKey, baseUrl(), SONV[0], Instant.now().plusSeconds(300));
        assertThat(bearer(UNITS, fresh).statusCode()).as("the same key signs an accepted token").isEqualTo(200);
        assertProblem(bearer(UNITS, TestTokens.systemToken(platformKey, baseUrl(), SONV[0],
                Instant.now().minusSeconds(600))), 401, "SSO-101");

        // Not a JWT at all, and a person's token (no client_id).
        assertProblem(bearer(UNITS, "not-a-jwt"), 401, "SSO-104");
        String person = TestTokens.sign(platformKey, new JWTClaimsSet.Builder().issuer(baseUrl()).subject("operator")
                .claim("roles", List.of("OPERATOR")).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        assertProblem(bearer(UNITS, person), 401, "SSO-105");
        // A disabled or unknown system's token.
        String ghost = TestTokens.sign(platformKey, new JWTClaimsSet.Builder().issuer(baseUrl()).subject("ghost")
                .claim("client_id", "no.such.system").expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        assertProblem(bearer(UNITS, ghost), 401, "SSO-105");
    }

    @Test
    void tokensSignedBeforeARotationStillValidateAfterIt() {
        String before = token(SONV, "grant_type=client_credentials").path("access_token").asText();
        String oldKid = header(before).path("kid").asText();

        String[] admin = credentialsWithRole(Roles.ADMIN);
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        assertProblem(TestHttp.send("POST", baseUrl() + "/api/admin/sso/keys/rotate", operator, null, null), 403, "LGSP-403");
        HttpResponse<String> rotated = TestHttp.send("POST", baseUrl() + "/api/admin/sso/keys/rotate", admin, null, null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newKid = read(rotated.body()).path("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);

        // The old key is still published, the new one signs, and both tokens are accepted.
        String jwks = TestHttp.get(baseUrl() + "/oauth2/jwks", null).body();
        assertThat(jwks).contains(oldKid, newKid);
        assertThat(bearer(UNITS, before).statusCode()).isEqualTo(200);
        String after = token(SONV, "grant_type=client_credentials").path("access_token").asText();
        assertThat(header(after).path("kid").asText()).isEqualTo(newKid);
        assertThat(bearer(UNITS, after).statusCode()).isEqualTo(200);

        // The keys live in the database: a fresh instance (a restart, another node) reads the same ones.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sso_signing_key WHERE kid IN (?, ?)").params(oldKid, newKid)
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT private_key FROM sso_signing_key WHERE kid = ?").param(newKid).query(String.class)
                .single()).startsWith("v1:");
        JsonNode listed = read(TestHttp.get(baseUrl() + "/api/admin/sso/keys", admin).body());
        assertThat(listed.get(0).path("kid").asText()).isEqualTo(newKid);
        assertThat(listed.get(0).path("signing").asBoolean()).isTrue();
        assertThat(listed.toString()).contains(oldKid);
    }

    @Test
    void reEncryptingTheStoredSecretsIsForAdministratorsAndFindsThemUnderTheCurrentKey() {
        String[] admin = credentialsWithRole(Roles.ADMIN);
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        String url = baseUrl() + "/api/admin/security/master-key/re-encrypt";
        assertProblem(TestHttp.send("POST", url, operator, null, null), 403, "LGSP-403");
        HttpResponse<String> done = TestHttp.send("POST", url, admin, null, null);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode result = read(done.body());
        // One master key configured here, no previous one: every stored secret is already under it.
        assertThat(result.path("systemSecrets").asInt()).isZero();
        assertThat(result.path("signingKeys").asInt()).isZero();
        assertThat(result.path("alreadyCurrent").asInt()).isPositive();
        assertThat(result.path("undecryptable")).isEmpty();
    }

    // ---- helpers

    private JsonNode token(String[] client, String form) {
        HttpResponse<String> response = TestHttp.send("POST", baseUrl() + "/oauth2/token", client,
                "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body());
    }

    private HttpResponse<String> bearer(String path, String token) {
        return TestHttp.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
                .GET().build());
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getJson(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void formLogin(HttpClient browser, String[] credentials) throws Exception {
        HttpResponse<String> page = get(browser, "/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(credentials[0]) + "&password="
                        + enc(credentials[1]) + "&_csrf=" + enc(csrf.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    private JsonNode claims(String jwt) {
        return read(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private JsonNode header(String jwt) {
        return read(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
