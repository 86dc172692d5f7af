package vn.gov.haiphong.lgsp.security.sso;

import java.time.Duration;
import java.util.Objects;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * The embedded provider's OAuth2 clients. Two kinds, none stored twice:
 * <ul>
 * <li>the console ({@code lgsp-console}): authorization code with PKCE, refresh tokens when it has
 * a secret, scopes {@code openid profile};</li>
 * <li>every registered, enabled connected system that has a secret: client credentials only,
 * {@code client_id} = its systemId, {@code client_secret} = its registered secret (read through
 * the registry, decrypted in memory only, compared in constant time). Disabling a system or
 * changing its secret takes effect on its next token request.</li>
 * </ul>
 */
public class SsoClients implements RegisteredClientRepository {

    /** Marks a system client's secret for {@link ClientSecrets}: compare in constant time, never stored. */
    static final String SYSTEM_SECRET_PREFIX = "{" + ClientSecrets.PLAIN_ID + "}";
    private static final String SYSTEM_PREFIX = "system:";

    private final OidcSettings settings;
    private final AgencyResolver resolver;
    private final RegistryService registry;
    private final RegisteredClient console;

    public SsoClients(OidcSettings settings, AgencyResolver resolver, RegistryService registry) {
        this.settings = settings;
        this.resolver = resolver;
        this.registry = registry;
        this.console = console(settings);
    }

    private static RegisteredClient console(OidcSettings settings) {
        boolean confidential = !OidcSettings.blank(settings.consoleClientSecret());
        RegisteredClient.Builder builder = RegisteredClient.withId("console:" + settings.consoleClientId())
                .clientId(settings.consoleClientId())
                .clientName("LGSP console")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(settings.accessTokenTtl())
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                        .refreshTokenTimeToLive(settings.refreshTokenTtl()).reuseRefreshTokens(false).build());
        settings.consoleRedirectUris().forEach(builder::redirectUri);
        if (confidential) {
            builder.clientSecret(settings.consoleClientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        return builder.build();
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        // Clients come from configuration and the registry; nothing is saved here.
    }

    @Override
    public RegisteredClient findById(String id) {
        if (Objects.equals(id, console.getId())) {
            return console;
        }
        return id != null && id.startsWith(SYSTEM_PREFIX) ? system(id.substring(SYSTEM_PREFIX.length())) : null;
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (Objects.equals(clientId, console.getClientId())) {
            return console;
        }
        return system(clientId);
    }

    private RegisteredClient system(String systemId) {
        ConnectedSystem system = systemId == null ? null : resolver.snapshot().system(systemId).orElse(null);
        if (system == null || !system.enabled() || system.secretCiphertext() == null) {
            return null;
        }
        String secret = registry.secretOf(system);
        if (secret == null) {
            return null;
        }
        return RegisteredClient.withId(SYSTEM_PREFIX + system.systemId())
                .clientId(system.systemId())
                .clientName(system.name())
                .clientSecret(SYSTEM_SECRET_PREFIX + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(settings.accessTokenTtl()).build())
                .build();
    }
}
