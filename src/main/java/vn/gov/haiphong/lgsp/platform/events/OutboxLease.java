package vn.gov.haiphong.lgsp.platform.events;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The right to publish the event outbox, held by one process at a time across the cluster, so
 * each event is sent once and each key's events in order. Taken when free or expired, renewed
 * by its holder while it works, released on shutdown; a holder that dies loses it when it
 * expires, and only then may an event be sent twice (the rows it had sent but not yet marked).
 * Expiry is reckoned on the database's clock, the one clock every node shares.
 */
final class OutboxLease {

    private final JdbcClient jdbc;
    private final String holder;
    private final long lengthMillis;

    OutboxLease(JdbcClient jdbc, String holder, Duration length) {
        this.jdbc = jdbc;
        this.holder = holder;
        this.lengthMillis = length.toMillis();
    }

    /** Takes or renews the lease; false while another process holds it. */
    boolean hold() {
        return jdbc.sql("""
                        UPDATE event_outbox_lease
                        SET holder = :holder, expires_at = CURRENT_TIMESTAMP + CAST(:ms AS BIGINT) * INTERVAL '0.001' SECOND
                        WHERE id = 1 AND (holder = :holder OR expires_at < CURRENT_TIMESTAMP)""")
                .param("holder", holder).param("ms", lengthMillis).update() == 1;
    }

    /** Lets another node take over at once instead of after the expiry. */
    void release() {
        jdbc.sql("UPDATE event_outbox_lease SET holder = NULL, expires_at = TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00' "
                + "WHERE id = 1 AND holder = :holder").param("holder", holder).update();
    }
}
