package vn.gov.haiphong.lgsp.platform;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for short write transactions of concurrent callers: each caller hands its work
 * over and waits; one writer thread runs the waiting works in one database transaction, each in
 * a savepoint of its own, commits once, and then answers every caller. A work that throws is
 * rolled back to its savepoint and its caller gets the exception, as with a transaction of its
 * own; the others commit. A failed commit fails every caller of the batch. So a caller is answered
 * only after its writes are durable, exactly as before, but the database commits (and, with H2's
 * immediate writes, writes a chunk to its file) once per batch instead of once per caller. On
 * H2, under load, the writer also lingers briefly for a small batch to grow ({@code
 * lgsp.group-commit.linger}).
 *
 * <p>Works run on the writer thread inside the shared transaction: they must not wait for other
 * callers, must not mark the transaction rollback-only (throw instead), and see the writes of the
 * works before them in the batch. Called inside a transaction already, a work simply joins it.
 */
@Component
public class GroupCommit {

    /** A caller not answered in this time gives up (its work may still commit: callers must be idempotent). */
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    private static final long H2_LINGER_MILLIS = 2;
    /** A batch this large commits at once: lingering for more would only delay its callers. */
    private static final int LINGER_TARGET = 8;

    private record Work<T>(Supplier<T> body, CompletableFuture<T> answer) {
    }

    private final TransactionTemplate transaction;
    private final int maxBatch;
    private final long lingerNanos;
    private final BlockingQueue<Work<?>> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean stopped;
    private final AtomicLong commits = new AtomicLong();

    @Autowired
    public GroupCommit(TransactionTemplate transaction, DataSource dataSource,
                       @Value("${lgsp.group-commit.max-batch:64}") int maxBatch,
                       @Value("${lgsp.group-commit.linger:auto}") String linger) {
        this(transaction, maxBatch, lingerFor(linger, dataSource));
    }

    public GroupCommit(TransactionTemplate transaction, int maxBatch, Duration linger) {
        this.transaction = transaction;
        this.maxBatch = Math.max(1, maxBatch);
        this.lingerNanos = linger.toNanos();
        this.writer = new Thread(this::writeLoop, "group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * {@code auto}: {@value #H2_LINGER_MILLIS} ms on H2, whose every commit rewrites the changed
     * B-tree pages, so fewer and larger commits pay; none elsewhere. PostgreSQL already shares WAL
     * flushes between concurrent commits, and there the linger only held callers back (measured:
     * 360 against 490 documents/s, docs/performance.md).
     */
    static Duration lingerFor(String setting, DataSource dataSource) {
        if (!"auto".equalsIgnoreCase(setting.trim())) {
            return DurationStyle.detectAndParse(setting.trim());
        }
        try (Connection connection = dataSource.getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName())
                    ? Duration.ofMillis(H2_LINGER_MILLIS) : Duration.ZERO;
        } catch (SQLException e) {
            return Duration.ZERO;
        }
    }

    /** The linger in effect. */
    public Duration linger() {
        return Duration.ofNanos(lingerNanos);
    }

    /** Runs {@code body} in a group-committed transaction; returns its result once committed. */
    public <T> T execute(Supplier<T> body) {
        if (Thread.currentThread() == writer || TransactionSynchronizationManager.isActualTransactionActive()) {
            return transaction.execute(status -> body.get());
        }
        if (stopped) {
            throw new DataAccessResourceFailureException("The platform is stopping; nothing was written");
        }
        Work<T> work = new Work<>(body, new CompletableFuture<>());
        pending.add(work);
        try {
            return work.answer().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new DataAccessResourceFailureException("Group commit failed", e.getCause());
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException("The database did not commit in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("Interrupted while waiting for the commit", e);
        }
    }

    public void executeWithoutResult(Runnable body) {
        execute(() -> {
            body.run();
            return null;
        });
    }

    private void writeLoop() {
        List<Work<?>> batch = new ArrayList<>();
        int previousBatch = 1;
        // On stop, the works already handed over are still written; only new ones are refused.
        while (!stopped || !pending.isEmpty()) {
            try {
                // Polled, never interrupted: an interrupt inside H2's file I/O would close the database.
                Work<?> first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, maxBatch - 1);
                if (lingerNanos > 0 && batch.size() < LINGER_TARGET && (batch.size() > 1 || previousBatch > 1)) {
                    lingerForMore(batch);
                }
                previousBatch = batch.size();
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Work<?> left;
        while ((left = pending.poll()) != null) {
            left.answer().completeExceptionally(
                    new DataAccessResourceFailureException("The platform is stopping; nothing was written"));
        }
    }

    /**
     * Under concurrent load, waits up to the linger for a small batch to grow to
     * {@value #LINGER_TARGET} works. On H2 a commit costs nearly as much for two works as for six
     * (it rewrites the changed B-tree pages whole), so fewer, larger commits save more than the
     * wait costs. A lone caller (this batch and the one before held one work each) is never held
     * back, nor a batch that is large already (the gateway's, at 64 connections, hold about 20).
     */
    private void lingerForMore(List<Work<?>> batch) throws InterruptedException {
        long end = System.nanoTime() + lingerNanos;
        long left;
        while (batch.size() < Math.min(maxBatch, LINGER_TARGET) && (left = end - System.nanoTime()) > 0) {
            Work<?> more = pending.poll(left, TimeUnit.NANOSECONDS);
            if (more == null) {
                return;
            }
            batch.add(more);
            pending.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void runBatch(List<Work<?>> batch) {
        Object[] results = new Object[batch.size()];
        Throwable[] failures = new Throwable[batch.size()];
        try {
            transaction.executeWithoutResult(status -> {
                for (int i = 0; i < batch.size(); i++) {
                    runInSavepoint(status, batch.get(i), i, results, failures);
                }
            });
            commits.incrementAndGet();
        } catch (RuntimeException | Error commitFailed) {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().completeExceptionally(failures[i] != null ? failures[i] : commitFailed);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results[i], failures[i]);
        }
    }

    private static void runInSavepoint(TransactionStatus status, Work<?> work, int i, Object[] results,
                                       Throwable[] failures) {
        Object savepoint = status.createSavepoint();
        try {
            results[i] = work.body().get();
            status.releaseSavepoint(savepoint);
        } catch (RuntimeException e) {
            status.rollbackToSavepoint(savepoint);
            failures[i] = e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Work<T> work, Object result, Throwable failure) {
        if (failure != null) {
            work.answer().completeExceptionally(failure);
        } else {
            work.answer().complete((T) result);
        }
    }

    /** Transactions committed so far (each for one or more works). */
    public long commits() {
        return commits.get();
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        stopped = true;
        writer.join(TimeUnit.SECONDS.toMillis(30));
    }
}
