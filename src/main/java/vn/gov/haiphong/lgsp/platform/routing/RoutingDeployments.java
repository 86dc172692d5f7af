package vn.gov.haiphong.lgsp.platform.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.errors.MethodNotAllowedException;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;

/**
 * An administrator's changes of the routing tables where they are stored (database source):
 * a new version (checked, then stored active and live on every node within a poll), or an earlier
 * version made active again (the way back). Each is written to the message log.
 */
@Service
public class RoutingDeployments {

    private final RoutingTables tables;
    private final RoutingVersions versions;
    private final RoutingSource source;
    private final MessageLog messageLog;

    public RoutingDeployments(RoutingTables tables, RoutingVersions versions, RoutingSource source,
                              MessageLog messageLog) {
        this.tables = tables;
        this.versions = versions;
        this.source = source;
        this.messageLog = messageLog;
    }

    /** Checks a set and, when it passes, stores it as the active version; returns the version. */
    public long deploy(RouteFiles files, String author, String comment) {
        // /versions is still listed (GET) where the files are the source; it only takes no upload.
        requireDatabaseSource(Set.of(HttpMethod.GET));
        if (files.tables().isEmpty()) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED, "A version needs at least one table (tables)");
        }
        if (versions.content(files).length() > RoutingVersions.MAX_CONTENT_CHARS) {
            throw new LgspException(ErrorCode.PAYLOAD_TOO_LARGE, "A version holds at most "
                    + RoutingVersions.MAX_CONTENT_CHARS + " characters of tables and cases");
        }
        RouteCaseRunner.Verdict verdict = tables.check(files);
        if (!verdict.passed()) {
            throw refused(verdict);
        }
        long version = versions.storeActive(files, author, comment);
        audit("ROUTING_DEPLOYED", version, author, files, comment);
        source.offerActiveVersion();
        return version;
    }

    /** Makes a stored version the active one again (checked on this node first). */
    public void activate(long version, String actor) {
        requireDatabaseSource(Set.of());
        versions.find(version).orElseThrow(() -> new LgspException(ErrorCode.NOT_FOUND,
                "No routing tables version " + version));
        RouteFiles files = versions.content(version).orElseThrow();
        RouteCaseRunner.Verdict verdict = tables.check(files);
        if (!verdict.passed()) {
            throw refused(verdict);
        }
        versions.activate(version, actor);
        audit("ROUTING_ACTIVATED", version, actor, files, null);
        source.offerActiveVersion();
    }

    /** Refuses a change where the files are the source; {@code allowed}: what the resource still takes. */
    private void requireDatabaseSource(Set<HttpMethod> allowed) {
        if (source.kind() != RoutingSource.Kind.DATABASE) {
            throw new MethodNotAllowedException("This platform reads its routing tables from "
                    + source.routesDir() + " (lgsp.routing.source=files): edit the files there; they are checked "
                    + "and reloaded on save", allowed);
        }
    }

    static LgspException refused(RouteCaseRunner.Verdict verdict) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("problems", RoutingTables.describe(verdict.problems()));
        properties.put("casesRun", verdict.casesRun());
        return new LgspException(ErrorCode.VALIDATION_FAILED, "The routing tables are refused: "
                + verdict.problems().size() + " problem(s); the active tables keep routing", properties);
    }

    private void audit(String kind, long version, String actor, RouteFiles files, String comment) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", version);
        detail.put("tables", List.copyOf(files.tables().keySet()));
        detail.put("cases", List.copyOf(files.cases().keySet()));
        if (comment != null) {
            detail.put("comment", MessageLog.cut(comment, 1000));
        }
        messageLog.append(new MessageLogEntry(kind, "routing-v" + version, actor, null, null, null, "OK",
                files.sha256(), null, detail));
    }
}
