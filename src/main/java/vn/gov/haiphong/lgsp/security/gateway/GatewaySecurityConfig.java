package vn.gov.haiphong.lgsp.security.gateway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import vn.gov.haiphong.lgsp.gateway.GatewayAudit;
import vn.gov.haiphong.lgsp.gateway.GatewayCall;
import vn.gov.haiphong.lgsp.gateway.mediation.GatewayRefusals;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * The service gateway ({@code /gw/**}): connected systems only, every call authenticated on its
 * own, no session, deny unless authenticated as a gateway client ({@link GatewayAuthentication}).
 *
 * <p>Mechanisms: the HMAC-with-freshness filter below. A second one (the SSO's OAuth2 bearer
 * tokens) is added to the same chain as another filter / provider, e.g.
 * {@code http.oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(jwt ->
 * GatewayAuthentication.bearer(systemFor(jwt)))))}: whatever authenticates must end in a
 * {@link GatewayAuthentication}, which is all the mediation code reads. A request with neither
 * is refused with GW-101 in the client's protocol (problem+json, or a SOAP fault under /gw/soap/).
 * Refused authentications are audited.
 */
@Configuration
public class GatewaySecurityConfig {

    /** First: a plain path matcher decides at once, before chains whose matchers consult Spring MVC. */
    @Bean
    @Order(0)
    SecurityFilterChain gatewaySecurity(HttpSecurity http, AgencyResolver resolver, RegistryService registry,
                                        NonceStore nonces, GatewayRefusals refusals, GatewayAudit audit,
                                        @Value("${lgsp.gateway.hmac.window:300s}") Duration window) throws Exception {
        ProviderManager manager = new ProviderManager(new GatewayHmacAuthenticationProvider(resolver, registry, nonces, window));
        AuthenticationFilter hmac = new AuthenticationFilter(manager, hmacConverter());
        hmac.setRequestMatcher(new AntPathRequestMatcher("/gw/**"));
        hmac.setSuccessHandler((request, response, authentication) -> {
        });
        hmac.setFailureHandler((request, response, e) -> refuse(refusals, audit, request, response, e));
        http
            .securityMatcher(new AntPathRequestMatcher("/gw/**"))
            .addFilterBefore(hmac, AnonymousAuthenticationFilter.class)
            .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(GatewayAuthentication.ROLE))
            .exceptionHandling(ex -> ex
                .authenticationEntryPoint((request, response, e) -> refuse(refusals, audit, request, response,
                        new GatewayAuthenticationException(ErrorCode.GW_AUTH_MISSING,
                                "Sign the request with the gateway HMAC headers (" + GatewaySignature.SYSTEM + ", "
                                        + GatewaySignature.TIMESTAMP + ", " + GatewaySignature.NONCE + ", "
                                        + GatewaySignature.CONTENT_SHA256 + ", " + GatewaySignature.SIGNATURE + ")",
                                null)))
                .accessDeniedHandler((request, response, e) -> refusals.write(request, response,
                        ErrorCode.GW_AUTH_MISSING, "Only connected systems use the gateway", null, 0)))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .securityContext(context -> context.requireExplicitSave(true))
            // A proxy passes the provider's headers on; it adds none of its own.
            .headers(headers -> headers.disable())
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** Reads the signed parts; null (no HMAC attempted) lets another mechanism or the entry point answer. */
    static AuthenticationConverter hmacConverter() {
        return request -> {
            if (request.getHeader(GatewaySignature.SIGNATURE) == null) {
                return null;
            }
            String system = single(request, GatewaySignature.SYSTEM);
            String timestamp = single(request, GatewaySignature.TIMESTAMP);
            String nonce = single(request, GatewaySignature.NONCE);
            String content = single(request, GatewaySignature.CONTENT_SHA256);
            String signature = single(request, GatewaySignature.SIGNATURE);
            return new GatewayHmacToken(request.getMethod(), request.getRequestURI(), request.getQueryString(), system,
                    timestamp, nonce, content, signature);
        };
    }

    private static String single(HttpServletRequest request, String name) {
        List<String> values = Collections.list(request.getHeaders(name));
        if (values.size() != 1 || values.get(0).isBlank() || values.get(0).length() > 200) {
            throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_MISSING,
                    "Header " + name + " must be present exactly once", request.getHeader(GatewaySignature.SYSTEM));
        }
        return values.get(0).strip();
    }

    private static void refuse(GatewayRefusals refusals, GatewayAudit audit, HttpServletRequest request,
                               HttpServletResponse response, AuthenticationException e) throws IOException {
        long start = System.nanoTime();
        ErrorCode error = e instanceof GatewayAuthenticationException g ? g.error() : ErrorCode.GW_AUTH_MISSING;
        String claimed = e instanceof GatewayAuthenticationException g ? g.systemId() : null;
        String requestId = vn.gov.haiphong.lgsp.gateway.mediation.GatewayServlet.requestId();
        long[] written = refusals.write(request, response, error, e.getMessage(), requestId, 0);
        audit.record(new GatewayCall(requestId, Instant.now(), null, claimed, serviceOf(request),
                null, request.getMethod() + " " + truncate(request.getRequestURI()), null, (int) written[0],
                error.code(), (System.nanoTime() - start) / 1000, Math.max(0, request.getContentLengthLong()),
                written[1], null, null));
    }

    /** The service code named in a gateway path, unchecked (for the audit only). */
    static String serviceOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        for (String prefix : new String[] {"/gw/r1/", "/gw/soap/"}) {
            if (uri.startsWith(prefix)) {
                String rest = uri.substring(prefix.length());
                int slash = rest.indexOf('/');
                return truncate(slash < 0 ? rest : rest.substring(0, slash));
            }
        }
        return null;
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /**
     * Requests the firewall refuses (encoded slashes or dots, "..", "//", control characters in
     * the URL) answer problem+json, not a bare 400: GW-205 under /gw/, LGSP-400 elsewhere.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(GatewayRefusals refusals) {
        return (request, response, e) -> {
            if (request.getRequestURI().startsWith("/gw/")) {
                refusals.write(request, response, ErrorCode.GW_BAD_PATH, "The URL was refused: " + e.getMessage(), null, 0);
            } else {
                refusals.write(request, response, ErrorCode.VALIDATION_FAILED, "The URL was refused: " + e.getMessage(),
                        null, 0);
            }
        };
    }
}
