package vn.gov.haiphong.lgsp.security.gateway;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import vn.gov.haiphong.lgsp.security.CallingSystem;

/**
 * An authenticated gateway client: a connected system. Every gateway authentication mechanism
 * ends in one of these, so the mediation code does not care how the caller proved itself:
 * {@link #hmac} for the HMAC scheme (the body hash it signed is checked against the body as it
 * is read), {@link #bearer} for an OAuth2 token whose client maps to a system (the SSO's
 * resource-server converter returns it; no body hash is signed then, TLS protects the body).
 */
public class GatewayAuthentication extends AbstractAuthenticationToken {

    public static final String ROLE = "GATEWAY_CLIENT";

    private final CallingSystem system;
    private final String signedContentSha256;
    private final String mechanism;

    private GatewayAuthentication(CallingSystem system, String signedContentSha256, String mechanism) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
        this.system = system;
        this.signedContentSha256 = signedContentSha256;
        this.mechanism = mechanism;
        setAuthenticated(true);
    }

    public static GatewayAuthentication hmac(CallingSystem system, String signedContentSha256) {
        return new GatewayAuthentication(system, signedContentSha256, "HMAC");
    }

    public static GatewayAuthentication bearer(CallingSystem system) {
        return new GatewayAuthentication(system, null, "BEARER");
    }

    /** The gateway client behind an authentication, or null when it is not one. */
    public static CallingSystem callerOf(Authentication authentication) {
        return authentication instanceof GatewayAuthentication g ? g.system : null;
    }

    public CallingSystem system() {
        return system;
    }

    /** The body SHA-256 (hex) the client signed, or null when the mechanism signs no body. */
    public String signedContentSha256() {
        return signedContentSha256;
    }

    public String mechanism() {
        return mechanism;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return system;
    }

    @Override
    public String getName() {
        return system.systemId();
    }
}
