package vn.gov.haiphong.lgsp.security.sso;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.security.CallingSystem;
import vn.gov.haiphong.lgsp.security.SystemBasicAuthenticationProvider;

/**
 * Maps a client-credentials token to the registered, enabled connected system it names (claim
 * {@code lgsp.security.oidc.system-claim}, {@code client_id} by default; people's tokens carry no
 * such claim), producing the same principal as HTTP Basic system authentication: a
 * {@link CallingSystem} with role {@code SYSTEM}. A token for an unknown or disabled system is
 * refused with SSO-105 — a disabled system's tokens stop working at once.
 */
public class BearerSystems implements Converter<Jwt, AbstractAuthenticationToken> {

    private final AgencyResolver resolver;
    private final String claim;

    public BearerSystems(AgencyResolver resolver, OidcSettings settings) {
        this.resolver = resolver;
        this.claim = settings.systemClaim();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String systemId = jwt.getClaimAsString(claim);
        ConnectedSystem system = systemId == null ? null : resolver.snapshot().system(systemId).orElse(null);
        if (system == null || !system.enabled()) {
            throw new TokenRefusal(vn.gov.haiphong.lgsp.platform.errors.ErrorCode.TOKEN_NOT_A_SYSTEM,
                    systemId == null ? "The token carries no " + claim + " claim: use a client credentials token"
                            : "No enabled connected system " + systemId);
        }
        CallingSystem caller = new CallingSystem(system.systemId(), system.ownerAgency(), system.agencies());
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + SystemBasicAuthenticationProvider.ROLE)));
        authentication.setDetails(jwt);
        return authentication;
    }
}
