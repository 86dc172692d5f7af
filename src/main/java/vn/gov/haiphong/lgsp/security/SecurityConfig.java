package vn.gov.haiphong.lgsp.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * Deny by default. Operators log in (form for browsers, HTTP Basic for scripts) to reach Hawtio,
 * Jolokia, the admin API and metrics; health is public but shows details only to them. API
 * callers get problem+json refusals, browsers get the login page.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    private static final String[] OPERATOR_ROLES = {Roles.OPERATOR, Roles.ADMIN};

    /**
     * The data API ({@code /api/data/**}): connected systems only, every call authenticated on
     * its own (interim HTTP Basic with the system's secret, see
     * {@link SystemBasicAuthenticationProvider}); no session, no operator login.
     */
    @Bean
    @Order(1)
    SecurityFilterChain dataApiSecurity(HttpSecurity http, ObjectMapper json, AgencyResolver resolver,
                                        RegistryService registry) throws Exception {
        http
            .securityMatcher("/api/data/**")
            .authenticationManager(new ProviderManager(new SystemBasicAuthenticationProvider(resolver, registry)))
            .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(SystemBasicAuthenticationProvider.ROLE))
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                    ProblemJson.write(response, json, ErrorCode.UNAUTHENTICATED,
                            "Authenticate as a connected system: HTTP Basic with system id and secret")))
            .exceptionHandling(ex -> ex
                .authenticationEntryPoint((request, response, e) -> ProblemJson.write(response, json,
                        ErrorCode.UNAUTHENTICATED, "Authenticate as a connected system: HTTP Basic with system id and secret"))
                .accessDeniedHandler((request, response, e) ->
                        ProblemJson.write(response, json, ErrorCode.FORBIDDEN, "Only connected systems use this API")))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain platformSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        RequestMatcher browserPages = new AntPathRequestMatcher("/actuator/hawtio/**");
        LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        http
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/logout", "/error").permitAll()
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/actuator/hawtio/**", "/actuator/jolokia/**", "/actuator/**").hasAnyRole(OPERATOR_ROLES)
                .requestMatchers("/api/admin/**").hasAnyRole(OPERATOR_ROLES)
                // The VDXP API authenticates every call itself (XroadVnpt HMAC, VdxpAuthenticator).
                .requestMatchers("/vdxp", "/vdxp/**").permitAll()
                // SOAP: every request carries its own WS-Security signature (exchange.soap.SoapAuthenticator).
                .requestMatchers("/services/**").permitAll()
                // Open data: public datasets' public fields, read-only, rate-limited per address.
                .requestMatchers(HttpMethod.GET, "/opendata", "/opendata/**").permitAll()
                .anyRequest().denyAll())
            .formLogin(form -> form.defaultSuccessUrl("/actuator/hawtio/", false))
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                    ProblemJson.write(response, json, ErrorCode.UNAUTHENTICATED, "Log in with an operator account")))
            .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(loginPage, browserPages)
                .defaultAuthenticationEntryPointFor((request, response, e) ->
                        ProblemJson.write(response, json, ErrorCode.UNAUTHENTICATED, "Log in with an operator account"),
                        request -> true)
                .accessDeniedHandler((request, response, e) ->
                        ProblemJson.write(response, json, ErrorCode.FORBIDDEN, "This needs the operator role")))
            // Machine APIs authenticate every call (Basic/HMAC/bearer), not by cookie; Jolokia's
            // POSTs come from the Hawtio page of an authenticated session with SameSite=strict cookies.
            .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/vdxp", "/vdxp/**", "/services/**",
                    "/actuator/jolokia/**"))
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

    @Bean
    UserDetailsService operatorUsers(OperatorAccounts accounts) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (OperatorAccounts.Account account : accounts.accounts()) {
            users.createUser(User.withUsername(account.username()).password(account.password())
                    .roles(account.roles().toArray(String[]::new)).build());
        }
        return users;
    }
}
