package vn.gov.haiphong.lgsp.security.gateway;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nonces of the gateway HMAC scheme, shared by every node through the database: the primary
 * key (system, nonce) makes the first use win and every replay fail, whichever node it reaches.
 * A nonce is kept until its request's timestamp leaves the freshness window, after which the
 * timestamp check alone refuses a replay, so the table stays as small as the traffic of one window.
 *
 * <p>Group commit: concurrent claims are written by one writer thread, many per transaction, so
 * the database commits once per batch instead of once per request (a commit per call was the
 * gateway's ceiling). A batch that meets a nonce already stored is rolled back and its claims are
 * written one by one, which answers each exactly; that slow path is taken only for replays.
 */
@Component
public class NonceStore {

    private static final Logger log = LoggerFactory.getLogger(NonceStore.class);
    private static final int MAX_BATCH = 256;
    /** A claim not answered in this time fails the request rather than holding it. */
    private static final long ANSWER_TIMEOUT_SECONDS = 30;
    private static final String INSERT = "INSERT INTO gw_nonce (system_id, nonce, expires_at) VALUES (?, ?, ?)";

    private record Claim(String systemId, String nonce, Instant keepUntil, CompletableFuture<Boolean> answer) {
        String key() {
            return systemId + '\u0000' + nonce;
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batchInsert;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Claim> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean stopped;

    public NonceStore(JdbcClient jdbc, JdbcTemplate batchInsert, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.batchInsert = batchInsert;
        this.transaction = transaction;
        this.writer = new Thread(this::writeLoop, "gateway-nonce-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** True the first time this system presents this nonce; false for a replay. */
    public boolean claim(String systemId, String nonce, Instant keepUntil) {
        if (stopped) {
            throw new DataAccessResourceFailureException("The nonce store is shutting down");
        }
        Claim claim = new Claim(systemId, nonce, keepUntil, new CompletableFuture<>());
        pending.add(claim);
        try {
            return claim.answer().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new DataAccessResourceFailureException("Nonce not stored", e.getCause());
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException("The nonce store did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("Interrupted while storing the nonce", e);
        }
    }

    private void writeLoop() {
        List<Claim> batch = new ArrayList<>();
        while (!stopped) {
            try {
                batch.add(pending.take());
                pending.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // The database failed: these requests fail (and are retried by their clients), the writer goes on.
                batch.forEach(c -> c.answer().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        Claim left;
        while ((left = pending.poll()) != null) {
            left.answer().completeExceptionally(new DataAccessResourceFailureException("The nonce store stopped"));
        }
    }

    private void write(List<Claim> batch) {
        // The same nonce twice in one batch: the first claim wins, the others are replays.
        Map<String, Claim> first = new LinkedHashMap<>();
        for (Claim claim : batch) {
            if (first.putIfAbsent(claim.key(), claim) != null) {
                claim.answer().complete(false);
            }
        }
        List<Claim> unique = List.copyOf(first.values());
        try {
            transaction.executeWithoutResult(tx -> batchInsert.batchUpdate(INSERT, unique.stream()
                    .map(c -> new Object[] {c.systemId(), c.nonce(), c.keepUntil().atOffset(ZoneOffset.UTC)})
                    .toList()));
            unique.forEach(c -> c.answer().complete(true));
        } catch (DataIntegrityViolationException replayInBatch) {
            // Rolled back as a whole: find out claim by claim which nonce was already used.
            for (Claim claim : unique) {
                try {
                    jdbc.sql(INSERT).params(claim.systemId(), claim.nonce(), claim.keepUntil().atOffset(ZoneOffset.UTC))
                            .update();
                    claim.answer().complete(true);
                } catch (DuplicateKeyException e) {
                    claim.answer().complete(false);
                } catch (RuntimeException e) {
                    claim.answer().completeExceptionally(e);
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        writer.interrupt();
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
