package vn.gov.haiphong.lgsp.security.sso;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;

/** Hand-made JWTs for refusal tests: expired, foreign, signed by a stranger, or with any claims. */
public final class TestTokens {

    /** The platform's own active signing key (private part included), to make tokens it would issue. */
    public static RSAKey platformKey(SigningKeys keys) throws Exception {
        return (RSAKey) keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(keys.activeKid()).build()), null)
                .get(0);
    }

    /** A client-credentials-like token for {@code system}, issued by {@code issuer}, expiring at {@code expires}. */
    public static String systemToken(RSAKey key, String issuer, String system, Instant expires) throws Exception {
        return sign(key, new JWTClaimsSet.Builder().issuer(issuer).subject(system).claim("client_id", system)
                .issueTime(Date.from(expires.minusSeconds(600))).expirationTime(Date.from(expires)).build());
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private TestTokens() {
    }
}
