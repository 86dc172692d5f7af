package vn.gov.haiphong.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's cookies without the browser: logs in through the login form as a person would and
 * sends later requests with the session cookie, with or without the CSRF header a page would add.
 * For checks at the HTTP level; what a person sees is tested with a real browser.
 */
public final class CookieSession {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    private CookieSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A browser that has not logged in (it keeps whatever cookies it is given). */
    public static CookieSession anonymous(String baseUrl) {
        return new CookieSession(baseUrl);
    }

    /** Logs in through the form; the answer must be the redirect of a successful login. */
    public static CookieSession login(String baseUrl, String username, String password) {
        CookieSession session = new CookieSession(baseUrl);
        HttpResponse<String> answer = session.submitLogin(username, password);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(session.cookie("JSESSIONID")).as("session cookie").isNotNull();
        return session;
    }

    /** Fills in and sends the login form (with its CSRF token), as the login page does. */
    public HttpResponse<String> submitLogin(String username, String password) {
        HttpResponse<String> page = get("/login");
        Matcher token = FORM_TOKEN.matcher(page.body());
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        return submitForm("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf="
                + enc(token.group(1)));
    }

    /** Logs out as the logout page's button does (its form, with the CSRF token it carries). */
    public HttpResponse<String> logout() {
        Matcher token = FORM_TOKEN.matcher(get("/logout").body());
        assertThat(token.find()).as("the logout form carries a CSRF token").isTrue();
        return submitForm("/logout", "_csrf=" + enc(token.group(1)));
    }

    /** A form a page submits, as a browser sends it (form-encoded, asking for HTML). */
    private HttpResponse<String> submitForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/html").GET().build());
    }

    /** A change as a page's script sends it: with the CSRF header when {@code withToken}. */
    public HttpResponse<String> send(String method, String path, String contentType, String body, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (withToken) {
            request.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of a cookie this browser holds, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
