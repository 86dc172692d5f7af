package vn.gov.haiphong.lgsp.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * Legacy machine authentication for the data API: HTTP Basic with the system id and the
 * system's HMAC secret, compared in constant time. Kept beside the gateway's HMAC-with-freshness
 * scheme and client-credentials tokens, which the data API also takes, for clients written
 * against it (a replayable static secret is only acceptable over TLS).
 * Not a Spring bean on purpose: a provider bean would replace the operators' login.
 */
public class SystemBasicAuthenticationProvider implements AuthenticationProvider {

    public static final String ROLE = "SYSTEM";
    /** Compared against when the system is unknown, so both paths cost the same. */
    private static final byte[] NO_SECRET = new byte[32];

    private final AgencyResolver resolver;
    private final RegistryService registry;

    public SystemBasicAuthenticationProvider(AgencyResolver resolver, RegistryService registry) {
        this.resolver = resolver;
        this.registry = registry;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String systemId = authentication.getName();
        String presented = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        ConnectedSystem system = resolver.snapshot().system(systemId).orElse(null);
        String secret = system == null ? null : registry.secretOf(system);
        byte[] expected = secret == null ? NO_SECRET : secret.getBytes(StandardCharsets.UTF_8);
        boolean matches = MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
        if (system == null || secret == null || !system.enabled() || !matches) {
            throw new BadCredentialsException("Unknown system, disabled system or wrong secret");
        }
        CallingSystem caller = new CallingSystem(system.systemId(), system.ownerAgency(), system.agencies());
        return UsernamePasswordAuthenticationToken.authenticated(caller, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
