package vn.gov.haiphong.lgsp.platform.messagelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.messagelog.VerificationReport.Check;

/**
 * The chain itself, on a database of its own (so tampering never touches the shared platform's
 * log): H2 in {@link MessageLogChainOnH2Test}, PostgreSQL in {@link MessageLogChainOnPostgresTest}.
 * Every instance of {@link MessageLog} here stands for a platform node.
 */
abstract class MessageLogChainContract {

    /** The worked example of docs/operators.md ("The message log"): this row, sealed first, has this hash. */
    static final Instant EXAMPLE_AT = Instant.parse("2025-07-15T01:30:00.123456Z");
    static final String EXAMPLE_NODE = "lgsp-node-1";
    static final MessageLogEntry EXAMPLE = new MessageLogEntry("EXCHANGE_ACCEPTED",
            "0b8e3f5c-2d7a-4e61-9c1a-5f0d2b7e8a41", "hp.sonv.qlvb", "000.00.02.H27", "000.60.71.H27", null, "OK",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 18342L,
            Map.of("recipientSystems", List.of("hd.phuonghaiduong.qlvb"), "messageType", "edoc"));
    static final String EXAMPLE_CANONICAL = "13:LGSP-MSGLOG-1,1:1,27:2025-07-15T01:30:00.123456Z,11:lgsp-node-1,"
            + "17:EXCHANGE_ACCEPTED,36:0b8e3f5c-2d7a-4e61-9c1a-5f0d2b7e8a41,12:hp.sonv.qlvb,13:000.00.02.H27,"
            + "13:000.60.71.H27,-,2:OK,64:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,5:18342,"
            + "68:{\"messageType\":\"edoc\",\"recipientSystems\":[\"hd.phuonghaiduong.qlvb\"]},";
    static final String EXAMPLE_HASH = "d86eafd3115972face7a7133e2598235b8af725b639ed36a3467bbe380aa257b";

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    JdbcTemplate jdbc;
    DataSourceTransactionManager transactions;

    abstract DataSource dataSource();

    MessageLog node(String name) {
        return new MessageLog(jdbc, transactions, JSON, name, Clock.systemUTC());
    }

    @BeforeEach
    void emptyLog() {
        jdbc = new JdbcTemplate(dataSource());
        transactions = new DataSourceTransactionManager(dataSource());
        jdbc.update("DELETE FROM message_log");
        jdbc.update("UPDATE message_log_head SET last_seq = 0, last_hash = ?, sealed_at = NULL", ChainHash.GENESIS);
    }

    static MessageLogEntry entry(String kind, String messageId) {
        return new MessageLogEntry(kind, messageId, "test.system", "000.00.02.H27", "000.60.71.H27,000.00.61.H27",
                null, "OK", "ab".repeat(32), 1234L, Map.of("n", messageId));
    }

    /** Appends {@code count} rows on {@code node} and seals them. */
    void appendAndSeal(MessageLog node, int count) {
        for (int i = 0; i < count; i++) {
            node.append(entry("EXCHANGE_ACCEPTED", "m-" + i));
        }
        assertThat(node.seal()).isEqualTo(count);
    }

    // --- the worked example -------------------------------------------------------------------

