package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.platform.GroupCommit;
import vn.gov.haiphong.lgsp.security.gateway.NonceStore;

/**
 * The WS-Security replay cache lives in the nonce store: a message replayed to another node of
 * the cluster, or to this one after a restart, is still a replay. Two stores over the platform's
 * database stand for two nodes (shared table) or for one node before and after a restart
 * (memory reloaded from the journal).
 */
class SoapReplayCacheTest extends PlatformTestSupport {

    @Autowired
    GroupCommit groupCommit;
    @Autowired
    JdbcClient jdbc;

    /** As WSS4J builds it: the Timestamp's Created and the signature value (longer than the store's key). */
    private static String identifier() {
        return "2026-11-27T10:00:00.000Z" + UUID.randomUUID().toString().repeat(10);
    }

    /** One node's journal: a LOCAL store opened on it again is that node after a restart. */
    @TempDir
    Path journal;

    private SoapReplayCache cacheOn(NonceStore.Mode mode) {
        return new SoapReplayCache(new NonceStore(jdbc, groupCommit, mode, journal.resolve("nonce-journal")),
                Duration.ofSeconds(300), Duration.ofSeconds(60));
    }

    @Test
    void aMessageSeenByOneNodeIsAReplayOnAnother() {
        SoapReplayCache first = cacheOn(NonceStore.Mode.SHARED);
        SoapReplayCache second = cacheOn(NonceStore.Mode.SHARED);
        String message = identifier();

        assertThat(first.contains(message)).as("first sight, on the first node").isFalse();
        assertThat(second.contains(message)).as("the same message on the second node").isTrue();
        assertThat(first.contains(message)).as("and again on the first").isTrue();
        assertThat(second.contains(identifier())).as("another message").isFalse();
    }

    @Test
    void aMessageSeenBeforeARestartIsStillAReplay() {
        String message = identifier();
        assertThat(cacheOn(NonceStore.Mode.LOCAL).contains(message)).isFalse();

        // A new process: its memory is empty until the journal is read back.
        assertThat(cacheOn(NonceStore.Mode.LOCAL).contains(message)).isTrue();
    }

    @Test
    void itKeepsAMessageForTheWholeTimestampWindowUnderAClaimantNoSystemCanBe() {
        long before = jdbc.sql("SELECT COUNT(*) FROM gw_nonce WHERE system_id = ?").param(SoapReplayCache.CLAIMANT)
                .query(Long.class).single();
        cacheOn(NonceStore.Mode.SHARED).contains(identifier());

        Long keptSeconds = jdbc.sql("SELECT DATEDIFF('SECOND', CURRENT_TIMESTAMP, MAX(expires_at)) FROM gw_nonce"
                + " WHERE system_id = ?").param(SoapReplayCache.CLAIMANT).query(Long.class).single();
        assertThat(keptSeconds).as("time to live plus the skew allowed ahead").isBetween(350L, 360L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM gw_nonce WHERE system_id = ?").param(SoapReplayCache.CLAIMANT)
                .query(Long.class).single()).isEqualTo(before + 1);
        assertThat(SoapReplayCache.CLAIMANT).as("system ids are letters, digits, '.', '_' and '-' only")
                .doesNotMatch("[A-Za-z0-9._-]+");
    }
}
