package vn.gov.haiphong.lgsp.security.sso;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SSO configuration ({@code lgsp.security.oidc.*}). With {@code issuer-uri} unset the embedded
 * provider runs; set, it is off and tokens of that (Keycloak-compatible) issuer are accepted.
 *
 * @param issuerUri           external issuer (e.g. {@code https://sso.example/realms/lgsp}); unset = embedded provider
 * @param rolesClaim          claim path of people's roles in access tokens ({@code roles}; Keycloak: {@code realm_access.roles})
 * @param systemClaim         claim naming the connected system in client-credentials tokens ({@code client_id})
 * @param issuer              the embedded provider's issuer URL; unset = derived from each request (scheme, host, port)
 * @param consoleClientId     the console's OAuth2 client (authorization code + PKCE)
 * @param consoleClientSecret its secret ({bcrypt} or, in dev files only, {noop}); unset = public client, no refresh tokens
 * @param consoleRedirectUris redirect URIs registered for the console client
 * @param accessTokenTtl      lifetime of access and ID tokens
 * @param refreshTokenTtl     lifetime of the console's refresh tokens
 * @param keyRetention        how long a retired signing key stays in the JWKS (at least the token lifetime)
 * @param keyRotationInterval the active key is replaced when older than this (checked hourly); 0 = never
 */
@ConfigurationProperties("lgsp.security.oidc")
public record OidcSettings(String issuerUri, String rolesClaim, String systemClaim, String issuer,
                           String consoleClientId, String consoleClientSecret, List<String> consoleRedirectUris,
                           Duration accessTokenTtl, Duration refreshTokenTtl, Duration keyRetention,
                           Duration keyRotationInterval) {

    public OidcSettings {
        rolesClaim = blank(rolesClaim) ? "roles" : rolesClaim;
        systemClaim = blank(systemClaim) ? "client_id" : systemClaim;
        consoleClientId = blank(consoleClientId) ? "lgsp-console" : consoleClientId;
        consoleRedirectUris = consoleRedirectUris == null || consoleRedirectUris.isEmpty()
                ? List.of("http://127.0.0.1:8080/sso/callback") : List.copyOf(consoleRedirectUris);
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(10) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofHours(8) : refreshTokenTtl;
        keyRetention = keyRetention == null ? Duration.ofHours(1) : keyRetention;
        if (keyRetention.compareTo(accessTokenTtl) < 0) {
            throw new IllegalStateException("lgsp.security.oidc.key-retention must be at least access-token-ttl");
        }
        keyRotationInterval = keyRotationInterval == null ? Duration.ofDays(30) : keyRotationInterval;
    }

    public boolean external() {
        return !blank(issuerUri);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "OidcSettings[issuerUri=" + issuerUri + ", rolesClaim=" + rolesClaim + ", console=" + consoleClientId + "]";
    }
}
