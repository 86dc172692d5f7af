package vn.gov.haiphong.lgsp.security.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.security.CallingSystem;

/**
 * Verifies a {@link GatewayHmacToken}: the system is known, enabled and has a secret (from the
 * registry, decrypted with the master key); the HMAC matches (constant time); the timestamp is
 * within the window; and only then the nonce is claimed in the shared store, so unsigned junk
 * cannot fill it. Not a Spring bean: a provider bean would replace the operators' login.
 */
public class GatewayHmacAuthenticationProvider implements AuthenticationProvider {

    static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final int MAX_CACHED_KEYS = 10_000;

    private final AgencyResolver registry;
    private final RegistryService secrets;
    private final NonceStore nonces;
    private final Duration window;
    /** Decrypted secrets by their ciphertext (a new secret has a new ciphertext, so no stale entry is ever used). */
    private final ConcurrentHashMap<String, byte[]> keys = new ConcurrentHashMap<>();

    public GatewayHmacAuthenticationProvider(AgencyResolver registry, RegistryService secrets, NonceStore nonces,
                                             Duration window) {
        this.registry = registry;
        this.secrets = secrets;
        this.nonces = nonces;
        this.window = window;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        GatewayHmacToken token = (GatewayHmacToken) authentication;
        String systemId = token.systemId();
        if (!TIMESTAMP.matcher(token.timestamp()).matches() || !NONCE.matcher(token.nonce()).matches()
                || !HEX_SHA256.matcher(token.contentSha256()).matches()) {
            throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_MISSING, GatewaySignature.TIMESTAMP
                    + " must be Unix seconds, " + GatewaySignature.NONCE + " 16-64 characters of A-Z a-z 0-9 _ -, "
                    + GatewaySignature.CONTENT_SHA256 + " 64 hex digits", systemId);
        }
        ConnectedSystem system = registry.snapshot().system(systemId).orElse(null);
        if (system == null || system.secretCiphertext() == null || !system.enabled()) {
            throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_UNKNOWN_SYSTEM,
                    "No enabled connected system with a secret has the id given in " + GatewaySignature.SYSTEM, systemId);
        }
        String canonical = GatewaySignature.canonical(token.method(), token.path(), token.query(), systemId,
                token.timestamp(), token.nonce(), token.contentSha256().toLowerCase(java.util.Locale.ROOT));
        byte[] key;
        try {
            key = keyOf(system);
        } catch (RuntimeException e) {
            // No or another master key: the operators' problem, logged; the client learns only that it cannot be checked.
            org.slf4j.LoggerFactory.getLogger(GatewayHmacAuthenticationProvider.class)
                    .error("Secret of system {} cannot be decrypted: {}", systemId, e.getMessage());
            throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_UNKNOWN_SYSTEM,
                    "The secret of this system cannot be checked now", systemId);
        }
        String expected = GatewaySignature.hmacHex(key, canonical);
        if (!GatewaySignature.hexEquals(expected, token.signature())) {
            throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_BAD_SIGNATURE,
                    "The signature does not match: sign method, path, query, system, timestamp, nonce and body SHA-256 "
                            + "as docs/integrators.md says, with this system's secret", systemId);
        }
        Instant stamped = Instant.ofEpochSecond(Long.parseLong(token.timestamp()));
        Instant now = Instant.now();
        if (stamped.isBefore(now.minus(window)) || stamped.isAfter(now.plus(window))) {
            throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_STALE, "The timestamp " + token.timestamp()
                    + " is more than " + window.toSeconds() + " s from the gateway's clock (" + now.getEpochSecond() + ")",
                    systemId);
        }
        if (!nonces.claim(systemId, token.nonce(), stamped.plus(window))) {
            throw new GatewayAuthenticationException(ErrorCode.GW_AUTH_REPLAY,
                    "The nonce " + token.nonce() + " was already used: every request needs a new one", systemId);
        }
        CallingSystem caller = new CallingSystem(system.systemId(), system.ownerAgency(), system.agencies());
        return GatewayAuthentication.hmac(caller, token.contentSha256().toLowerCase(java.util.Locale.ROOT));
    }

    private byte[] keyOf(ConnectedSystem system) {
        byte[] key = keys.get(system.secretCiphertext());
        if (key == null) {
            if (keys.size() > MAX_CACHED_KEYS) {
                keys.clear();
            }
            key = secrets.secretOf(system).getBytes(StandardCharsets.UTF_8);
            keys.put(system.secretCiphertext(), key);
        }
        return key;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return GatewayHmacToken.class.isAssignableFrom(authentication);
    }
}
