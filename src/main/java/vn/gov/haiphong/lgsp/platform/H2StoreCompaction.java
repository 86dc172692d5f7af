package vn.gov.haiphong.lgsp.platform;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Compacts an embedded H2 file database in the background, as H2's own background writer would.
 * That writer does not run with {@code WRITE_DELAY 0}, which the crash guarantee needs
 * ({@link H2StoreSettings}), so nothing compacted: every commit writes a new chunk, a chunk is
 * freed only when all its pages are dead, and one live page (a document's content is written
 * once and never again) keeps a chunk forever. In the exchange benchmark the file grew by 90 to
 * 130 KB per accepted document of 20 KB, 70 to 80 % of it dead, and the store's chunk table, which
 * each commit updates, grew with it.
 *
 * <p>Every {@code lgsp.h2.compaction.interval} this rewrites the live pages of the sparsest chunks
 * ({@code MVStore.compact}: at most {@code lgsp.h2.compaction.max-write} per round, only while the
 * chunks are filled below {@code lgsp.h2.compaction.fill-rate} per cent) and commits them, so the
 * old chunks die and their space is reused. It takes H2's store lock only when free (it skips a
 * round rather than wait), on a thread of its own, and holds it for the whole round, during
 * which commits wait: hence small rounds, often (16 MB rounds once a second added a quarter to
 * the exchange's p99 accept latency). H2 rewrites only chunks older than its
 * retention time (45 s). The default target, half full, keeps the file within about twice its
 * live data at a modest cost: the fuller the target, the more live pages each round copies to
 * free the same space (at 80 % the exchange benchmark spent a twentieth of its CPU here).
 * Nothing happens on PostgreSQL, an in-memory or a server-mode H2.
 */
@Component
public class H2StoreCompaction {

    private static final Logger log = LoggerFactory.getLogger(H2StoreCompaction.class);

    private final DataSource dataSource;
    private final Duration interval;
    private final int fillRate;
    private final int maxWrite;
    private final ScheduledExecutorService thread = BackgroundThreads.single("h2-compaction");
    private volatile MVStore store;

    public H2StoreCompaction(DataSource dataSource,
                             @Value("${lgsp.h2.compaction.interval:200ms}") Duration interval,
                             @Value("${lgsp.h2.compaction.fill-rate:50}") int fillRate,
                             @Value("${lgsp.h2.compaction.max-write:2MB}") DataSize maxWrite) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.fillRate = fillRate;
        this.maxWrite = (int) Math.min(Integer.MAX_VALUE, maxWrite.toBytes());
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        store = embeddedFileStore(dataSource);
        if (store == null || interval.isZero() || fillRate <= 0) {
            return;
        }
        thread.scheduleWithFixedDelay(this::compactOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("H2 store compaction every {} while chunks are filled below {} %", interval, fillRate);
    }

    /** One round; true when it rewrote something. */
    public boolean compactOnce() {
        MVStore mv = store;
        if (mv == null || mv.isClosed()) {
            return false;
        }
        try {
            boolean rewrote = mv.compact(fillRate, maxWrite);
            if (rewrote && mv.hasUnsavedChanges()) {
                mv.commit();
            }
            return rewrote;
        } catch (RuntimeException e) {
            // Compaction is housekeeping: a failed round leaves the data as it was.
            log.warn("H2 store compaction round failed: {}", e.toString());
            return false;
        }
    }

    /** Per cent of the chunks' space holding live pages, or -1 without an embedded H2 file store. */
    public int chunksFillRate() {
        MVStore mv = store;
        return mv == null || mv.isClosed() ? -1 : mv.getFileStore().getChunksFillRate();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** The MVStore of an embedded H2 file database (not in memory, not a server), else null. */
    public static MVStore embeddedFileStore(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !connection.getMetaData().getURL().startsWith("jdbc:h2:file:")) {
                return null;
            }
            if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return null;
            }
            MVStore mv = session.getDatabase().getStore().getMvStore();
            return mv.getFileStore() == null ? null : mv;
        } catch (SQLException | RuntimeException e) {
            log.warn("H2 store compaction is off: the store is not reachable ({})", e.toString());
            return null;
        }
    }
}
