package vn.gov.haiphong.lgsp.security.sso;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.security.SecretCipher;

/**
 * The embedded provider's token signing keys, kept in {@code sso_signing_key} (private halves
 * encrypted under the master key), so tokens outlive a restart and every node signs and verifies
 * with the same keys. The newest key signs (its {@code kid} goes into every token header);
 * {@link #rotate} activates a new key while the previous ones stay published in the JWKS for
 * {@code key-retention}, so tokens signed before the rotation keep validating until they expire.
 */
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final OidcSettings settings;
    private final TransactionTemplate tx;
    private final EventOutbox events;
    private volatile List<RSAKey> keys = List.of();
    private volatile List<KeyInfo> infos = List.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    public SigningKeys(JdbcClient jdbc, SecretCipher cipher, OidcSettings settings, TransactionTemplate tx,
                       EventOutbox events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.settings = settings;
        this.tx = tx;
        this.events = events;
        if (!cipher.isConfigured()) {
            throw new IllegalStateException("The embedded OIDC provider stores its signing keys encrypted: "
                    + "configure lgsp.security.master-key (or set lgsp.security.oidc.issuer-uri)");
        }
        reload();
        if (keys.isEmpty()) {
            rotate("startup");
        }
    }

    /** Information about a key, for the admin API (never the private half). */
    public record KeyInfo(String kid, String algorithm, Instant activatedAt, Instant retiredAt, boolean signing) {
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> matching = new ArrayList<>(selector.select(new JWKSet(new ArrayList<>(keys))));
        if (matching.isEmpty() && Instant.now().isAfter(loadedAt.plusSeconds(5))) {
            // Another node may have rotated: look again (at most every 5 s).
            reload();
            matching = new ArrayList<>(selector.select(new JWKSet(new ArrayList<>(keys))));
        }
        return matching;
    }

    /** The key signing new tokens. */
    public String activeKid() {
        List<RSAKey> current = keys;
        if (current.isEmpty()) {
            reload();
            current = keys;
        }
        return current.get(0).getKeyID();
    }

    public List<KeyInfo> list() {
        return infos;
    }

    /** Creates and activates a new signing key; the previous ones are retired, still published. */
    public synchronized KeyInfo rotate(String actor) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String kid = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE sso_signing_key SET retired_at = ? WHERE retired_at IS NULL").param(now).update();
            jdbc.sql("INSERT INTO sso_signing_key (kid, algorithm, public_key, private_key, activated_at) VALUES (?, ?, ?, ?, ?)")
                    .params(kid, JWSAlgorithm.RS256.getName(),
                            Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                            cipher.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())), now)
                    .update();
            events.append(UserAccounts.AUDIT_TOPIC, "SSO_ROTATE_SIGNING_KEY", kid, actor,
                    java.util.Map.of("kid", kid));
        });
        log.info("Signing key {} is now active (by {}); previous keys stay published for {}", kid, actor,
                settings.keyRetention());
        reload();
        return list().get(0);
    }

    /** Rotates when the active key is older than {@code key-rotation-interval}. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void rotateWhenDue() {
        reload();
        if (settings.keyRotationInterval().isZero() || keys.isEmpty()) {
            return;
        }
        Instant activated = keys.get(0).getIssueTime().toInstant();
        if (activated.plus(settings.keyRotationInterval()).isBefore(Instant.now())) {
            rotate("scheduled rotation");
        }
    }

    /** Reads the keys still published: active first, then retired ones within the retention. */
    public synchronized void reload() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(settings.keyRetention());
        List<KeyInfo> read = new ArrayList<>();
        List<RSAKey> loaded = jdbc.sql("SELECT kid, public_key, private_key, activated_at, retired_at FROM sso_signing_key "
                        + "WHERE retired_at IS NULL OR retired_at > ? ORDER BY activated_at DESC")
                .param(cutoff)
                .query((rs, i) -> {
                    OffsetDateTime activated = rs.getObject(4, OffsetDateTime.class);
                    OffsetDateTime retired = rs.getObject(5, OffsetDateTime.class);
                    read.add(new KeyInfo(rs.getString(1), JWSAlgorithm.RS256.getName(), activated.toInstant(),
                            retired == null ? null : retired.toInstant(), i == 0));
                    return toJwk(rs.getString(1), rs.getString(2), rs.getString(3), activated);
                })
                .list();
        infos = List.copyOf(read);
        keys = List.copyOf(loaded);
        loadedAt = Instant.now();
    }

    private RSAKey toJwk(String kid, String publicKey, String privateKey, OffsetDateTime activated) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            RSAPrivateKey priv = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(cipher.decrypt(privateKey))));
            return new RSAKey.Builder(pub).privateKey(priv).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).issueTime(Date.from(activated.toInstant())).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be read", e);
        }
    }
}
