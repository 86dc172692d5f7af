package vn.gov.haiphong.lgsp.security.sso;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;

/**
 * Token validation for every chain that takes bearer tokens: one {@link JwtDecoder} checking the
 * signature against the embedded provider's keys ({@link SigningKeys}) or, with
 * {@code lgsp.security.oidc.issuer-uri} set, against the external issuer's JWKS (found through its
 * discovery document on first use, so the platform starts while the issuer is down).
 */
@Configuration
public class SsoConfig {

    private static final Logger log = LoggerFactory.getLogger(SsoConfig.class);

    @Bean
    TokenIssuer tokenIssuer(OidcSettings settings) {
        return new TokenIssuer(settings);
    }

    @Bean
    JwtDecoder jwtDecoder(OidcSettings settings, TokenIssuer issuer, Optional<SigningKeys> keys) {
        DelegatingOAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt> validator =
                new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), issuer);
        if (settings.external()) {
            log.info("SSO: the embedded provider is off; accepting tokens of {} (roles from claim {})",
                    settings.issuerUri(), settings.rolesClaim());
            return new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(settings.issuerUri());
                decoder.setJwtValidator(validator);
                return decoder;
            });
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                keys.orElseThrow(() -> new IllegalStateException("No signing keys for the embedded provider"))));
        // Claims are checked by Spring's validators below (expiry with 60 s skew, issuer).
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator);
        return decoder;
    }

    /** For machine APIs (data API; the gateway's {@code /gw/**} chain): tokens of connected systems. */
    @Bean
    BearerTokens systemBearerTokens(JwtDecoder decoder, TokenIssuer issuer, AgencyResolver resolver, OidcSettings settings) {
        return new BearerTokens(decoder, issuer, new BearerSystems(resolver, settings));
    }

    /** For the admin API and consoles: people's tokens, roles from the configured claim. */
    @Bean
    BearerTokens userBearerTokens(JwtDecoder decoder, TokenIssuer issuer, OidcSettings settings) {
        return new BearerTokens(decoder, issuer, new BearerUsers(settings));
    }
}
