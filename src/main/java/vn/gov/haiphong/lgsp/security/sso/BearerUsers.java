package vn.gov.haiphong.lgsp.security.sso;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A person's access token: roles from the claim at {@code lgsp.security.oidc.roles-claim} (a dotted
 * path, e.g. Keycloak's {@code realm_access.roles}), upper-cased with {@code -} as {@code _}
 * ({@code agency-officer} → {@code AGENCY_OFFICER}); only the platform's roles count. The name is
 * {@code preferred_username} when present, else {@code sub}.
 */
public class BearerUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String[] path;

    public BearerUsers(OidcSettings settings) {
        this.path = settings.rolesClaim().split("\\.");
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : roles(jwt)) {
            String normal = role.toUpperCase(Locale.ROOT).replace('-', '_');
            if (UserAccounts.ROLES.contains(normal)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + normal));
            }
        }
        String name = jwt.hasClaim("preferred_username") ? jwt.getClaimAsString("preferred_username") : jwt.getSubject();
        return new JwtAuthenticationToken(jwt, authorities, name);
    }

    private List<String> roles(Jwt jwt) {
        Object node = jwt.getClaims();
        for (String part : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(part);
        }
        List<String> out = new ArrayList<>();
        if (node instanceof Collection<?> values) {
            values.forEach(v -> out.add(String.valueOf(v)));
        } else if (node instanceof String value) {
            out.addAll(List.of(value.split("[ ,]+")));
        }
        return out;
    }
}
