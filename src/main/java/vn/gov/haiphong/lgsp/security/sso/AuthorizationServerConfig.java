package vn.gov.haiphong.lgsp.security.sso;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.security.BrowserSessions;
import vn.gov.haiphong.lgsp.security.LoginMechanism;
import vn.gov.haiphong.lgsp.security.LoginThrottle;
import vn.gov.haiphong.lgsp.security.LoginThrottleFilter;
import vn.gov.haiphong.lgsp.security.SecretCipher;

/**
 * The embedded OIDC provider (Spring Authorization Server), on unless
 * {@code lgsp.security.oidc.issuer-uri} names an external one. Endpoints: discovery
 * ({@code /.well-known/openid-configuration}), JWKS ({@code /oauth2/jwks}), authorize, token,
 * introspect, revoke, userinfo, end session ({@code /connect/logout}). People log in on the
 * platform's one login page; the session it creates serves every console page as well.
 */
@Configuration
@Conditional(EmbeddedProvider.class)
public class AuthorizationServerConfig {

    @Bean
    @Order(0)
    SecurityFilterChain authorizationServerSecurity(HttpSecurity http, BrowserSessions browsers, LoginThrottle throttle,
                                                    ObjectMapper json) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http
            .securityMatcher(server.getEndpointsMatcher())
            // Client secrets under the login throttle, before the client authentication filter.
            .addFilterBefore(new LoginThrottleFilter(throttle, json, LoginMechanism.TOKEN),
                    AbstractPreAuthenticatedProcessingFilter.class)
            .with(server, as -> as
                .oidc(Customizer.withDefaults())
                .clientAuthentication(clients -> clients.authenticationProviders(providers -> providers.forEach(p -> {
                    if (p instanceof ClientSecretAuthenticationProvider secrets) {
                        secrets.setPasswordEncoder(ClientSecrets.encoder());
                    }
                }))))
            .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
            // A browser not yet logged in goes to the login page, then back to /oauth2/authorize
            // (kept in a cookie: no session before the login).
            .requestCache(cache -> cache.requestCache(browsers.requestCache(
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/oauth2/authorize"))))
            .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                    new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
            // userinfo takes the access token.
            .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()));
        return http.build();
    }

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, SecretCipher cipher, OidcSettings settings, TransactionTemplate tx,
                            EventOutbox events) {
        return new SigningKeys(jdbc, cipher, settings, tx, events);
    }

    @Bean
    RegisteredClientRepository registeredClients(OidcSettings settings, AgencyResolver resolver, RegistryService registry) {
        return new SsoClients(settings, resolver, registry);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(OidcSettings settings) {
        AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder();
        if (!OidcSettings.blank(settings.issuer())) {
            builder.issuer(settings.issuer());
        }
        return builder.build();
    }

    /**
     * Authorizations (codes, the console's tokens) in memory on this node. Client-credentials
     * tokens are self-contained JWTs and are not kept at all, so machine traffic does not grow it.
     */
    @Bean
    OAuth2AuthorizationService authorizationService() {
        InMemoryOAuth2AuthorizationService memory = new InMemoryOAuth2AuthorizationService();
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
                if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
                    memory.save(authorization);
                }
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
                memory.remove(authorization);
            }

            @Override
            public OAuth2Authorization findById(String id) {
                return memory.findById(id);
            }

            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                return memory.findByToken(token, tokenType);
            }
        };
    }

    /**
     * Every token names its signing key ({@code kid}); system tokens carry {@code client_id} (what
     * {@link BearerSystems} maps), people's access and ID tokens their {@code roles}.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(SigningKeys keys) {
        return context -> {
            context.getJwsHeader().keyId(keys.activeKid());
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
                return;
            }
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (accessToken || idToken) {
                Set<String> roles = new LinkedHashSet<>();
                for (GrantedAuthority authority : context.getPrincipal().getAuthorities()) {
                    String name = authority.getAuthority();
                    if (name != null && name.startsWith("ROLE_")) {
                        roles.add(name.substring("ROLE_".length()));
                    }
                }
                context.getClaims().claim("roles", List.copyOf(roles));
                context.getClaims().claim("preferred_username", context.getPrincipal().getName());
            }
        };
    }
}
