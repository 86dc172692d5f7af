package vn.gov.haiphong.lgsp.security.gateway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import vn.gov.haiphong.lgsp.gateway.GatewayAudit;
import vn.gov.haiphong.lgsp.gateway.GatewayCall;
import vn.gov.haiphong.lgsp.gateway.mediation.GatewayRefusals;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.security.sso.BearerTokens;
import vn.gov.haiphong.lgsp.security.sso.TokenRefusal;

/**
 * The service gateway ({@code /gw/**}): connected systems only, every call authenticated on its
 * own, no session, deny unless authenticated as a gateway client ({@link GatewayAuthentication}).
 *
 * <p>Two mechanisms, each ending in a {@link GatewayAuthentication} (all the mediation code
 * reads), checked by one filter ({@link GatewayAuthenticationFilter}): the HMAC-with-freshness scheme, and an OAuth2 bearer token of a connected system
 * (client credentials, issued by the platform's SSO or the configured external issuer), checked
 * by the same {@code systemBearerTokens} as the data API. A request must use exactly one: with
 * neither it is refused with GW-101, with both with GW-101 too (which one counts would be a
 * guess); an Authorization header of another scheme is no gateway credential and is ignored.
 * Refusals are in the client's protocol (problem+json, or a SOAP fault under /gw/soap/) with the
 * mechanism's own code (GW-1xx, SSO-1xx), and audited.
 */
@Configuration
public class GatewaySecurityConfig {

    private static final String BEARER_PREFIX = "Bearer ";
    /** Far above any token the SSO issues; a bound before the JWT parser sees it. */
    private static final int MAX_TOKEN = 16 * 1024;

    /**
     * First: a plain path matcher decides at once, before chains whose matchers consult Spring MVC.
     * The chain is one filter, {@link GatewayAuthenticationFilter}; Spring Security's firewall
     * still screens every URL before it (see {@link #requestRejectedHandler}).
     */
    @Bean
    @Order(0)
    SecurityFilterChain gatewaySecurity(AgencyResolver resolver, RegistryService registry,
                                        NonceStore nonces, GatewayRefusals refusals, GatewayAudit audit,
                                        @Qualifier("systemBearerTokens") BearerTokens systemTokens,
                                        @Value("${lgsp.gateway.hmac.window:300s}") Duration window) {
        GatewayAuthenticationFilter authentication = new GatewayAuthenticationFilter(
                hmacConverter(), new ProviderManager(new GatewayHmacAuthenticationProvider(resolver, registry, nonces, window)),
                bearerConverter(), new ProviderManager(new GatewayBearerAuthenticationProvider(systemTokens)),
                (request, response, e) -> refuse(refusals, audit, request, response, e),
                () -> new GatewayAuthenticationException(ErrorCode.GW_AUTH_MISSING,
                        "Sign the request with the gateway HMAC headers (" + GatewaySignature.SYSTEM + ", "
                                + GatewaySignature.TIMESTAMP + ", " + GatewaySignature.NONCE + ", "
                                + GatewaySignature.CONTENT_SHA256 + ", " + GatewaySignature.SIGNATURE
                                + "), or send a client-credentials token as Authorization: Bearer", null));
        return new DefaultSecurityFilterChain(PathPatternRequestMatcher.withDefaults().matcher("/gw/**"), authentication);
    }

    /**
     * Reads {@code Authorization: Bearer <token>}; null (no bearer token) lets the HMAC filter or
     * the entry point answer. Another scheme (say Basic, meant for the provider by an HMAC client)
     * is not a gateway credential and is ignored here (never forwarded either). A bearer token
     * together with the HMAC headers, or more than one Authorization header, is refused here.
     */
    static AuthenticationConverter bearerConverter() {
        return request -> {
            List<String> values = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
            if (values.stream().noneMatch(GatewaySecurityConfig::isBearer)) {
                return null;
            }
            String claimed = request.getHeader(GatewaySignature.SYSTEM);
            if (values.size() != 1) {
                throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_MISSING,
                        "Send the bearer token in exactly one Authorization header", claimed);
            }
            if (request.getHeader(GatewaySignature.SIGNATURE) != null) {
                throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_MISSING,
                        "Use one authentication: the HMAC headers or a bearer token, not both", claimed);
            }
            String token = values.get(0).substring(BEARER_PREFIX.length()).strip();
            if (token.isEmpty() || token.length() > MAX_TOKEN) {
                throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_MISSING,
                        "The bearer token is empty or longer than " + MAX_TOKEN + " characters", claimed);
            }
            return new BearerTokenAuthenticationToken(token);
        };
    }

    private static boolean isBearer(String authorization) {
        return authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length());
    }

    /**
     * The HMAC scheme in a chain other than the gateway's (the data API's), before that chain's
     * own mechanisms: a request with the signature headers is authenticated by them (or refused
     * through {@code refuse}, with its GW-1xx code), one with the signature headers and an
     * Authorization header as well is refused (which one counts would be a guess), and any other
     * request goes on to the chain's other mechanisms. The body is checked by {@link SignedBodyCheck}.
     */
    public static AuthenticationFilter hmacAuthentication(AuthenticationManager hmac,
                                                          AuthenticationFailureHandler refuse) {
        AuthenticationConverter signedParts = hmacConverter();
        AuthenticationFilter filter = new AuthenticationFilter(hmac, request -> {
            if (request.getHeader(GatewaySignature.SIGNATURE) != null
                    && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_MISSING, "Use one authentication: the "
                        + "HMAC headers or an Authorization header, not both",
                        request.getHeader(GatewaySignature.SYSTEM));
            }
            return signedParts.convert(request);
        });
        // Authenticated: on down the chain (the handler's four-argument default), never a redirect.
        filter.setSuccessHandler((request, response, authentication) -> { });
        filter.setFailureHandler(refuse);
        return filter;
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
        ErrorCode error = e instanceof GatewayAuthenticationException g ? g.error()
                : e instanceof TokenRefusal t ? t.error() : ErrorCode.GW_AUTH_MISSING;
        String claimed = e instanceof GatewayAuthenticationException g ? g.systemId() : null;
        if (e instanceof TokenRefusal) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
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
