package vn.gov.haiphong.lgsp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.RawHttp;
import vn.gov.haiphong.lgsp.TestHttp;

/**
 * Brute-force protection over real HTTP on every login mechanism. The rest of the suite connects
 * from 127.0.0.1 and sends wrong credentials on purpose, so each test here connects from its own
 * loopback addresses (127.0.0.2 and up) and its locks touch no other test.
 */
class LoginThrottlingTest extends PlatformTestSupport {

    static final String[] SONV = {"hp.sonv.qlvb", "hp-sonv-dev-secret-2025"};
    static final String UNITS = "/api/data/administrative-units?size=1";
    static final String AGENCIES = "/api/admin/agencies";
    static final int GUESSES = 50;

    @Test
    void operatorBasicIsLockedAfterWrongPasswordsForThatAddressOnlyAndTheLockLifts() {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        String attacker = "127.0.0.2";
        for (int i = 0; i < GUESSES; i++) {
            assertThat(get(attacker, AGENCIES, operator[0], "guess-" + i).status()).isIn(401, 429);
        }
        assertLocked(get(attacker, AGENCIES, operator[0], operator[1]));
        // Another address is not locked by the first one's failures.
        assertThat(get("127.0.0.3", AGENCIES, operator[0], operator[1]).status()).isEqualTo(200);
        // The lock lifts by itself, and then the right password works.
        awaitStatus(200, () -> get(attacker, AGENCIES, operator[0], operator[1]));
        // After that success the count starts afresh: four more mistakes lock nothing.
        for (int i = 0; i < 4; i++) {
            assertThat(get(attacker, AGENCIES, operator[0], "mistake-" + i).status()).isEqualTo(401);
        }
        assertThat(get(attacker, AGENCIES, operator[0], operator[1]).status()).isEqualTo(200);
    }

    @Test
    void formLoginIsLockedAndSaysSoAndTheLockLifts() {
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        String attacker = "127.0.0.4";
        LoginPage page = loginPage(attacker);
        RawHttp.Response first = submit(page, operator[0], "guess-0");
        assertThat(first.status()).isEqualTo(302);
        assertThat(first.header("Location")).contains("/login?error");
        for (int i = 1; i < GUESSES; i++) {
            assertThat(submit(page, operator[0], "guess-" + i).status()).isIn(302, 429);
        }
        RawHttp.Response locked = submit(page, operator[0], operator[1]);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 32L);
        assertThat(locked.header("Content-Type")).startsWith("text/html");
        assertThat(locked.text()).contains("Too many failed logins", "LGSP-429", "href=\"/login\"")
                .doesNotContain(operator[1]);
        assertThat(locked.header("Location")).isNull();
        // Not logged in: the console still sends this browser to the login page.
        assertThat(get(attacker, "/actuator/hawtio/", Map.of("Cookie", page.cookie())).status()).isEqualTo(302);
        // The login page itself still works while the lock lasts.
        assertThat(get(attacker, "/login", Map.of()).status()).isEqualTo(200);