    @Test
    void theWorkedExampleOfTheOperatorsGuideIsWhatTheSealerComputes() throws Exception {
        MessageLog node = new MessageLog(jdbc, transactions, JSON, EXAMPLE_NODE, Clock.fixed(EXAMPLE_AT, ZoneOffset.UTC));
        node.append(EXAMPLE);
        node.seal();
        MessageLogRow row = jdbc.query("SELECT " + MessageLogRows.COLUMNS + " FROM message_log", MessageLogRows.MAPPER)
                .get(0);
        assertThat(row.chainSeq()).isEqualTo(1);
        assertThat(row.prevHash()).isEqualTo(ChainHash.GENESIS);
        assertThat(new String(ChainHash.canonical(row), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(EXAMPLE_CANONICAL);
        assertThat(row.hash()).isEqualTo(EXAMPLE_HASH);
        // An auditor's recomputation, independent of ChainHash: SHA-256 over prev_hash text + canonical bytes.
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(ChainHash.GENESIS.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(java.util.HexFormat.of().formatHex(sha.digest(EXAMPLE_CANONICAL.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)))).isEqualTo(EXAMPLE_HASH);
        String guide = Files.readString(Path.of("docs/operators.md"));
        assertThat(guide).contains(EXAMPLE_HASH).contains(EXAMPLE_CANONICAL);
        assertThat(node.verify().ok()).isTrue();
    }

    // --- concurrency --------------------------------------------------------------------------

    @Test
    void manyConcurrentAppendersWhileTwoNodesSealGiveOneChainWithoutGaps() throws Exception {
        int threads = 8;
        int perThread = 150;
        MessageLog nodeA = node("node-a");
        MessageLog nodeB = node("node-b");
        AtomicBoolean appending = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        try {
            List<Future<Integer>> sealers = new ArrayList<>();
            for (MessageLog sealer : List.of(nodeA, nodeB)) {
                sealers.add(pool.submit(() -> {
                    int sealed = 0;
                    while (appending.get()) {
                        sealed += sealer.seal();
                        Thread.sleep(5);
                    }
                    return sealed;
                }));
            }
            List<Future<?>> appenders = new ArrayList<>();
            TransactionTemplate tx = new TransactionTemplate(transactions);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                MessageLog appender = thread % 2 == 0 ? nodeA : nodeB;
                appenders.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String id = "t" + thread + "-" + i;
                        if (i % 10 == 0) {
                            // in a transaction that rolls back: nothing may remain
                            tx.executeWithoutResult(status -> {
                                appender.append(entry("EXCHANGE_ACCEPTED", id + "-rolled-back"));
                                status.setRollbackOnly();
                            });
                        }
                        tx.executeWithoutResult(status -> appender.append(entry("EXCHANGE_ACCEPTED", id)));
                    }
                    return null;
                }));
            }
            for (Future<?> appender : appenders) {
                appender.get(2, TimeUnit.MINUTES);
            }
            appending.set(false);
            int sealedConcurrently = 0;
            for (Future<Integer> sealer : sealers) {
                sealedConcurrently += sealer.get(1, TimeUnit.MINUTES);
            }
            int sealedAfter = nodeA.seal();
            int total = threads * perThread;
            assertThat(sealedConcurrently + sealedAfter).isEqualTo(total);
            assertThat(sealedConcurrently).as("sealing ran while appenders appended").isPositive();
        } finally {
            pool.shutdownNow();
        }
        int total = threads * perThread;
        assertContiguousChain(total);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_log WHERE message_id LIKE '%-rolled-back'",
                Long.class)).isZero();
        VerificationReport report = nodeB.verify();
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.checkedRows()).isEqualTo(total);
        assertThat(report.headSeq()).isEqualTo(total);
        assertThat(report.unsealedRows()).isZero();
        assertThat(report.firstBreak()).isNull();
    }

    @Test
    void batchesAppendedSealedAmongPlainAppendsAndTwoSealersGiveOneChain() throws Exception {
        MessageLog nodeA = node("node-a");
        MessageLog nodeB = node("node-b");
        int threads = 4;
        int batches = 25;
        int batchSize = 8;
        AtomicBoolean appending = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2 * threads + 2);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        try {
            List<Future<?>> sealers = new ArrayList<>();
            for (MessageLog sealer : List.of(nodeA, nodeB)) {
                sealers.add(pool.submit(() -> {
                    while (appending.get()) {
                        sealer.seal();
                        Thread.sleep(3);
                    }
                    return null;
                }));
            }
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                MessageLog appender = thread % 2 == 0 ? nodeA : nodeB;
                appenders.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        List<MessageLogEntry> batch = new ArrayList<>();
                        for (int i = 0; i < batchSize; i++) {
                            batch.add(entry("GATEWAY_CALL", "s" + thread + "-" + b + "-" + i));
                        }
                        if (b % 5 == 0) {
                            // rolled back: neither its rows nor its move of the head remain
                            tx.executeWithoutResult(status -> {
                                appender.appendAllSealed(batch.stream().map(e -> entry("GATEWAY_CALL",
                                        e.messageId() + "-rolled-back")).toList());
                                status.setRollbackOnly();
                            });
                        }
                        appender.appendAllSealed(batch);
                    }
                    return null;
                }));
                appenders.add(pool.submit(() -> {
                    for (int i = 0; i < batches * batchSize; i++) {
                        appender.append(entry("EXCHANGE_ACCEPTED", "p" + thread + "-" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> appender : appenders) {
                appender.get(2, TimeUnit.MINUTES);
            }
            appending.set(false);
            for (Future<?> sealer : sealers) {
                sealer.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        nodeA.seal();
        int total = 2 * threads * batches * batchSize;
        assertContiguousChain(total);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_log WHERE message_id LIKE '%-rolled-back'",
                Long.class)).isZero();
        // Each sealed batch holds consecutive places: nothing came between its rows.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_log r JOIN message_log p "
                + "ON p.chain_seq = r.chain_seq - 1 WHERE r.kind = 'GATEWAY_CALL' AND r.message_id NOT LIKE '%-0' "
                + "AND p.message_id <> SUBSTRING(r.message_id, 1, LENGTH(r.message_id) - 1) "
                + "|| CAST(CAST(SUBSTRING(r.message_id, LENGTH(r.message_id)) AS INT) - 1 AS VARCHAR)", Long.class)).isZero();
        VerificationReport report = nodeB.verify();
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.checkedRows()).isEqualTo(total);
        assertThat(report.unsealedRows()).isZero();
    }

    @Test
    void aSealedAppendIsWhatTheSealerWouldHaveMadeOfIt() {
        MessageLog node = new MessageLog(jdbc, transactions, JSON, EXAMPLE_NODE, Clock.fixed(EXAMPLE_AT, ZoneOffset.UTC));
        node.appendAllSealed(List.of(EXAMPLE));
        assertThat(node.seal()).isZero();
        MessageLogRow row = jdbc.query("SELECT " + MessageLogRows.COLUMNS + " FROM message_log", MessageLogRows.MAPPER)
                .get(0);
        assertThat(row.chainSeq()).isEqualTo(1);
        assertThat(row.prevHash()).isEqualTo(ChainHash.GENESIS);
        assertThat(row.hash()).isEqualTo(EXAMPLE_HASH);
        assertThat(node.head().hash()).isEqualTo(EXAMPLE_HASH);
        assertThat(node.verify().ok()).isTrue();
    }

    @Test
    void twoSealersStartedTogetherOnOneBacklogNeverForkTheChain() throws Exception {
        MessageLog nodeA = node("node-a");
        MessageLog nodeB = node("node-b");
        int backlog = 2_400;
        jdbc.batchUpdate("INSERT INTO message_log (recorded_at, node, kind, message_id) VALUES (?, 'node-a', 'GATEWAY_CALL', ?)",
                java.util.stream.IntStream.range(0, backlog).mapToObj(i -> new Object[] {
                        Instant.now().atOffset(ZoneOffset.UTC), "g-" + i}).toList());
        for (int round = 0; round < 3; round++) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> sealers = new ArrayList<>();
                for (MessageLog sealer : List.of(nodeA, nodeB)) {
                    sealers.add(pool.submit((Callable<Integer>) () -> {
                        start.await();
                        return sealer.seal();
                    }));
                }
                start.countDown();
                int sealed = sealers.get(0).get(1, TimeUnit.MINUTES) + sealers.get(1).get(1, TimeUnit.MINUTES);
                assertThat(sealed).isEqualTo(round == 0 ? backlog : 0);
            } finally {
                pool.shutdownNow();
            }
        }
        assertContiguousChain(backlog);
        VerificationReport report = nodeA.verify();
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.checkedRows()).isEqualTo(backlog);
    }

    /** Seqs 1..n once each, each row's prev_hash the hash of the row before, the head at n. */
    void assertContiguousChain(long n) {
        Map<String, Object> stats = jdbc.queryForMap("SELECT COUNT(*) AS c, COUNT(DISTINCT chain_seq) AS d, "
                + "MIN(chain_seq) AS lo, MAX(chain_seq) AS hi FROM message_log");
        assertThat(((Number) stats.get("c")).longValue()).isEqualTo(n);
        assertThat(((Number) stats.get("d")).longValue()).isEqualTo(n);
        assertThat(((Number) stats.get("lo")).longValue()).isEqualTo(1);
        assertThat(((Number) stats.get("hi")).longValue()).isEqualTo(n);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_log r JOIN message_log p "
                + "ON p.chain_seq = r.chain_seq - 1 WHERE r.prev_hash <> p.hash", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT last_seq FROM message_log_head", Long.class)).isEqualTo(n);
    }

    // --- seal order -----------------------------------------------------------------------------

    @Test
    void aRowCommittedLateWithASmallerIdIsSealedLater() {
        MessageLog node = node("node-a");
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            node.append(entry("EXCHANGE_ACCEPTED", "early-id-late-commit"));
            // Meanwhile another transaction appends and commits, and the sealer runs.
            new TransactionTemplate(transactions) {{
                setPropagationBehavior(PROPAGATION_REQUIRES_NEW);
            }}.executeWithoutResult(inner -> node.append(entry("EXCHANGE_ACCEPTED", "late-id-early-commit")));
            assertThat(node.seal()).isEqualTo(1);
        });
        assertThat(node.seal()).isEqualTo(1);
        Map<String, Long> seqs = new LinkedHashMap<>();
        jdbc.query("SELECT message_id, chain_seq FROM message_log ORDER BY id",
                rs -> {
                    seqs.put(rs.getString(1), rs.getLong(2));
                });
        assertThat(seqs).containsExactly(Map.entry("early-id-late-commit", 2L), Map.entry("late-id-early-commit", 1L));
        assertThat(node.verify().ok()).isTrue();
    }

    // --- tampering ----------------------------------------------------------------------------

    @Test
    void aChangedFieldIsReportedAtItsSeq() {
        MessageLog node = node("node-a");
        appendAndSeal(node, 6);
        String stored = jdbc.queryForObject("SELECT hash FROM message_log WHERE chain_seq = 4", String.class);
        jdbc.update("UPDATE message_log SET outcome = 'FORGED' WHERE chain_seq = 4");

        VerificationReport report = node.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.checkedRows()).isEqualTo(3);
        assertThat(report.firstBreak().seq()).isEqualTo(4);
        assertThat(report.firstBreak().check()).isEqualTo(Check.CONTENT_CHANGED);
        assertThat(report.firstBreak().foundHash()).isEqualTo(stored);
        assertThat(report.firstBreak().expectedHash()).hasSize(64).isNotEqualTo(stored);
        assertThat(report.summary()).contains("BROKEN at seq 4");
    }

    @Test
    void aChangedTimestampOrSeqIsContentToo() {
        MessageLog node = node("node-a");
        appendAndSeal(node, 3);
        jdbc.update("UPDATE message_log SET recorded_at = ? WHERE chain_seq = 2",
                Instant.parse("2020-01-01T00:00:00Z").atOffset(ZoneOffset.UTC));
        VerificationReport report = node.verify();
        assertThat(report.firstBreak().seq()).isEqualTo(2);
        assertThat(report.firstBreak().check()).isEqualTo(Check.CONTENT_CHANGED);
    }

    @Test
    void aRowChangedAndRehashedBreaksTheNextLink() {
        MessageLog node = node("node-a");
        appendAndSeal(node, 5);
        MessageLogRow row = jdbc.query("SELECT " + MessageLogRows.COLUMNS + " FROM message_log WHERE chain_seq = 2",
                MessageLogRows.MAPPER).get(0);
        MessageLogRow forged = new MessageLogRow(row.id(), row.chainSeq(), row.recordedAt(), row.node(), row.kind(),
                row.messageId(), row.actor(), row.fromCode(), "000.00.99.H27", row.route(), row.outcome(), row.sha256(),
                row.sizeBytes(), row.detail(), row.prevHash(), null);
        jdbc.update("UPDATE message_log SET to_code = ?, hash = ? WHERE chain_seq = 2", forged.toCode(),
                ChainHash.hash(row.prevHash(), forged));

        VerificationReport report = node.verify();
        assertThat(report.firstBreak().seq()).isEqualTo(3);
        assertThat(report.firstBreak().check()).isEqualTo(Check.PREV_HASH_MISMATCH);
        assertThat(report.firstBreak().foundHash()).isEqualTo(row.hash());
    }

    @Test
    void aDeletedRowIsReportedAsTheMissingSeq() {
        MessageLog node = node("node-a");
        appendAndSeal(node, 6);
        String hashOf2 = jdbc.queryForObject("SELECT hash FROM message_log WHERE chain_seq = 2", String.class);
        jdbc.update("DELETE FROM message_log WHERE chain_seq = 3");

        VerificationReport report = node.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.checkedRows()).isEqualTo(2);
        assertThat(report.firstBreak().seq()).isEqualTo(3);
        assertThat(report.firstBreak().check()).isEqualTo(Check.ROW_DELETED);
        assertThat(report.firstBreak().foundSeq()).isEqualTo(4);
        assertThat(report.firstBreak().expectedHash()).isEqualTo(hashOf2);
    }

    @Test
    void deletedRowsAtTheStartOrTheEndAreReportedToo() {
        MessageLog node = node("node-a");
        appendAndSeal(node, 4);
        jdbc.update("DELETE FROM message_log WHERE chain_seq = 4");
        VerificationReport tail = node.verify();
        assertThat(tail.firstBreak().seq()).isEqualTo(4);
        assertThat(tail.firstBreak().check()).isEqualTo(Check.ROW_DELETED);
        assertThat(tail.firstBreak().foundSeq()).isNull();

        jdbc.update("DELETE FROM message_log WHERE chain_seq = 1");
        VerificationReport head = node.verify();
        assertThat(head.firstBreak().seq()).isEqualTo(1);
        assertThat(head.firstBreak().check()).isEqualTo(Check.ROW_DELETED);
        assertThat(head.firstBreak().foundSeq()).isEqualTo(2);
    }

    @Test
    void aChangedPrevHashIsReported() {
        MessageLog node = node("node-a");
        appendAndSeal(node, 5);
        String hashOf2 = jdbc.queryForObject("SELECT hash FROM message_log WHERE chain_seq = 2", String.class);
        jdbc.update("UPDATE message_log SET prev_hash = ? WHERE chain_seq = 3", "f".repeat(64));

        VerificationReport report = node.verify();
        assertThat(report.firstBreak().seq()).isEqualTo(3);
        assertThat(report.firstBreak().check()).isEqualTo(Check.PREV_HASH_MISMATCH);
        assertThat(report.firstBreak().expectedHash()).isEqualTo(hashOf2);
        assertThat(report.firstBreak().foundHash()).isEqualTo("f".repeat(64));
    }

    @Test
    void anUnsealedRowIsResealedAtTheEndAndItsOldPlaceReportedMissing() {
        MessageLog node = node("node-a");
        appendAndSeal(node, 4);
        jdbc.update("UPDATE message_log SET chain_seq = NULL, prev_hash = NULL, hash = NULL WHERE chain_seq = 2");
        assertThat(node.verify().unsealedRows()).isEqualTo(1);
        node.seal();
        VerificationReport report = node.verify();
        assertThat(report.firstBreak().seq()).isEqualTo(2);
        assertThat(report.firstBreak().check()).isEqualTo(Check.ROW_DELETED);
    }

    @Test
    void aHeadMovedBackIsReportedAndSealingRefusesToFork() {
        MessageLog node = node("node-a");
        appendAndSeal(node, 4);
        String hashOf2 = jdbc.queryForObject("SELECT hash FROM message_log WHERE chain_seq = 2", String.class);
        jdbc.update("UPDATE message_log_head SET last_seq = 2, last_hash = ?", hashOf2);
        VerificationReport report = node.verify();
        assertThat(report.firstBreak().check()).isEqualTo(Check.HEAD_MISMATCH);
        assertThat(report.firstBreak().seq()).isEqualTo(3);

        node.append(entry("EXCHANGE_ACCEPTED", "after-the-head-moved"));
        assertThatThrownBy(node::seal).isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_log WHERE chain_seq IS NULL", Long.class))
                .isEqualTo(1);
    }

    @Test
    void unsealedRowsAreCountedNotChecked() {
        MessageLog node = node("node-a");
        appendAndSeal(node, 3);
        node.append(entry("EXCHANGE_ACKNOWLEDGED", "x"));
        node.append(entry("EXCHANGE_ACKNOWLEDGED", "y"));
        VerificationReport report = node.verify();
        assertThat(report.ok()).isTrue();
        assertThat(report.checkedRows()).isEqualTo(3);
        assertThat(report.unsealedRows()).isEqualTo(2);
        assertThat(node.unsealedCount()).isEqualTo(2);
    }

    @Test
    void verificationWalksPageByPage() {
        MessageLog node = node("node-a");
        int rows = MessageLog.VERIFY_PAGE * 2 + 7;
        jdbc.batchUpdate("INSERT INTO message_log (recorded_at, node, kind) VALUES (?, 'node-a', 'GATEWAY_CALL')",
                java.util.stream.IntStream.range(0, rows).mapToObj(i -> new Object[] {
                        Instant.now().atOffset(ZoneOffset.UTC)}).toList());
        assertThat(node.seal()).isEqualTo(rows);
        VerificationReport ok = node.verify();
        assertThat(ok.ok()).isTrue();
        assertThat(ok.checkedRows()).isEqualTo(rows);
        // a break on the third page is still found
        jdbc.update("UPDATE message_log SET kind = 'EXCHANGE_REPLAYED' WHERE chain_seq = ?", rows - 1);
        assertThat(node.verify().firstBreak().seq()).isEqualTo(rows - 1);
    }

    // --- limits and search ----------------------------------------------------------------------

    @Test
    void appendsAreBoundedAndAKindIsRequired() {
        MessageLog node = node("node-a");
        assertThatThrownBy(() -> node.append(new MessageLogEntry(null, null, null, null, null, null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.append(entry("exchange accepted", "x"))).isInstanceOf(IllegalArgumentException.class);
        String huge = "Sở".repeat(10_000);
        node.append(new MessageLogEntry("GATEWAY_CALL", huge, huge + "\0", huge, huge, huge, huge, huge, null,
                Map.of("text", huge)));
        node.append(new MessageLogEntry("GATEWAY_CALL", null, null, null, null, null, null, null, null, Map.of()));
        assertThat(node.seal()).isEqualTo(2);
        MessageLogRow row = node.search(new MessageLog.Query(null, "GATEWAY_CALL", null, null), 0, 10).items().get(1);
        assertThat(row.messageId()).hasSize(200).endsWith("…");
        assertThat(row.actor()).doesNotContain("\0");
        assertThat(row.toCode()).hasSize(4000);
        assertThat(row.outcome()).hasSize(100);
        assertThat(row.detail().equals("{\"detailChars\":20011,\"detailTruncated\":true}"))
                .as("detail replaced: %.100s", row.detail()).isTrue();
        assertThat(node.verify().ok()).isTrue();
    }

    @Test
    void searchFiltersAndPagesNewestFirst() {
        MessageLog node = node("node-a");
        for (int i = 0; i < 5; i++) {
            node.append(entry("EXCHANGE_ACCEPTED", "doc-" + i));
            node.append(entry("EXCHANGE_ACKNOWLEDGED", "doc-" + i));
        }
        MessageLog.Page all = node.search(new MessageLog.Query(null, null, null, null), 0, 4);
        assertThat(all.more()).isTrue();
        assertThat(all.items()).extracting(MessageLogRow::messageId).containsExactly("doc-4", "doc-4", "doc-3", "doc-3");
        assertThat(node.search(new MessageLog.Query(null, null, null, null), 2, 4).more()).isFalse();
        assertThat(node.search(new MessageLog.Query("doc-2", null, null, null), 0, 10).items())
                .extracting(MessageLogRow::kind).containsExactly("EXCHANGE_ACKNOWLEDGED", "EXCHANGE_ACCEPTED");
        assertThat(node.search(new MessageLog.Query(null, "EXCHANGE_ACKNOWLEDGED", null, null), 0, 10).items())
                .hasSize(5);
        Instant future = Instant.now().plusSeconds(3600);
        assertThat(node.search(new MessageLog.Query(null, null, future, null), 0, 10).items()).isEmpty();
        assertThat(node.search(new MessageLog.Query(null, null, null, future), 0, 10).items()).hasSize(10);
    }
}
