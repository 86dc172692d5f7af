package vn.gov.haiphong.lgsp.exchange.soap;

import java.time.Duration;
import java.time.Instant;
import org.apache.wss4j.common.cache.ReplayCache;
import vn.gov.haiphong.lgsp.platform.Sha256;
import vn.gov.haiphong.lgsp.security.gateway.NonceStore;

/**
 * WS-Security's replay cache (each signed message's Timestamp Created and signature value) kept
 * in the platform's nonce store, the one the gateway's HMAC nonces use: a replayed message is
 * refused whichever node it reaches and after a restart, not only by the node that saw it first
 * while that process lives ({@link NonceStore}: a shared table, or memory and a journal when this
 * process is its database's only user).
 *
 * <p>WSS4J asks {@link #contains} and, when it answers false, records the identifier with
 * {@link #add}. Here {@code contains} makes the claim itself, so that check and record are one
 * atomic step on every node (a check and a later add would let two nodes accept the same replay);
 * {@code add} then has nothing left to do. An identifier is kept for as long as its message could
 * still pass the Timestamp check: the Timestamp's time to live plus the clock skew allowed ahead.
 */
final class SoapReplayCache implements ReplayCache {

    /** The claimant in the nonce store: not a system id (those have no colon), so no system collides. */
    static final String CLAIMANT = "ws-security:replay";

    private final NonceStore nonces;
    private final Duration keep;

    SoapReplayCache(NonceStore nonces, Duration timestampTtl, Duration futureTtl) {
        this.nonces = nonces;
        this.keep = timestampTtl.plus(futureTtl);
    }

    /** Claims the identifier: true when it was claimed before (a replay), false the first time. */
    @Override
    public boolean contains(String identifier) {
        // Hashed: the store keys nonces of at most 64 characters, and a signature value is longer.
        return !nonces.claim(CLAIMANT, Sha256.hex(identifier), Instant.now().plus(keep));
    }

    /** Already claimed by {@link #contains}. */
    @Override
    public void add(String identifier) {
    }

    /** Already claimed by {@link #contains}, kept for the whole Timestamp window. */
    @Override
    public void add(String identifier, Instant expiry) {
    }

    @Override
    public void close() {
    }
}
