package vn.gov.haiphong.lgsp.security.gateway;

import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.GroupCommit;

/**
 * The nonces of the gateway HMAC scheme, shared by every node through the database: the primary
 * key (system, nonce) makes the first use win and every replay fail, whichever node it reaches.
 * A nonce is kept until its request's timestamp leaves the freshness window, after which the
 * timestamp check alone refuses a replay, so the table stays as small as the traffic of one window.
 *
 * <p>Claims are group-committed ({@link GroupCommit}) with the other calls in flight: a commit
 * per call was the gateway's ceiling. A replay's failed insert is rolled back to its own savepoint
 * and answered false; the other claims of the batch commit.
 */
@Component
public class NonceStore {

    private static final Logger log = LoggerFactory.getLogger(NonceStore.class);

    private final JdbcClient jdbc;
    private final GroupCommit groupCommit;

    public NonceStore(JdbcClient jdbc, GroupCommit groupCommit) {
        this.jdbc = jdbc;
        this.groupCommit = groupCommit;
    }

    /** True the first time this system presents this nonce; false for a replay. */
    public boolean claim(String systemId, String nonce, Instant keepUntil) {
        try {
            // The duplicate must leave the work (not be caught inside it), so that it is rolled back
            // to its savepoint: PostgreSQL refuses every later statement of a transaction otherwise.
            groupCommit.executeWithoutResult(() -> jdbc.sql(
                    "INSERT INTO gw_nonce (system_id, nonce, expires_at) VALUES (?, ?, ?)")
                    .params(systemId, nonce, keepUntil.atOffset(ZoneOffset.UTC)).update());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Scheduled(fixedDelayString = "${lgsp.gateway.hmac.nonce-purge-interval:60s}",
            initialDelayString = "${lgsp.gateway.hmac.nonce-purge-interval:60s}")
    public int purge() {
        int purged = jdbc.sql("DELETE FROM gw_nonce WHERE expires_at < ?")
                .param(Instant.now().atOffset(ZoneOffset.UTC)).update();
        if (purged > 0) {
            log.debug("Purged {} expired gateway nonces", purged);
        }
        return purged;
    }
}
