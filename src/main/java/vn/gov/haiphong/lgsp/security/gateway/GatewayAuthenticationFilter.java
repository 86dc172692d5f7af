package vn.gov.haiphong.lgsp.security.gateway;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The whole of the gateway's Spring Security filter chain: every call to {@code /gw/**} carries
 * exactly one credential (the HMAC headers or a bearer token), which is checked by its
 * {@link AuthenticationManager}, or the call is refused in the client's protocol and audited.
 * The authenticated {@link GatewayAuthentication} is the security context for the rest of the
 * call (and the request's principal, for Spring MVC's {@code /gw/meta}).
 *
 * <p>One filter rather than the standard chain of about fifteen (session, CSRF, headers, request
 * cache, anonymous, logout, authorization, each observed): none of them applies to a stateless,
 * per-call-authenticated proxy, and with their observations they were about 30 % of a call's
 * request-thread CPU (docs/performance.md). Deny by default still holds: no credential, no call.
 */
final class GatewayAuthenticationFilter extends HttpFilter {

    /** What refuses a call: writes the client's error (problem+json or SOAP fault) and audits it. */
    @FunctionalInterface
    interface Refusal {
        void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException;
    }

    private final AuthenticationConverter hmacConverter;
    private final AuthenticationManager hmac;
    private final AuthenticationConverter bearerConverter;
    private final AuthenticationManager bearer;
    private final Refusal refusal;
    private final Supplier<AuthenticationException> noCredential;

    GatewayAuthenticationFilter(AuthenticationConverter hmacConverter, AuthenticationManager hmac,
                                AuthenticationConverter bearerConverter, AuthenticationManager bearer,
                                Refusal refusal, Supplier<AuthenticationException> noCredential) {
        this.hmacConverter = hmacConverter;
        this.hmac = hmac;
        this.bearerConverter = bearerConverter;
        this.bearer = bearer;
        this.refusal = refusal;
        this.noCredential = noCredential;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Authentication authenticated;
        try {
            authenticated = authenticate(request);
        } catch (AuthenticationException e) {
            refusal.refuse(request, response, e);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authenticated);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(new Authenticated(request, authenticated), response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Authentication authenticate(HttpServletRequest request) {
        // Both read before either is checked: a call with both credentials is refused (by the
        // bearer converter) before an HMAC check would spend its nonce.
        Authentication signed = hmacConverter.convert(request);
        Authentication token = bearerConverter.convert(request);
        if (signed != null) {
            return hmac.authenticate(signed);
        }
        if (token != null) {
            return bearer.authenticate(token);
        }
        throw noCredential.get();
    }

    /** The request as the rest of the call sees it: its principal is the gateway client. */
    private static final class Authenticated extends HttpServletRequestWrapper {

        private final Authentication authentication;

        Authenticated(HttpServletRequest request, Authentication authentication) {
            super(request);
            this.authentication = authentication;
        }

        @Override
        public Principal getUserPrincipal() {
            return authentication;
        }

        @Override
        public String getRemoteUser() {
            return authentication.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return GatewayAuthentication.ROLE.equals(role);
        }
    }
}
