package vn.gov.haiphong.lgsp.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.RequestMatcherRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import vn.gov.haiphong.lgsp.platform.ApiDocuments;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.security.gateway.GatewayAuthentication;
import vn.gov.haiphong.lgsp.security.gateway.GatewayAuthenticationException;
import vn.gov.haiphong.lgsp.security.gateway.GatewayHmacAuthenticationProvider;
import vn.gov.haiphong.lgsp.security.gateway.GatewaySecurityConfig;
import vn.gov.haiphong.lgsp.security.gateway.NonceStore;
import vn.gov.haiphong.lgsp.security.gateway.SignedBodyCheck;
import vn.gov.haiphong.lgsp.security.sso.BearerTokens;

/**
 * Deny by default. People log in once (the login page; HTTP Basic or a bearer token for scripts),
 * against the accounts in the database ({@code security.sso.UserAccounts}), to reach Hawtio,
 * Jolokia, the admin API and metrics; health is public but shows details only to them. API
 * callers get problem+json refusals, browsers get the login page. How browser sessions are kept
 * safe is {@link BrowserSessions}; what each role may do through Jolokia (and so Hawtio) is
 * {@code security.jmx.JmxAccessPolicy}.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    private static final String[] OPERATOR_ROLES = {Roles.OPERATOR, Roles.ADMIN};
    private static final String SYSTEM_LOGIN = "Authenticate as a connected system: a bearer token (client credentials) "
            + "or HTTP Basic with system id and secret";
    private static final String OPERATOR_LOGIN = "Log in with an operator account (session, bearer token or HTTP Basic)";

    /** Hawtio's proxy to other Jolokia agents, which would reach the network: nobody. */
    static final RequestMatcher NOBODY = paths("/actuator/hawtio/proxy", "/actuator/hawtio/proxy/**");
    /** People's accounts, the SSO signing keys and the master key's re-encryption: administrators only. */
    static final RequestMatcher ADMIN_ONLY = paths("/api/admin/users", "/api/admin/users/**", "/api/admin/sso/**",
            "/api/admin/security/**",
            // Deploying and re-activating routing tables (reading their status is for operators too).
            "/api/admin/routing/versions/*/activate");
    /** Hawtio, Jolokia, metrics, the admin API, its document and Swagger UI: operators and administrators. */
    static final RequestMatcher OPERATOR_ONLY = paths("/actuator/**", "/api/admin/**", "/openapi", "/openapi/**",
            "/openapi.yaml", "/openapi.yaml/**");

    /** The operations console (console package): operators and administrators. */
    static final RequestMatcher CONSOLE = paths("/console", "/console/**");
    /**
     * The console's changes that only administrators make: cutting a unit over (a registry change)
     * and downloading a document's package.
     */
    static final RequestMatcher CONSOLE_ADMIN = paths("/console/merger/cut-over", "/console/merger/cut-over/**",
            "/console/documents/*/package", "/console/routing/versions/*/activate");
    /** Where a refused console request is forwarded: a page that says why (console.RefusedController). */
    public static final String CONSOLE_REFUSED = "/console/refused";
    /** The request attribute that tells {@link #CONSOLE_REFUSED} why: {@code CSRF}, or the role missing. */
    public static final String REFUSAL_ATTRIBUTE = "lgsp.refusal";

    /** {@code /openapi/{group}} and {@code /openapi.yaml/{group}} of every public document. */
    static String[] publicApiDocuments() {
        return ApiDocuments.PUBLIC_GROUPS.stream()
                .flatMap(group -> Stream.of("/openapi/" + group, "/openapi.yaml/" + group))
                .toArray(String[]::new);
    }

    /**
     * The document exchange's protocols authenticate every call themselves: VDXP with its HMAC
     * ({@code VdxpAuthenticator}), SOAP with WS-Security ({@code SoapAuthenticator}), and refuse in
     * their own envelope. Their chain holds only the security headers: the console chain's login,
     * Basic, bearer, session, CSRF and logout filters did nothing for them but cost a quarter of a
     * sendEdoc request thread (JFR), and its Basic filter answered a stray Authorization header
     * with problem+json, which no VDXP or SOAP client reads. A plain path matcher, like the
     * gateway's chain, decides before the chains whose matchers consult Spring MVC; the firewall
     * still screens these URLs first.
     */
    @Bean
    @Order(0)
    SecurityFilterChain exchangeProtocolsSecurity() {
        RequestMatcher protocols = paths("/vdxp", "/vdxp/**", "/services/**");
        HeaderWriterFilter headers = new HeaderWriterFilter(List.of(new XContentTypeOptionsHeaderWriter(),
                new CacheControlHeadersWriter(), new XFrameOptionsHeaderWriter(
                        XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)));
        return new DefaultSecurityFilterChain(protocols, headers);
    }

    /**
     * The data API ({@code /api/data/**}): connected systems only, every call authenticated on
     * its own, by the gateway's HMAC-with-freshness scheme (body included, see
     * {@link SignedBodyCheck}), a client-credentials token, or (legacy) HTTP Basic with the
     * system's secret ({@link SystemBasicAuthenticationProvider}); no session, no operator login.
     */
    @Bean
    @Order(1)
    SecurityFilterChain dataApiSecurity(HttpSecurity http, ObjectMapper json, AgencyResolver resolver,
                                        RegistryService registry, NonceStore nonces,
                                        @Value("${lgsp.gateway.hmac.window:300s}") Duration hmacWindow,
                                        @Qualifier("systemBearerTokens") BearerTokens systemTokens,
                                        LoginThrottle throttle) throws Exception {
        http
            .securityMatcher("/api/data/**")
            .addFilterBefore(new LoginThrottleFilter(throttle, json, LoginMechanism.BASIC_SYSTEM),
                    BasicAuthenticationFilter.class)
            .authenticationManager(new ProviderManager(new SystemBasicAuthenticationProvider(resolver, registry)))
            .authorizeHttpRequests(auth -> auth.anyRequest()
                    .hasAnyRole(SystemBasicAuthenticationProvider.ROLE, GatewayAuthentication.ROLE))
            .addFilterBefore(GatewaySecurityConfig.hmacAuthentication(
                    new ProviderManager(new GatewayHmacAuthenticationProvider(resolver, registry, nonces, hmacWindow)),
                    (request, response, e) -> AuthenticationRefusal.write(request, response, json, e,
                            e instanceof GatewayAuthenticationException g ? g.error() : ErrorCode.UNAUTHENTICATED,
                            e.getMessage())), BasicAuthenticationFilter.class)
            .addFilterAfter(new SignedBodyCheck(json), BasicAuthenticationFilter.class)
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                    AuthenticationRefusal.write(request, response, json, e, ErrorCode.UNAUTHENTICATED, SYSTEM_LOGIN)))
            // Or a client-credentials token of the platform's SSO (or the external issuer).
            .oauth2ResourceServer(rs -> rs
                .jwt(jwt -> jwt.authenticationManager(systemTokens.manager()))
                .authenticationEntryPoint(BearerTokens.entryPoint(json, SYSTEM_LOGIN)))
            .exceptionHandling(ex -> ex
                .authenticationEntryPoint((request, response, e) -> AuthenticationRefusal.write(request, response,
                        json, e, ErrorCode.UNAUTHENTICATED, SYSTEM_LOGIN))
                .accessDeniedHandler((request, response, e) ->
                        ProblemJson.write(response, json, ErrorCode.FORBIDDEN, "Only connected systems use this API")))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain platformSecurity(HttpSecurity http, ObjectMapper json, BrowserSessions browsers,
                                         @Qualifier("userBearerTokens") BearerTokens userTokens,
                                         LoginThrottle throttle) throws Exception {
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        http
            .addFilterBefore(new LoginThrottleFilter(throttle, json, LoginMechanism.FORM, LoginMechanism.BASIC_OPERATOR),
                    UsernamePasswordAuthenticationFilter.class)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/logout", "/error").permitAll()
                .requestMatchers(HttpMethod.GET, "/css/**").permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                // Hawtio's proxy reaches other Jolokia agents over the network: never (it is off, and
                // Hawtio may only ask whether it is on).
                .requestMatchers(HttpMethod.GET, "/actuator/hawtio/proxy/enabled").hasAnyRole(OPERATOR_ROLES)
                .requestMatchers(NOBODY).denyAll()
                // Open data: public datasets' public fields, read-only, rate-limited per address.
                .requestMatchers(HttpMethod.GET, "/opendata", "/opendata/**").permitAll()
                // The client-facing API documents are public (ApiDocuments); the admin one, and the
                // browsable UI's configuration, are for operators (OPERATOR_ONLY).
                .requestMatchers(HttpMethod.GET, publicApiDocuments()).permitAll()
                .requestMatchers(ADMIN_ONLY).hasRole(Roles.ADMIN)
                .requestMatchers(HttpMethod.POST, "/api/admin/routing/versions").hasRole(Roles.ADMIN)
                .requestMatchers(OPERATOR_ONLY).hasAnyRole(OPERATOR_ROLES)
                // The landing page: what this person may use (console.HomeController).
                .requestMatchers(HttpMethod.GET, "/").authenticated()
                // The operations console: operators read and replay, administrators also change
                // the registry and download packages; anyone else is told why not.
                .requestMatchers(CONSOLE_ADMIN).hasRole(Roles.ADMIN)
                .requestMatchers(CONSOLE_REFUSED).authenticated()
                .requestMatchers(CONSOLE).hasAnyRole(OPERATOR_ROLES)
                .requestMatchers(HttpMethod.GET, "/webjars/**", "/js/**").authenticated()
                .anyRequest().denyAll())
            // Hawtio shows the person of the platform's login (and so its "Log out"); its own login
            // and logout URLs lead to the platform's one login and logout.
            .addFilterAfter(new HawtioUser(json), AuthorizationFilter.class)
            .addFilterBefore(new RequestMatcherRedirectFilter(PathPatternRequestMatcher.withDefaults()
                    .matcher("/actuator/hawtio/auth/logout"), "/logout"), LogoutFilter.class)
            .addFilterBefore(new RequestMatcherRedirectFilter(PathPatternRequestMatcher.withDefaults()
                    .matcher("/actuator/hawtio/auth/login"), "/login"), LogoutFilter.class)
            // The platform's own login page (console.LoginController); a failure creates no session.
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
                .failureHandler(BrowserSessions.loginFailure()))
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                    AuthenticationRefusal.write(request, response, json, e, ErrorCode.UNAUTHENTICATED, OPERATOR_LOGIN)))
            // People's access tokens (SSO authorization code, or the external issuer), roles from a claim.
            .oauth2ResourceServer(rs -> rs
                .jwt(jwt -> jwt.authenticationManager(userTokens.manager()))
                .authenticationEntryPoint(BearerTokens.entryPoint(json, OPERATOR_LOGIN)))
            // Ends the one session: every console page, and the embedded provider's login with it;
            // then the login page (the default /login?logout) says so.
            .logout(logout -> logout.invalidateHttpSession(true).deleteCookies("JSESSIONID"))
            // Where a login was asked for, kept in a cookie: an anonymous visitor gets no session.
            .requestCache(cache -> cache.requestCache(browsers.requestCache()))
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(loginPage, BrowserSessions.PAGES)
                .defaultAuthenticationEntryPointFor((request, response, e) ->
                        AuthenticationRefusal.write(request, response, json, e, ErrorCode.UNAUTHENTICATED, OPERATOR_LOGIN),
                        request -> true)
                .accessDeniedHandler((request, response, e) -> refuse(request, response, e, json)))
            .csrf(browsers::protect)
            .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    private static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(Stream.of(patterns)
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern)).toList());
    }

    /** A 403 says what was missing: the CSRF token of a browser session, or which role. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e,
                               ObjectMapper json) throws IOException, ServletException {
        if (CONSOLE.matches(request) && !response.isCommitted()) {
            // A person in the console gets a page in their language, not problem+json.
            request.setAttribute(REFUSAL_ATTRIBUTE, e instanceof CsrfException ? "CSRF"
                    : CONSOLE_ADMIN.matches(request) ? Roles.ADMIN : Roles.OPERATOR);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            request.getRequestDispatcher(CONSOLE_REFUSED).forward(request, response);
            return;
        }
        if (e instanceof CsrfException) {
            ProblemJson.write(response, json, ErrorCode.CSRF_REFUSED, "This change came from a browser session "
                    + "without its CSRF token, or with a stale one: reload the page and try again. Scripts "
                    + "authenticate each call (HTTP Basic or a bearer token) and send no session cookie.");
        } else if (NOBODY.matches(request)) {
            ProblemJson.write(response, json, ErrorCode.FORBIDDEN, "No role may use this path");
        } else if (ADMIN_ONLY.matches(request)) {
            ProblemJson.write(response, json, ErrorCode.FORBIDDEN, "This needs the " + Roles.ADMIN + " role");
        } else if (OPERATOR_ONLY.matches(request)) {
            ProblemJson.write(response, json, ErrorCode.FORBIDDEN,
                    "This needs the " + Roles.OPERATOR + " or " + Roles.ADMIN + " role");
        } else {
            ProblemJson.write(response, json, ErrorCode.FORBIDDEN, "No role may use this path");
        }
    }

    /**
     * Spring Security's default firewall, except that header values may hold the characters
     * U+0080–U+009F: VDXP clients send non-ASCII header text as UTF-8, which the servlet
     * container reads as ISO-8859-1, so UTF-8 continuation bytes arrive as C1 "controls". Other
     * controls (and CR/LF, which Tomcat never lets through) stay refused.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(value -> value.chars().allMatch(c ->
                (c >= 0x80 && c <= 0x9F) || (Character.isDefined(c) && !Character.isISOControl(c))));
        return firewall;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
