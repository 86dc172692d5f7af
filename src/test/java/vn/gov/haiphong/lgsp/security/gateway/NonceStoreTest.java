package vn.gov.haiphong.lgsp.security.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.PostgresTestSchema;
import vn.gov.haiphong.lgsp.platform.GroupCommit;

/**
 * The group-committed nonce store answers each claim exactly as one transaction per claim would: the
 * first use of a nonce wins, every other use — in the same batch, in a later batch, or already in
 * the table — is a replay. Shared (table gw_nonce) on this machine's PostgreSQL (the production
 * database) and on H2; local (memory and journal file) on H2, where a restart must still refuse
 * the window's replays.
 */
class NonceStoreTest {

    private static final int THREADS = 32;

    private static GroupCommit groupCommit(DataSource dataSource) {
        return new GroupCommit(new TransactionTemplate(new DataSourceTransactionManager(dataSource)), 64, java.time.Duration.ZERO);
    }

    private static void exactlyOnceUnderConcurrency(NonceStore store) throws Exception {
        String system = "hp.test." + UUID.randomUUID().toString().substring(0, 8);
        Instant keep = Instant.now().plusSeconds(300);
        // Already used before the burst: every claim of it in the burst is a replay.
        assertThat(store.claim(system, "already-used-nonce-0001", keep)).isTrue();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<String>> claims = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                // 100 distinct nonces, each presented four times, plus replays of the stored one.
                String nonce = i % 10 == 9 ? "already-used-nonce-0001" : "burst-nonce-%04d".formatted(i % 100);
                claims.add(() -> store.claim(system, nonce, keep) ? nonce : null);
            }
            List<String> won = new ArrayList<>();
            for (Future<String> answer : pool.invokeAll(claims)) {
                if (answer.get() != null) {
                    won.add(answer.get());
                }
            }
            assertThat(won).doesNotHaveDuplicates().doesNotContain("already-used-nonce-0001");
            // i % 100 over 0..399 with the i % 10 == 9 slots taken by the replay: nonces ending in 9 never appear.
            assertThat(won).hasSize(90);
        } finally {
            pool.shutdownNow();
        }
        // Another system may use the same nonce.
        assertThat(store.claim(system + ".other", "burst-nonce-0000", keep)).isTrue();
        assertThat(store.claim(system, "burst-nonce-0000", keep)).isFalse();
    }

    @Test
    void eachNonceIsWonOnceOnPostgres() throws Exception {
        try (PostgresTestSchema schema = PostgresTestSchema.createOrSkip("nonce", "the nonce store's group commit")) {
            schema.migrate();
            GroupCommit groupCommit = groupCommit(schema.dataSource());
            try {
                exactlyOnceUnderConcurrency(new NonceStore(JdbcClient.create(schema.dataSource()), groupCommit,
                        NonceStore.Mode.SHARED, null));
            } finally {
                groupCommit.stop();
            }
        }
    }

    private static org.h2.jdbcx.JdbcDataSource migratedH2() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:nonce_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        org.flywaydb.core.Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        return h2;
    }

    @TempDir
    Path journal;

    /** A LOCAL store on this database and journal: opened again on the same journal, a restart. */
    private static NonceStore local(DataSource h2, GroupCommit groupCommit, Path journalDirectory) {
        return new NonceStore(JdbcClient.create(h2), groupCommit, NonceStore.Mode.LOCAL, journalDirectory);
    }

    @Test
    void eachNonceIsWonOnceOnH2() throws Exception {
        for (NonceStore.Mode mode : NonceStore.Mode.values()) {
            DataSource h2 = migratedH2();
            GroupCommit groupCommit = groupCommit(h2);
            try {
                exactlyOnceUnderConcurrency(new NonceStore(JdbcClient.create(h2), groupCommit, mode,
                        journal.resolve(mode.name())));
            } finally {
                groupCommit.stop();
            }
        }
    }

    @Test
    void aRestartedLocalStoreStillRefusesTheWindowsReplays() throws Exception {
        DataSource h2 = migratedH2();
        JdbcClient jdbc = JdbcClient.create(h2);
        GroupCommit groupCommit = groupCommit(h2);
        try {
            Instant now = Instant.now();
            Path file = journal.resolve("restart");
            NonceStore before = local(h2, groupCommit, file);
            assertThat(before.claim("hp.a", "kept-across-restart-01", now.plusSeconds(300))).isTrue();
            assertThat(before.claim("hp.a", "out-of-window-nonce-01", now.minusSeconds(1))).isTrue();
            // Written by earlier versions, in the shared table and in the journal table: still honoured.
            jdbc.sql("INSERT INTO gw_nonce (system_id, nonce, expires_at) VALUES (?, ?, ?)")
                    .params("hp.a", "from-shared-table-0001", now.plusSeconds(300).atOffset(ZoneOffset.UTC)).update();
            jdbc.sql("INSERT INTO gw_nonce_journal (system_id, nonce, expires_at) VALUES (?, ?, ?)")
                    .params("hp.a", "from-journal-table-01", now.plusSeconds(300).atOffset(ZoneOffset.UTC)).update();
            before.close();

            NonceStore after = local(h2, groupCommit, file);
            assertThat(after.claim("hp.a", "kept-across-restart-01", now.plusSeconds(300))).isFalse();
            assertThat(after.claim("hp.a", "from-shared-table-0001", now.plusSeconds(300))).isFalse();
            assertThat(after.claim("hp.a", "from-journal-table-01", now.plusSeconds(300))).isFalse();
            assertThat(after.claim("hp.b", "kept-across-restart-01", now.plusSeconds(300))).isTrue();
            // Left the window before the restart: not reloaded (its timestamp alone refuses it now).
            assertThat(after.claim("hp.a", "out-of-window-nonce-01", now.plusSeconds(300))).isTrue();
            assertThat(lines(file)).hasSize(4).allSatisfy(line -> assertThat(line).matches(
                    "[0-9]+\thp\\.[ab]\t[a-z0-9-]+"));
            after.close();
        } finally {
            groupCommit.stop();
        }
    }

    /** Every line of every segment of a journal. */
    private static List<String> lines(Path directory) throws Exception {
        List<String> lines = new ArrayList<>();
        try (var segments = Files.list(directory)) {
            for (Path segment : segments.sorted().toList()) {
                lines.addAll(Files.readAllLines(segment));
            }
        }
        return lines;
    }

    /**
     * A crash in the middle of a claim's write leaves a torn last line (that claim was never
     * answered): it is skipped, the whole lines before it still count, and the next process
     * writes a segment of its own, so its claims never run on from the torn line.
     */
    @Test
    void aTornLastLineIsSkippedAndTheLinesBeforeItCount() throws Exception {
        DataSource h2 = migratedH2();
        GroupCommit groupCommit = groupCommit(h2);
        try {
            Path directory = Files.createDirectories(journal.resolve("torn"));
            long keep = Instant.now().plusSeconds(300).getEpochSecond();
            Files.writeString(directory.resolve("0000000000001-000000.log"),
                    keep + "\thp.a\twhole-line-nonce-0001\n" + keep + "\thp.");
            NonceStore restarted = local(h2, groupCommit, directory);
            assertThat(restarted.claim("hp.a", "whole-line-nonce-0001", Instant.now().plusSeconds(300))).isFalse();
            assertThat(restarted.claim("hp.a", "after-the-crash-0001", Instant.now().plusSeconds(300))).isTrue();
            restarted.close();
            NonceStore again = local(h2, groupCommit, directory);
            assertThat(again.claim("hp.a", "after-the-crash-0001", Instant.now().plusSeconds(300))).isFalse();
            assertThat(again.claim("hp.a", "whole-line-nonce-0001", Instant.now().plusSeconds(300))).isFalse();
            again.close();
        } finally {
            groupCommit.stop();
        }
    }

    /**
     * Each purge starts a new segment and deletes those whose claims have all expired: the journal
     * keeps about one window of claims, and nothing is ever rewritten.
     */
    @Test
    void thePurgeDropsSegmentsWhoseClaimsHaveAllExpired() throws Exception {
        DataSource h2 = migratedH2();
        GroupCommit groupCommit = groupCommit(h2);
        try {
            Path directory = journal.resolve("segments");
            NonceStore store = local(h2, groupCommit, directory);
            Instant past = Instant.now().minusSeconds(1);
            for (int i = 0; i < 3; i++) {
                assertThat(store.claim("hp.a", "expired-nonce-%06d".formatted(i), past)).isTrue();
            }
            assertThat(store.purge()).isEqualTo(3);
            assertThat(lines(directory)).as("the segment of expired claims is gone").isEmpty();

            assertThat(store.claim("hp.a", "live-nonce-000000001", Instant.now().plusSeconds(300))).isTrue();
            assertThat(store.claim("hp.a", "short-lived-nonce-01", past)).isTrue();
            assertThat(store.purge()).isEqualTo(1);
            assertThat(lines(directory)).as("a segment with a live claim stays whole").hasSize(2);
            assertThat(store.claim("hp.a", "after-rotation-00001", Instant.now().plusSeconds(300))).isTrue();
            try (var segments = Files.list(directory)) {
                assertThat(segments.count()).as("the kept segment and the new one").isEqualTo(2);
            }
            store.close();

            NonceStore restarted = local(h2, groupCommit, directory);
            assertThat(restarted.claim("hp.a", "live-nonce-000000001", Instant.now().plusSeconds(300))).isFalse();
            assertThat(restarted.claim("hp.a", "after-rotation-00001", Instant.now().plusSeconds(300))).isFalse();
            assertThat(restarted.claim("hp.a", "expired-nonce-000000", Instant.now().plusSeconds(300))).isTrue();
            restarted.close();
        } finally {
            groupCommit.stop();
        }
    }

    @Test
    void theModeFollowsTheDatabase() {
        assertThat(NonceStore.Mode.resolve("auto", "jdbc:h2:file:./data/db/lgsp;WRITE_DELAY=0")).isEqualTo(NonceStore.Mode.LOCAL);
        assertThat(NonceStore.Mode.resolve("auto", "jdbc:h2:mem:x")).isEqualTo(NonceStore.Mode.LOCAL);
        assertThat(NonceStore.Mode.resolve("auto", "jdbc:h2:file:./db;AUTO_SERVER=TRUE")).isEqualTo(NonceStore.Mode.SHARED);
        assertThat(NonceStore.Mode.resolve("auto", "jdbc:h2:tcp://db:9092/lgsp")).isEqualTo(NonceStore.Mode.SHARED);
        assertThat(NonceStore.Mode.resolve("auto", "jdbc:postgresql://db/lgsp")).isEqualTo(NonceStore.Mode.SHARED);
        assertThat(NonceStore.Mode.resolve("auto", null)).isEqualTo(NonceStore.Mode.SHARED);
        assertThat(NonceStore.Mode.resolve(" Shared ", "jdbc:h2:mem:x")).isEqualTo(NonceStore.Mode.SHARED);
        assertThat(NonceStore.Mode.resolve("local", "jdbc:postgresql://db/lgsp")).isEqualTo(NonceStore.Mode.LOCAL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NonceStore.Mode.resolve("memory", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, shared or local");
    }
}
