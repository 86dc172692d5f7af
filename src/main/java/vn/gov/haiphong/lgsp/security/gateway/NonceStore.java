package vn.gov.haiphong.lgsp.security.gateway;

import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.GroupCommit;

/**
 * The nonces of the gateway HMAC scheme: the first use of a nonce by a system wins, every other
 * use within the window is a replay, on every node and across restarts. The SOAP service's
 * WS-Security replay cache claims here too, under a claimant that is no system id
 * ({@code exchange.soap.SoapReplayCache}). A nonce is kept until its request's timestamp leaves
 * the freshness window, after which the timestamp check alone refuses a replay. A claim is
 * durable before the call goes on; claims are group-committed ({@link GroupCommit}) with the other
 * calls in flight.
 *
 * <p>Two ways to keep them, chosen by {@code lgsp.gateway.hmac.nonce-store}:
 * <ul>
 * <li>{@link Mode#SHARED}: table {@code gw_nonce}, whose primary key (system, nonce) makes the first
 * use win whichever node it reaches. A replay's failed insert is rolled back to its own savepoint
 * and answered false; the other claims of the batch commit.</li>
 * <li>{@link Mode#LOCAL}, for a platform that is its database's only user (embedded H2, whose file
 * one process holds): the window's nonces in memory decide, and each claim is appended to a
 * journal ({@link NonceJournal}, directory {@code lgsp.gateway.hmac.nonce-journal}) before it is
 * answered, from which a restart reloads them. A signed call then waits for one write, not for a
 * database commit (on H2 each commit rewrites every page it changed). Until the ninth session of
 * 2026-11-27 the journal was table {@code gw_nonce_journal}, which a restart still reads.</li>
 * </ul>
 * {@code auto} (the default) is LOCAL for an embedded H2 database and SHARED for anything else.
 * Memory in LOCAL mode: about 150 bytes per nonce of the window.
 */
@Component
public class NonceStore {

    /** Where nonces are decided: see the class comment. */
    public enum Mode {
        SHARED, LOCAL;

        /** {@code auto}: LOCAL only for an H2 database embedded in this process (file or memory, no server mode). */
        public static Mode resolve(String setting, String jdbcUrl) {
            String s = setting == null ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "shared" -> SHARED;
                case "local" -> LOCAL;
                case "auto" -> embeddedH2(jdbcUrl) ? LOCAL : SHARED;
                default -> throw new IllegalArgumentException(
                        "lgsp.gateway.hmac.nonce-store must be auto, shared or local, not '" + setting + "'");
            };
        }

        private static boolean embeddedH2(String url) {
            if (url == null) {
                return false;
            }
            String u = url.toLowerCase(Locale.ROOT);
            return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:")
                    && !u.contains("auto_server=true");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(NonceStore.class);

    private final JdbcClient jdbc;
    private final GroupCommit groupCommit;
    private final Mode mode;
    /** LOCAL: the nonces of the window and when each may go (epoch seconds). */
    private final ConcurrentHashMap<NonceJournal.Claim, Long> local = new ConcurrentHashMap<>();
    /** LOCAL: where each claim is recorded before it is answered; null in SHARED mode. */
    private final NonceJournal journal;
    private volatile boolean loaded;

    @Autowired
    public NonceStore(JdbcClient jdbc, GroupCommit groupCommit, DataSource dataSource,
                      @Value("${lgsp.gateway.hmac.nonce-store:auto}") String mode,
                      @Value("${lgsp.gateway.hmac.nonce-journal:${lgsp.data-dir:./data}/gateway/nonce-journal}")
                      Path journalDirectory) {
        this(jdbc, groupCommit, Mode.resolve(mode, urlOf(dataSource)), journalDirectory);
    }

    public NonceStore(JdbcClient jdbc, GroupCommit groupCommit, Mode mode, Path journalDirectory) {
        this.jdbc = jdbc;
        this.groupCommit = groupCommit;
        this.mode = mode;
        this.journal = mode == Mode.LOCAL ? new NonceJournal(journalDirectory) : null;
        log.info("Gateway nonces: {}", mode == Mode.LOCAL
                ? "decided in memory, journaled in " + journalDirectory + " (this node is the database's only user)"
                : "decided by table gw_nonce (shared by every node)");
    }

    private static String urlOf(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
        } catch (MetaDataAccessException e) {
            // Unknown database: the mode that is right for every deployment.
            return null;
        }
    }

