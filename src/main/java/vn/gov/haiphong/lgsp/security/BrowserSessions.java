package vn.gov.haiphong.lgsp.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * How people's browsers are kept safe on the console chain: no session before a login, and a CSRF
 * token on every change a session cookie authenticates.
 *
 * <p>The token lives in the cookie {@code XSRF-TOKEN} (readable by the page, {@code SameSite=Strict})
 * and comes back in the header {@code X-XSRF-TOKEN}: what Hawtio's Jolokia client and Swagger UI
 * ({@code springdoc.swagger-ui.csrf.enabled}) send by themselves; the login and logout forms carry
 * it as {@code _csrf}. Scripts that authenticate each call (Basic, a bearer token) and send no
 * session cookie need no token.
 */
@Component
public class BrowserSessions {

    static final String CSRF_COOKIE = "XSRF-TOKEN";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * Pages a person opens: an anonymous visitor is sent to the login page, and back after it.
     * Hawtio always; the landing page, the console and Swagger UI when a browser asks for HTML (a script asking
     * for them gets the 401 problem+json).
     */
    static final RequestMatcher PAGES = new AndRequestMatcher(request -> "GET".equals(request.getMethod()),
            new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/hawtio/**"),
                    new AndRequestMatcher(html(), new OrRequestMatcher(
                            PathPatternRequestMatcher.withDefaults().matcher("/"),
                            PathPatternRequestMatcher.withDefaults().matcher("/console"),
                            PathPatternRequestMatcher.withDefaults().matcher("/console/**"),
                            PathPatternRequestMatcher.withDefaults().matcher("/api/admin/docs"),
                            PathPatternRequestMatcher.withDefaults().matcher("/api/admin/docs/**")))));

    private static RequestMatcher html() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    private static final RequestMatcher FORMS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/login"), PathPatternRequestMatcher.withDefaults().matcher("/logout"));

    private final boolean secureCookies;

    public BrowserSessions(@Value("${server.servlet.session.cookie.secure:false}") boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    /**
     * A change needs the token when a session cookie could authenticate it, and on the login and
     * logout forms. Without a session cookie there is nothing a foreign page could borrow: a script
     * authenticates each call itself (Basic, a bearer token), and an anonymous call is answered 401.
     */
    static boolean needsCsrfToken(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        return request.getRequestedSessionId() != null || FORMS.matches(request);
    }

    public void protect(CsrfConfigurer<HttpSecurity> csrf) {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieName(CSRF_COOKIE);
        tokens.setCookieCustomizer(cookie -> cookie.path("/").sameSite("Strict").secure(secureCookies));
        csrf.csrfTokenRepository(tokens)
            .csrfTokenRequestHandler(new HeaderOrFormToken())
            .requireCsrfProtectionMatcher(BrowserSessions::needsCsrfToken);
    }

    /** Where a login was asked for on one of the {@link #PAGES}, in a cookie instead of a session. */
    RequestCache requestCache() {
        return requestCache(PAGES);
    }

    /** Where a login was asked for on a page this matcher selects, in a cookie instead of a session. */
    public RequestCache requestCache(RequestMatcher pages) {
        CookieRequestCache cache = new CookieRequestCache();
        cache.setRequestMatcher(pages);
        cache.setCookieCustomizer(cookie -> {
            cookie.setAttribute("SameSite", "Lax");
            cookie.setSecure(secureCookies);
        });
        return cache;
    }

    /** Back to the login page with its error, without creating a session to carry the error in. */
    static SimpleUrlAuthenticationFailureHandler loginFailure() {
        SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        failure.setAllowSessionCreation(false);
        return failure;
    }

    /**
     * The token as a single-page application sends it (the raw cookie value, in the header) or as
     * a server-rendered form does ({@code _csrf}, masked against BREACH). A logged-in browser's
     * every answer carries the cookie, so Hawtio and Swagger UI always have one to send.
     */
    private static final class HeaderOrFormToken implements CsrfTokenRequestHandler {
        private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
        private final CsrfTokenRequestHandler masked = new XorCsrfTokenRequestAttributeHandler();

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
            masked.handle(request, response, token);
            if (request.getSession(false) != null) {
                token.get();
            }
        }

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            String header = request.getHeader(token.getHeaderName());
            return (StringUtils.hasText(header) ? plain : masked).resolveCsrfTokenValue(request, token);
        }
    }
}
