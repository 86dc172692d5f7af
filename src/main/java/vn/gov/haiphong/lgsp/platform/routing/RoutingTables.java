package vn.gov.haiphong.lgsp.platform.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The routing tables the platform runs, and the only way they change: a new set is loaded into a
 * private CamelContext and its cases are run ({@link RouteCaseRunner}) before anything in the live
 * context is touched. A set that does not load or fails a case is refused: the tables already
 * live keep routing, and the refusal (what, where, why) is kept for the console and the admin API
 * and logged once. A set that passes replaces the changed tables' routes; Camel's direct endpoint
 * holds a caller while a route is replaced, and a route being stopped finishes its in-flight
 * exchanges first, so each recipient is routed wholly by the old table or wholly by the new one.
 */
@Component
public class RoutingTables {

    private static final Logger log = LoggerFactory.getLogger(RoutingTables.class);

    /** What runs now. {@code version} is the stored version (database source), else null. */
    public record Active(String sha256, Long version, String source, Instant loadedAt,
                         Map<String, List<String>> routesByTable, int casesRun) {
    }

    /** The last set refused, with every reason; cleared when a set is accepted. */
    public record Refusal(String sha256, String source, Instant at, List<RouteCaseRunner.Problem> problems) {
    }

    public record Status(Active active, Refusal lastRefusal) {
    }

    /** What became of a set offered: accepted (live now, or live already), or refused with its verdict. */
    public record Outcome(boolean accepted, RouteCaseRunner.Verdict verdict) {
    }

    private final CamelContext camel;
    private final RouteCaseRunner runner;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(null, null));
    private RouteFiles liveFiles;
    /** The last set that passed its check: a deploy checks a set, stores it, then offers it. */
    private volatile Checked lastPassed;

    private record Checked(String sha256, RouteCaseRunner.Verdict verdict) {
    }

    public RoutingTables(CamelContext camel, Environment environment) {
        this.camel = camel;
        this.runner = new RouteCaseRunner(environment::getProperty);
    }

    public Status status() {
        return status.get();
    }

    /**
     * Loads and runs the cases of a set, without touching the live tables. A set that just passed
     * is not checked again (same digest, same settings, same verdict).
     */
    public RouteCaseRunner.Verdict check(RouteFiles files) {
        String sha = files.sha256();
        Checked known = lastPassed;
        if (known != null && known.sha256().equals(sha)) {
            return known.verdict();
        }
        RouteCaseRunner.Verdict verdict = runner.check(files);
        if (verdict.passed()) {
            lastPassed = new Checked(sha, verdict);
        }
        return verdict;
    }

    /**
     * Makes {@code files} the live tables if they load and pass their cases.
     *
     * @param source where they come from, for people: {@code files ./routes}, {@code version 3}
     */
    public synchronized Outcome offer(RouteFiles files, Long version, String source) {
        String sha = files.sha256();
        Active active = status.get().active();
        if (active != null && active.sha256().equals(sha)) {
            // What is offered is what runs (an edit taken back, say): nothing refused is pending.
            status.set(new Status(Objects.equals(active.version(), version) ? active : new Active(sha, version, source,
                    active.loadedAt(), active.routesByTable(), active.casesRun()), null));
            return new Outcome(true, null);
        }
        RouteCaseRunner.Verdict verdict = check(files);
        if (!verdict.passed()) {
            refuse(sha, source, verdict.problems());
            return new Outcome(false, verdict);
        }
        try {
            swapIn(files, verdict);
        } catch (Exception e) {
            List<RouteCaseRunner.Problem> problems = List.of(new RouteCaseRunner.Problem(source, null,
                    "the checked tables did not start in the platform: " + RouteCaseRunner.causes(e)));
            restore();
            refuse(sha, source, problems);
            return new Outcome(false, new RouteCaseRunner.Verdict(verdict.routesByTable(), verdict.casesRun(),
                    problems));
        }
        liveFiles = files;
        status.set(new Status(new Active(sha, version, source, Instant.now(), verdict.routesByTable(),
                verdict.casesRun()), null));
        log.info("Routing tables from {} are live ({}): {} case(s) passed; routes {}", source, sha.substring(0, 12),
                verdict.casesRun(), verdict.routesByTable());
        return new Outcome(true, verdict);
    }

    private void refuse(String sha, String source, List<RouteCaseRunner.Problem> problems) {
        status.set(new Status(status.get().active(), new Refusal(sha, source, Instant.now(), List.copyOf(problems))));
        // Once per refused set: callers offer a set again only when it changed.
        log.warn("Routing tables from {} REFUSED ({}); the tables live before keep routing:\n{}", source,
                sha.substring(0, 12), String.join("\n", problems.stream().map(p -> "  " + p).toList()));
    }

    /** Removes routes no table defines any more, then loads the tables whose text changed. */
    private void swapIn(RouteFiles files, RouteCaseRunner.Verdict verdict) throws Exception {
        Set<String> wanted = new HashSet<>();
        verdict.routesByTable().values().forEach(wanted::addAll);
        Active active = status.get().active();
        if (active != null) {
            for (List<String> ids : active.routesByTable().values()) {
                for (String id : ids) {
                    if (!wanted.contains(id) && camel.getRoute(id) != null) {
                        camel.getRouteController().stopRoute(id);
                        camel.removeRoute(id);
                    }
                }
            }
        }
        List<Resource> changed = new ArrayList<>();
        files.tables().forEach((name, text) -> {
            if (liveFiles == null || !text.equals(liveFiles.tables().get(name))) {
                changed.add(ResourceHelper.fromString(name, text));
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        if (camel.isStarted()) {
            PluginHelper.getRoutesLoader(camel).updateRoutes(changed);
        } else {
            PluginHelper.getRoutesLoader(camel).loadRoutes(changed);
        }
    }

    /** After a failed swap: the last accepted tables again, as far as Camel lets. */
    private void restore() {
        if (liveFiles == null) {
            return;
        }
        try {
            List<Resource> all = new ArrayList<>();
            liveFiles.tables().forEach((name, text) -> all.add(ResourceHelper.fromString(name, text)));
            PluginHelper.getRoutesLoader(camel).updateRoutes(all);
        } catch (Exception e) {
            log.error("Could not restore the last accepted routing tables", e);
        }
    }

    /** The problems as maps, for JSON and the console. */
    public static List<Map<String, String>> describe(List<RouteCaseRunner.Problem> problems) {
        List<Map<String, String>> out = new ArrayList<>();
        for (RouteCaseRunner.Problem p : problems) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("file", p.file());
            if (p.caseName() != null) {
                m.put("case", p.caseName());
            }
            m.put("message", p.message());
            out.add(m);
        }
        return out;
    }
}
