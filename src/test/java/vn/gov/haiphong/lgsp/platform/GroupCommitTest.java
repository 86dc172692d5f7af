package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.PostgresTestSchema;

/**
 * Group commit keeps each caller's transaction semantics: a caller sees its result only once it
 * is committed, a work that fails leaves nothing behind (its savepoint is rolled back) while the
 * works around it commit, and concurrent callers share commits.
 */
class GroupCommitTest extends PlatformTestSupport {

    @Autowired
    GroupCommit groupCommit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    private void insert(String system, String nonce) {
        jdbc.sql("INSERT INTO gw_nonce (system_id, nonce, expires_at) VALUES (?, ?, ?)")
                .params(system, nonce, Instant.now().plusSeconds(60).atOffset(ZoneOffset.UTC)).update();
    }

    private List<String> rows(String system) {
        return jdbc.sql("SELECT nonce FROM gw_nonce WHERE system_id = ? ORDER BY nonce").param(system)
                .query(String.class).list();
    }

    @Test
    void failedWorksLeaveNothingAndTheOthersCommitTogether() throws Exception {
        String system = "test.group-commit." + UUID.randomUUID().toString().substring(0, 8);
        long commitsBefore = groupCommit.commits();
        ExecutorService callers = Executors.newFixedThreadPool(32);
        try {
            List<Callable<String>> works = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String nonce = "n%03d".formatted(i);
                boolean fails = i % 7 == 0;
                works.add(() -> groupCommit.execute(() -> {
                    insert(system, nonce + "-a");
                    insert(system, nonce + "-b");
                    if (fails) {
                        throw new IllegalStateException("refused " + nonce);
                    }
                    return nonce;
                }));
            }
            List<String> committed = new ArrayList<>();
            int refused = 0;
            for (Future<String> answer : callers.invokeAll(works)) {
                try {
                    committed.add(answer.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)
                            .hasMessageStartingWith("refused ");
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(43);
            List<String> expected = committed.stream().flatMap(n -> java.util.stream.Stream.of(n + "-a", n + "-b"))
                    .sorted().toList();
            assertThat(rows(system)).as("both rows of each committed work, none of a refused one").isEqualTo(expected);
        } finally {
            callers.shutdownNow();
        }
        long commits = groupCommit.commits() - commitsBefore;
        assertThat(commits).as("concurrent callers share commits").isPositive().isLessThan(300);
    }

    @Test
    void aDuplicateKeyIsTheCallersExceptionAndTheBatchGoesOn() {
        String system = "test.group-commit." + UUID.randomUUID().toString().substring(0, 8);
        groupCommit.executeWithoutResult(() -> insert(system, "once"));
        assertThatThrownBy(() -> groupCommit.executeWithoutResult(() -> insert(system, "once")))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(groupCommit.execute(() -> {
            insert(system, "after");
            return rows(system);
        })).containsExactly("after", "once");
    }

    @Test
    void underLoadTheWriterLingersForMoreWorksButNeverHoldsBackALoneCaller() throws Exception {
        String system = "test.group-commit." + UUID.randomUUID().toString().substring(0, 8);
        // A linger far longer than any commit: a lone caller answered before it ends was not held.
        GroupCommit lingering = new GroupCommit(transaction, 64, Duration.ofSeconds(3));
        ExecutorService callers = Executors.newFixedThreadPool(12);
        try {
            long start = System.nanoTime();
            lingering.executeWithoutResult(() -> insert(system, "alone"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a lone caller is not held for the linger")
                    .isLessThan(Duration.ofMillis(1_500));
            assertThat(lingering.commits()).isEqualTo(1);

            // Twelve callers at once: after the first commit the writer sees load and waits for the
            // others (up to eight to a batch), so they share a few commits instead of taking one each.
            // They set off together: callers that trickle in one per commit are lone callers each
            // (seen once, with the pool's threads starting slowly: five commits).
            CyclicBarrier together = new CyclicBarrier(12);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String nonce = "n%02d".formatted(i);
                answers.add(callers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return lingering.execute(() -> {
                        insert(system, nonce);
                        return nonce;
                    });
                }));
            }
            List<String> answered = new ArrayList<>();
            for (Future<String> answer : answers) {
                answered.add(answer.get());
            }
            assertThat(answered).hasSize(12);
            assertThat(rows(system)).as("every answered work is committed").hasSize(13).containsAll(answered);
            assertThat(lingering.commits() - 1).as("commits for twelve concurrent callers").isBetween(1L, 4L);
        } finally {
            callers.shutdownNow();
            lingering.stop();
        }
    }

    @Test
    void onH2TheWriterLingersTwoMillisecondsUnlessConfiguredOtherwise() {
        assertThat(groupCommit.linger()).as("the shared platform runs on H2").isEqualTo(Duration.ofMillis(2));
        assertThat(GroupCommit.lingerFor("5ms", null)).isEqualTo(Duration.ofMillis(5));
        assertThat(GroupCommit.lingerFor("0", null)).isZero();
    }

    @Test
    void onPostgresqlTheWriterDoesNotLinger() throws Exception {
        try (PostgresTestSchema schema = PostgresTestSchema.createOrSkip("lgsp_group_commit", "the linger's default was")) {
            assertThat(GroupCommit.lingerFor("auto", schema.dataSource())).isZero();
        }
    }
}
