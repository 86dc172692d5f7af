package vn.gov.haiphong.lgsp.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
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
 * callers get problem+json refusals, browsers get the login page.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    private static final String[] OPERATOR_ROLES = {Roles.OPERATOR, Roles.ADMIN};
    private static final String SYSTEM_LOGIN = "Authenticate as a connected system: a bearer token (client credentials) "
            + "or HTTP Basic with system id and secret";
    private static final String OPERATOR_LOGIN = "Log in with an operator account (session, bearer token or HTTP Basic)";

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
        RequestMatcher protocols = new OrRequestMatcher(new AntPathRequestMatcher("/vdxp"),
                new AntPathRequestMatcher("/vdxp/**"), new AntPathRequestMatcher("/services/**"));
        HeaderWriterFilter headers = new HeaderWriterFilter(List.of(new XContentTypeOptionsHeaderWriter(),
                new CacheControlHeadersWriter(), new XFrameOptionsHeaderWriter(
                        XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)));
        return new DefaultSecurityFilterChain(protocols, headers);
    }

    /**
     * The data API ({@code /api/data/**}): connected systems only, every call authenticated on
     * its own, by the gateway's HMAC-with-freshness scheme (body included, see
     * {@link SignedBodyCheck}), a client-credentials token, or (interim) HTTP Basic with the
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
                    (request, response, e) -> ProblemJson.write(response, json,
                            e instanceof GatewayAuthenticationException g ? g.error() : ErrorCode.UNAUTHENTICATED,
                            e.getMessage())), BasicAuthenticationFilter.class)
            .addFilterAfter(new SignedBodyCheck(json), BasicAuthenticationFilter.class)
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                    ProblemJson.write(response, json, ErrorCode.UNAUTHENTICATED, SYSTEM_LOGIN)))
            // Or a client-credentials token of the platform's SSO (or the external issuer).
            .oauth2ResourceServer(rs -> rs
                .jwt(jwt -> jwt.authenticationManager(systemTokens.manager()))
                .authenticationEntryPoint(BearerTokens.entryPoint(json, SYSTEM_LOGIN)))
            .exceptionHandling(ex -> ex
                .authenticationEntryPoint((request, response, e) -> ProblemJson.write(response, json,
                        ErrorCode.UNAUTHENTICATED, SYSTEM_LOGIN))
                .accessDeniedHandler((request, response, e) ->
                        ProblemJson.write(response, json, ErrorCode.FORBIDDEN, "Only connected systems use this API")))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain platformSecurity(HttpSecurity http, ObjectMapper json,
                                         @Qualifier("userBearerTokens") BearerTokens userTokens,
                                         LoginThrottle throttle) throws Exception {
        RequestMatcher browserPages = new AntPathRequestMatcher("/actuator/hawtio/**");
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        http
            .addFilterBefore(new LoginThrottleFilter(throttle, json, LoginMechanism.FORM, LoginMechanism.BASIC_OPERATOR),
                    UsernamePasswordAuthenticationFilter.class)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/logout", "/error").permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/actuator/hawtio/**", "/actuator/jolokia/**", "/actuator/**").hasAnyRole(OPERATOR_ROLES)
                // People's accounts and the SSO signing keys: administrators only.
                .requestMatchers("/api/admin/users", "/api/admin/users/**", "/api/admin/sso/**").hasRole(Roles.ADMIN)
                .requestMatchers("/api/admin/**").hasAnyRole(OPERATOR_ROLES)
                // Open data: public datasets' public fields, read-only, rate-limited per address.
                .requestMatchers(HttpMethod.GET, "/opendata", "/opendata/**").permitAll()
                // The client-facing API documents are public (ApiDocuments); the admin one, and the
                // browsable UI's configuration, are for operators.
                .requestMatchers(HttpMethod.GET, publicApiDocuments()).permitAll()
                .requestMatchers("/openapi", "/openapi/**", "/openapi.yaml", "/openapi.yaml/**").hasAnyRole(OPERATOR_ROLES)
                .anyRequest().denyAll())
            .formLogin(form -> form.defaultSuccessUrl("/actuator/hawtio/", false))
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                    ProblemJson.write(response, json, ErrorCode.UNAUTHENTICATED, OPERATOR_LOGIN)))
            // People's access tokens (SSO authorization code, or the external issuer), roles from a claim.
            .oauth2ResourceServer(rs -> rs
                .jwt(jwt -> jwt.authenticationManager(userTokens.manager()))
                .authenticationEntryPoint(BearerTokens.entryPoint(json, OPERATOR_LOGIN)))
            // Ends the one session: every console page, and the embedded provider's login with it.
            .logout(logout -> logout.logoutSuccessUrl("/login?logout").invalidateHttpSession(true)
                    .deleteCookies("JSESSIONID"))
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(loginPage, browserPages)
                .defaultAuthenticationEntryPointFor((request, response, e) ->
                        ProblemJson.write(response, json, ErrorCode.UNAUTHENTICATED, OPERATOR_LOGIN),
                        request -> true)
                .accessDeniedHandler((request, response, e) ->
                        ProblemJson.write(response, json, ErrorCode.FORBIDDEN, "This needs the operator role")))
            // Machine APIs authenticate every call (Basic/HMAC/bearer), not by cookie; Jolokia's
            // POSTs come from the Hawtio page of an authenticated session with SameSite=strict cookies.
            .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/actuator/jolokia/**"))
            .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
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