        RawHttp.Response loggedIn = awaitStatus(302, () -> submit(page, operator[0], operator[1]));
        assertThat(loggedIn.header("Location")).doesNotContain("error").endsWith("/");
        // The success was counted: a mistake after it does not lock again at once.
        LoginPage again = loginPage(attacker);
        assertThat(submit(again, operator[0], "typo").header("Location")).contains("/login?error");
        assertThat(submit(again, operator[0], operator[1]).header("Location")).doesNotContain("error");
    }

    @Test
    void systemSecretOnTheDataApiIsLockedAndTheLockLifts() {
        String attacker = "127.0.0.5";
        for (int i = 0; i < GUESSES; i++) {
            assertThat(get(attacker, UNITS, SONV[0], "guess-" + i).status()).isIn(401, 429);
        }
        assertLocked(get(attacker, UNITS, SONV[0], SONV[1]));
        awaitStatus(200, () -> get(attacker, UNITS, SONV[0], SONV[1]));
    }

    @Test
    void clientSecretBasicAtTheTokenEndpointIsLockedAndTheLockLifts() {
        String attacker = "127.0.0.6";
        for (int i = 0; i < GUESSES; i++) {
            assertThat(token(attacker, basic(SONV[0], "guess-" + i), "grant_type=client_credentials").status())
                    .isIn(401, 429);
        }
        assertLocked(token(attacker, basic(SONV[0], SONV[1]), "grant_type=client_credentials"));
        RawHttp.Response issued = awaitStatus(200,
                () -> token(attacker, basic(SONV[0], SONV[1]), "grant_type=client_credentials"));
        assertThat(read(issued.text()).path("access_token").asText()).isNotBlank();
        // The success was counted: a mistake after it does not lock again at once.
        assertThat(token(attacker, basic(SONV[0], "typo"), "grant_type=client_credentials").status()).isEqualTo(401);
        assertThat(token(attacker, basic(SONV[0], SONV[1]), "grant_type=client_credentials").status()).isEqualTo(200);
    }

    @Test
    void clientSecretPostAtTheTokenEndpointIsLockedAndTheLockLifts() {
        String attacker = "127.0.0.7";
        String form = "grant_type=client_credentials&client_id=" + enc(SONV[0]) + "&client_secret=";
        for (int i = 0; i < GUESSES; i++) {
            assertThat(token(attacker, Map.of(), form + "guess-" + i).status()).isIn(401, 429);
        }
        assertLocked(token(attacker, Map.of(), form + enc(SONV[1])));
        awaitStatus(200, () -> token(attacker, Map.of(), form + enc(SONV[1])));
    }

    @Test
    void anAddressFailingForManyAccountsIsLockedForAllOfThem() {
        String sprayer = "127.0.0.8";
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        for (int i = 0; i < 20; i++) {
            assertThat(get(sprayer, AGENCIES, "nobody-" + i, "guess").status()).isEqualTo(401);
        }
        assertLocked(get(sprayer, AGENCIES, operator[0], operator[1]));
        assertLocked(get(sprayer, UNITS, SONV[0], SONV[1]));
        awaitStatus(200, () -> get(sprayer, AGENCIES, operator[0], operator[1]));
    }

    /**
     * Many addresses guess one account's password, each too few times for the pair rule: once the
     * account has 50 such failures it is under attack, and every address that fails for it from
     * then on is locked at once, while its own address, which succeeds, is never locked.
     */
    @Test
    void underAttackEveryFailingAddressIsLockedAtOnceButNotTheAccountsOwn() {
        String username = "throttle-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "throttle-pass-2025-" + UUID.randomUUID();
        HttpResponse<String> created = TestHttp.send("POST", baseUrl() + "/api/admin/users", credentialsWithRole(Roles.ADMIN),
                "application/json", ("{\"username\":\"" + username + "\",\"password\":\"" + password
                        + "\",\"roles\":[\"OPERATOR\"]}").getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String own = "127.0.1.100";
        assertThat(get(own, AGENCIES, username, password).status()).isEqualTo(200);

        // 49 failures from 13 addresses, at most 4 each: no pair or address rule applies.
        for (int i = 0; i < 49; i++) {
            assertThat(get("127.0.1." + (1 + i / 4), AGENCIES, username, "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(get("127.0.1.1", AGENCIES, username, password).status()).isEqualTo(200);
        // The 50th failure: the account is under attack, and that address is locked at once.
        assertThat(get("127.0.1.20", AGENCIES, username, "guess-49").status()).isEqualTo(401);
        assertLocked(get("127.0.1.20", AGENCIES, username, password));
        assertThat(get("127.0.1.21", AGENCIES, username, "guess-50").status()).isEqualTo(401);
        assertLocked(get("127.0.1.21", AGENCIES, username, password));
        // An address that has not failed is not locked.
        assertThat(get("127.0.1.22", AGENCIES, username, password).status()).isEqualTo(200);
        // The account's own address keeps working, even after a mistake.
        assertThat(get(own, AGENCIES, username, "typo").status()).isEqualTo(401);
        for (int i = 0; i < 3; i++) {
            assertThat(get(own, AGENCIES, username, password).status()).isEqualTo(200);
        }
        // Other accounts are not under attack.
        String[] operator = credentialsWithRole(Roles.OPERATOR);
        assertThat(get("127.0.1.23", AGENCIES, operator[0], "guess").status()).isEqualTo(401);
        assertThat(get("127.0.1.23", AGENCIES, operator[0], operator[1]).status()).isEqualTo(200);
    }

    @Test
    void failuresRefusalsAndLocksAreOnPrometheus() {
        String attacker = "127.0.0.9";
        for (int i = 0; i < 6; i++) {
            get(attacker, AGENCIES, "metrics-probe", "guess-" + i);
        }
        String metrics = TestHttp.get(baseUrl() + "/actuator/prometheus", credentialsWithRole(Roles.OPERATOR)).body();
        assertThat(metrics).containsPattern("lgsp_login_failures_total\\{mechanism=\"basic-operator\"} [1-9]")
                .containsPattern("lgsp_login_locked_refusals_total\\{mechanism=\"basic-operator\"} [1-9]")
                .contains("lgsp_login_locks{mechanism=\"form\",scope=\"pair\"}")
                .contains("lgsp_login_locks{mechanism=\"token\",scope=\"address\"}");
    }

    // ---- helpers

    private void assertLocked(RawHttp.Response response) {
        String text = response.text();
        assertThat(response.status()).as(text.substring(0, Math.min(300, text.length()))).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = read(response.text());
        assertThat(problem.path("code").asText()).isEqualTo("LGSP-429");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 32L);
    }

    private static RawHttp.Response awaitStatus(int status, Supplier<RawHttp.Response> request) {
        RawHttp.Response[] last = new RawHttp.Response[1];
        await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = request.get();
            assertThat(last[0].status()).as(last[0].text()).isIn(status, 429);
            return last[0].status() == status;
        });
        return last[0];
    }

    private RawHttp.Response get(String from, String path, String user, String password) {
        return get(from, path, basic(user, password));
    }

    private RawHttp.Response get(String from, String path, Map<String, String> headers) {
        return exchange(from, "GET", path, headers, null);
    }

    private RawHttp.Response token(String from, Map<String, String> headers, String form) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return exchange(from, "POST", "/oauth2/token", all, form.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Response exchange(String from, String method, String path, Map<String, String> headers, byte[] body) {
        try {
            return RawHttp.exchange(from, port, method, path, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private LoginPage loginPage(String from) {
        RawHttp.Response page = get(from, "/login", Map.of());
        assertThat(page.status()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.text());
        assertThat(csrf.find()).as("login form carries a CSRF token").isTrue();
        return new LoginPage(from, page.header("Set-Cookie").split(";")[0], csrf.group(1));
    }

    /** One browser at the login page: its session cookie and the form's CSRF token. */
    private record LoginPage(String from, String cookie, String csrf) {
    }

    private RawHttp.Response submit(LoginPage page, String username, String password) {
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(page.csrf());
        return exchange(page.from(), "POST", "/login", Map.of("Cookie", page.cookie(),
                "Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
