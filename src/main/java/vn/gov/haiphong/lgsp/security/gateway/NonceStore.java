package vn.gov.haiphong.lgsp.security.gateway;

import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nonces of the gateway HMAC scheme, shared by every node through the database: the primary
 * key (system, nonce) makes the first use win and every replay fail, whichever node it reaches.
 * A nonce is kept until its request's timestamp leaves the freshness window, after which the
 * timestamp check alone refuses a replay, so the table stays as small as the traffic of one window.
 */
@Component
public class NonceStore {

    private static final Logger log = LoggerFactory.getLogger(NonceStore.class);

    private final JdbcClient jdbc;

    public NonceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time this system presents this nonce; false for a replay. */
    public boolean claim(String systemId, String nonce, Instant keepUntil) {
        try {
            jdbc.sql("INSERT INTO gw_nonce (system_id, nonce, expires_at) VALUES (?, ?, ?)")
                    .params(systemId, nonce, keepUntil.atOffset(ZoneOffset.UTC)).update();
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
