package vn.gov.haiphong.lgsp.security.sso;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The one issuer whose tokens are accepted: the external issuer when configured; otherwise the
 * embedded provider's {@code lgsp.security.oidc.issuer}, or — unset — the platform's own address
 * as the current request reaches it (what Spring Authorization Server puts in {@code iss}).
 */
public class TokenIssuer implements OAuth2TokenValidator<Jwt> {

    private final OidcSettings settings;

    public TokenIssuer(OidcSettings settings) {
        this.settings = settings;
    }

    public String expected() {
        if (settings.external()) {
            return strip(settings.issuerUri());
        }
        if (!OidcSettings.blank(settings.issuer())) {
            return strip(settings.issuer());
        }
        if (RequestContextHolder.getRequestAttributes() == null) {
            return null;
        }
        return strip(ServletUriComponentsBuilder.fromCurrentContextPath().replaceQuery(null).build().toUriString());
    }

    public boolean trusts(String iss) {
        String expected = expected();
        return expected != null && iss != null && expected.equals(strip(iss));
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String iss = token.getIssuer() == null ? null : token.getIssuer().toString();
        return trusts(iss) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The iss claim is not valid", null));
    }

    private static String strip(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
