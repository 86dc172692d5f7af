package vn.gov.haiphong.lgsp.security.sso;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.text.ParseException;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;
import vn.gov.haiphong.lgsp.security.AuthenticationRefusal;

/**
 * Checks a bearer JWT and names each refusal: a foreign issuer (SSO-102, looked at before the
 * signature, so the answer says whose token it is), a bad signature or unknown key (SSO-103), an
 * expired token (SSO-101), anything else unreadable (SSO-104). The accepted token is turned into
 * an {@link Authentication} by a converter: {@link BearerSystems} for machine APIs,
 * {@link BearerUsers} for people. Use {@link #manager} in a chain's
 * {@code oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.authenticationManager(...)))} and
 * {@link #entryPoint} as its {@code authenticationEntryPoint}.
 */
public class BearerTokens {

    private final JwtDecoder decoder;
    private final TokenIssuer issuer;
    private final Converter<Jwt, ? extends AbstractAuthenticationToken> converter;

    public BearerTokens(JwtDecoder decoder, TokenIssuer issuer, Converter<Jwt, ? extends AbstractAuthenticationToken> converter) {
        this.decoder = decoder;
        this.issuer = issuer;
        this.converter = converter;
    }

    /**
     * An authentication manager for {@code BearerTokenAuthenticationToken}s. (Not an
     * AuthenticationProvider bean on purpose: such a bean would replace the people's login.)
     */
    public ProviderManager manager() {
        return new ProviderManager(new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return BearerTokens.this.authenticate(((BearerTokenAuthenticationToken) authentication).getToken());
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
            }
        });
    }

    /** Checks a token and converts it, or throws {@link TokenRefusal}. */
    public AbstractAuthenticationToken authenticate(String token) {
        String iss;
        try {
            JWT unverified = JWTParser.parse(token);
            iss = unverified.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new TokenRefusal(ErrorCode.TOKEN_MALFORMED, "The bearer token is not a JWT");
        }
        if (iss == null || !issuer.trusts(iss)) {
            throw new TokenRefusal(ErrorCode.TOKEN_FOREIGN_ISSUER, "Tokens of issuer " + iss + " are not accepted here");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtValidationException e) {
            boolean expired = e.getErrors().stream().map(OAuth2Error::getDescription)
                    .anyMatch(d -> d != null && d.contains("expired"));
            throw expired ? new TokenRefusal(ErrorCode.TOKEN_EXPIRED, "The bearer token has expired; get a new one")
                    : new TokenRefusal(ErrorCode.TOKEN_MALFORMED, "The bearer token's claims are not valid");
        } catch (BadJwtException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("signature") || message.contains("matching key") || message.contains("Signed JWT rejected")) {
                throw new TokenRefusal(ErrorCode.TOKEN_BAD_SIGNATURE,
                        "The bearer token's signature does not verify against the issuer's published keys");
            }
            throw new TokenRefusal(ErrorCode.TOKEN_MALFORMED, "The bearer token is not a valid signed JWT");
        } catch (JwtException e) {
            // The issuer's keys could not be fetched: the token cannot be checked now.
            throw new TokenRefusal(ErrorCode.TOKEN_BAD_SIGNATURE, "The issuer's keys cannot be read to check the token");
        }
        AbstractAuthenticationToken result = converter.convert(jwt);
        if (result == null) {
            throw new TokenRefusal(ErrorCode.TOKEN_MALFORMED, "The bearer token does not name a caller");
        }
        return result;
    }

    /**
     * Answers refusals as problem+json: the token's own code, or {@code fallback} for a missing
     * credential (503 {@code LGSP-503} where it could not be checked: {@link AuthenticationRefusal}).
     */
    public static AuthenticationEntryPoint entryPoint(ObjectMapper json, String fallbackDetail) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            if (e instanceof TokenRefusal refusal) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ProblemJson.write(response, json, refusal.error(), refusal.getMessage());
            } else {
                AuthenticationRefusal.write(request, response, json, e, ErrorCode.UNAUTHENTICATED, fallbackDetail);
            }
        };
    }
}
