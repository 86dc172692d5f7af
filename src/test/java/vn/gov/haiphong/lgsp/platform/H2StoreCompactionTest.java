package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;
import vn.gov.haiphong.lgsp.PlatformTestSupport;

/**
 * The exchange's write pattern on a file database of its own, committed at once as the platform
 * commits (WRITE_DELAY 0): a large row written once beside small rows rewritten by every commit.
 * H2 compacts nothing by itself then; a compaction round must raise the chunks' fill rate.
 */
class H2StoreCompactionTest {

    private final Path dir = Path.of("./target/test-data/h2-compaction-" + UUID.randomUUID().toString().substring(0, 8));
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void open() throws Exception {
        Files.createDirectories(dir);
        dataSource = new HikariDataSource();
        // H2 rewrites only chunks older than the retention time (45 s by default): shortened here.
        dataSource.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath() + "/db;WRITE_DELAY=0;RETENTION_TIME=300");
        dataSource.setMaximumPoolSize(2);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE content (id BIGINT PRIMARY KEY, body VARBINARY(100000))");
        jdbc.execute("CREATE TABLE counter (id INT PRIMARY KEY, n BIGINT, note VARCHAR(2000))");
        for (int i = 0; i < 50; i++) {
            jdbc.update("INSERT INTO counter VALUES (?, 0, ?)", i, "x".repeat(1500));
        }
    }

    @AfterEach
    void close() throws Exception {
        dataSource.close();
        PlatformTestSupport.deleteTree(dir);
    }

    /** Each commit: one content row kept for good, and every counter row rewritten (dead at the next commit). */
    private void write(int commits, int from) {
        byte[] body = new byte[20_000];
        for (int i = 0; i < commits; i++) {
            jdbc.update("INSERT INTO content VALUES (?, ?)", from + i, body);
            jdbc.update("UPDATE counter SET n = n + 1");
        }
    }

    @Test
    void aRoundRewritesSparseChunksSoTheirSpaceCanBeReused() throws Exception {
        H2StoreCompaction compaction = new H2StoreCompaction(dataSource, Duration.ofSeconds(1), 80, DataSize.ofMegabytes(64));
        write(400, 0);
        compaction.start();
        int before = compaction.chunksFillRate();
        assertThat(before).as("without compaction most of the chunks' space is dead").isLessThan(60);
        Thread.sleep(500);

        boolean rewrote = false;
        int commits = 400;
        for (int round = 0; round < 20 && compaction.chunksFillRate() < 80; round++) {
            rewrote |= compaction.compactOnce();
            write(5, commits);
            commits += 5;
        }
        assertThat(rewrote).isTrue();
        assertThat(compaction.chunksFillRate()).as("fill rate after compaction (before: %d %%)", before)
                .isGreaterThan(before + 20);
        // Nothing lost or changed by the rewriting.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM content", Long.class)).isEqualTo(commits);
        assertThat(jdbc.queryForObject("SELECT MIN(n) FROM counter", Long.class)).isEqualTo(commits);
        compaction.stop();

        // And the file opens again with everything in it.
        String url = dataSource.getJdbcUrl();
        dataSource.close();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM content", Long.class)).isEqualTo(commits);
        assertThat(jdbc.queryForObject("SELECT MAX(n) FROM counter", Long.class)).isEqualTo(commits);
    }

    @Test
    void nothingToDoOnAnInMemoryDatabase() throws Exception {
        try (HikariDataSource memory = new HikariDataSource()) {
            memory.setJdbcUrl("jdbc:h2:mem:compaction-" + UUID.randomUUID());
            H2StoreCompaction compaction = new H2StoreCompaction(memory, Duration.ofSeconds(1), 80, DataSize.ofMegabytes(1));
            compaction.start();
            assertThat(compaction.chunksFillRate()).isEqualTo(-1);
            assertThat(compaction.compactOnce()).isFalse();
            compaction.stop();
        }
    }
}