    public Mode mode() {
        return mode;
    }

    /** LOCAL: the journal's directory; null in SHARED mode. */
    public Path journalDirectory() {
        return journal == null ? null : journal.directory();
    }

    @PreDestroy
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    /** True the first time this system presents this nonce; false for a replay. */
    public boolean claim(String systemId, String nonce, Instant keepUntil) {
        return mode == Mode.LOCAL ? claimLocally(systemId, nonce, keepUntil) : claimShared(systemId, nonce, keepUntil);
    }

    private boolean claimShared(String systemId, String nonce, Instant keepUntil) {
        try {
            // The duplicate must leave the work (not be caught inside it), so that it is rolled back
            // to its savepoint: PostgreSQL refuses every later statement of a transaction otherwise.
            insertShared(systemId, nonce, keepUntil);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private boolean claimLocally(String systemId, String nonce, Instant keepUntil) {
        loadJournal();
        NonceJournal.Claim key = new NonceJournal.Claim(systemId, nonce);
        Long until = keepUntil.getEpochSecond();
        if (local.putIfAbsent(key, until) != null) {
            return false;
        }
        try {
            journal.append(systemId, nonce, until);
            return true;
        } catch (RuntimeException e) {
            // Not durable, so not claimed: the caller gets the error and may try this nonce again.
            local.remove(key, until);
            throw e;
        }
    }

    /** A SHARED claim's row, durable when this returns (group-committed with the other calls in flight). */
    private void insertShared(String systemId, String nonce, Instant keepUntil) {
        groupCommit.executeWithoutResult(() -> jdbc.sql(
                "INSERT INTO gw_nonce (system_id, nonce, expires_at) VALUES (?, ?, ?)")
                .params(systemId, nonce, keepUntil.atOffset(ZoneOffset.UTC)).update());
    }

    /** LOCAL: the nonces still in the window, from the journal (and the tables used before it). */
    private void loadJournal() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
            int[] count = {0};
            journal.open(now.toEpochSecond(), (claim, until) -> {
                local.merge(claim, until, Math::max);
                count[0]++;
            });
            jdbc.sql("SELECT system_id, nonce, expires_at FROM gw_nonce_journal WHERE expires_at >= ? "
                            + "UNION ALL SELECT system_id, nonce, expires_at FROM gw_nonce WHERE expires_at >= ?")
                    .params(now, now)
                    .query(rs -> {
                        local.merge(new NonceJournal.Claim(rs.getString(1), rs.getString(2)),
                                rs.getObject(3, OffsetDateTime.class).toEpochSecond(), Math::max);
                        count[0]++;
                    });
            log.info("Gateway nonces: {} of the window reloaded from the journal", count[0]);
            loaded = true;
        }
    }

    @Scheduled(fixedDelayString = "${lgsp.gateway.hmac.nonce-purge-interval:60s}",
            initialDelayString = "${lgsp.gateway.hmac.nonce-purge-interval:60s}")
    public int purge() {
        Instant now = Instant.now();
        OffsetDateTime cutoff = now.atOffset(ZoneOffset.UTC);
        int purged = jdbc.sql("DELETE FROM gw_nonce WHERE expires_at < ?").param(cutoff).update();
        if (mode == Mode.LOCAL) {
            loadJournal();
            purged += jdbc.sql("DELETE FROM gw_nonce_journal WHERE expires_at < ?").param(cutoff).update();
            long second = now.getEpochSecond();
            int before = local.size();
            local.values().removeIf(until -> until < second);
            purged += before - local.size();
            // A new segment per purge interval; the old ones go once all their claims have expired.
            journal.rotate(second);
        }
        if (purged > 0) {
            log.debug("Purged {} expired gateway nonces", purged);
        }
        return purged;
    }
}
