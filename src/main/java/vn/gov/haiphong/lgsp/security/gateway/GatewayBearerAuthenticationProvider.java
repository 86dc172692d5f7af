package vn.gov.haiphong.lgsp.security.gateway;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.security.CallingSystem;
import vn.gov.haiphong.lgsp.security.sso.BearerTokens;
import vn.gov.haiphong.lgsp.security.sso.TokenRefusal;

/**
 * A connected system's client-credentials token on the gateway: checked exactly as on the data
 * API (issuer, signature, expiry, an enabled registered system; refusals SSO-101..105), then
 * turned into a {@link GatewayAuthentication}. No body hash is signed with a token: TLS protects
 * the body. Not a Spring bean, for the same reason as the HMAC provider.
 */
public class GatewayBearerAuthenticationProvider implements AuthenticationProvider {

    private final BearerTokens tokens;

    public GatewayBearerAuthenticationProvider(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication checked = tokens.authenticate(((BearerTokenAuthenticationToken) authentication).getToken());
        if (!(checked.getPrincipal() instanceof CallingSystem system)) {
            throw new TokenRefusal(ErrorCode.TOKEN_NOT_A_SYSTEM, "The token does not name a connected system");
        }
        return GatewayAuthentication.bearer(system);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
