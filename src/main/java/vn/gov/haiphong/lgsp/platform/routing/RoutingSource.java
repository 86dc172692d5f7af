package vn.gov.haiphong.lgsp.platform.routing;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where this node's routing tables come from, and how a change reaches it.
 * <ul>
 * <li>{@code files} (default profile): the {@code *.camel.yaml} files of {@code lgsp.routes-dir}
 * and their {@code tests/}; the directory is checked every {@code lgsp.routing.poll-interval} and a
 * change is offered to {@link RoutingTables} (checked, then live or refused).</li>
 * <li>{@code database} (prod profile): the active version of {@link RoutingVersions}; every node
 * asks for the active version's number each poll and loads it when it changed. At the first start
 * (no version stored) the files of {@code lgsp.routes-dir} become version 1.</li>
 * </ul>
 * The tables are loaded before Camel starts its routes; a start whose tables are refused fails
 * with the reasons (there are no last good tables to keep).
 */
@Component
public class RoutingSource implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoutingSource.class);

    public enum Kind { FILES, DATABASE }

    private final RoutingTables tables;
    private final ObjectProvider<RoutingVersions> versions;
    private final Path routesDir;
    private final Kind kind;
    private volatile String lastOfferedSha;
    private volatile boolean started;

    public RoutingSource(RoutingTables tables, ObjectProvider<RoutingVersions> versions,
                         @Value("${lgsp.routes-dir:./routes}") Path routesDir,
                         @Value("${lgsp.routing.source:files}") String kind) {
        this.tables = tables;
        this.versions = versions;
        this.routesDir = routesDir;
        this.kind = Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
    }

    public Kind kind() {
        return kind;
    }

    public Path routesDir() {
        return routesDir;
    }

    /** The setting's value ({@code files}, {@code database}), as the API and the console name it. */
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The stored versions, newest first; none where the files are the source. */
    public List<RoutingVersions.Version> storedVersions() {
        return kind == Kind.DATABASE ? versions.getObject().list() : List.of();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        RoutingTables.Outcome outcome;
        if (kind == Kind.FILES) {
            RouteFiles files = RouteFiles.fromDirectory(routesDir);
            lastOfferedSha = files.sha256();
            outcome = tables.offer(files, null, "files " + routesDir);
        } else {
            RoutingVersions store = versions.getObject();
            if (store.activeVersion().isEmpty()) {
                RouteFiles files = RouteFiles.fromDirectory(routesDir);
                RouteCaseRunner.Verdict verdict = tables.check(files);
                if (!verdict.passed()) {
                    throw new IllegalStateException("The routing tables of " + routesDir
                            + " cannot become the first stored version:\n" + verdict.report());
                }
                try {
                    long first = store.storeActive(files, "platform", "the tables of " + routesDir + " at the first start");
                    log.info("Routing tables of {} stored as version {}", routesDir, first);
                } catch (DuplicateKeyException e) {
                    // Another node started at the same moment and stored version 1: run that one.
                    log.info("Routing tables: another node stored the first version; this node runs it");
                }
            }
            outcome = offerActiveVersion().orElseThrow();
        }
        if (!outcome.accepted()) {
            throw new IllegalStateException("The routing tables are refused, so the platform does not start:\n"
                    + outcome.verdict().report());
        }
        started = true;
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // Nothing: the tables were loaded before the routes started.
    }

    /** Looks for a change: the directory's content (files) or the active version (database). */
    @Scheduled(fixedDelayString = "${lgsp.routing.poll-interval:1s}", initialDelayString = "${lgsp.routing.poll-interval:1s}")
    public void poll() {
        if (!started) {
            return;
        }
        try {
            if (kind == Kind.FILES) {
                RouteFiles files = RouteFiles.fromDirectory(routesDir);
                String sha = files.sha256();
                // Offered once per content: a refused edit is reported once, not every poll.
                if (!sha.equals(lastOfferedSha)) {
                    lastOfferedSha = sha;
                    tables.offer(files, null, "files " + routesDir);
                }
            } else {
                Optional<Long> active = versions.getObject().activeVersion();
                RoutingTables.Active live = tables.status().active();
                boolean refusedAlready = tables.status().lastRefusal() != null
                        && ("version " + active.orElse(-1L)).equals(tables.status().lastRefusal().source());
                if (active.isPresent() && (live == null || !active.get().equals(live.version())) && !refusedAlready) {
                    offerActiveVersion();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for a change of the routing tables: {}", e.toString());
        }
    }

    /** Loads the database's active version into the live tables (checked first). */
    public synchronized Optional<RoutingTables.Outcome> offerActiveVersion() {
        RoutingVersions store = versions.getObject();
        return store.activeVersion().flatMap(v -> store.content(v).map(files -> tables.offer(files, v, "version " + v)));
    }
}
