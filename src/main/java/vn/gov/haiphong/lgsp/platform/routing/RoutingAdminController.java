package vn.gov.haiphong.lgsp.platform.routing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;

/**
 * The routing tables for operators (read) and administrators (check, deploy, activate): what is
 * live, what was last refused and why, the stored versions and the way back to one of them.
 */
@RestController
@RequestMapping("/api/admin/routing")
@Tag(name = "routing", description = "Routing tables: status, checks, versions, rollback")
public class RoutingAdminController {

    private final RoutingTables tables;
    private final RoutingSource source;
    private final RoutingVersions versions;
    private final RoutingDeployments deployments;

    public RoutingAdminController(RoutingTables tables, RoutingSource source, RoutingVersions versions,
                                  RoutingDeployments deployments) {
        this.tables = tables;
        this.source = source;
        this.versions = versions;
        this.deployments = deployments;
    }

    /** A set of tables and cases as sent: file name to YAML text. */
    public record TablesInput(Map<String, String> tables, Map<String, String> cases, String comment) {
        RouteFiles files() {
            if (tables == null) {
                throw new LgspException(ErrorCode.VALIDATION_FAILED,
                        "tables (file name -> YAML) is required; cases (file name -> YAML) is optional");
            }
            for (String name : tables.keySet()) {
                if (!name.matches("[A-Za-z0-9._-]{1,100}\\.camel\\.yaml")) {
                    throw new LgspException(ErrorCode.VALIDATION_FAILED, "A table's name is <name>.camel.yaml: " + name);
                }
            }
            Map<String, String> caseFiles = cases == null ? Map.of() : cases;
            for (String name : caseFiles.keySet()) {
                if (!name.matches("[A-Za-z0-9._-]{1,100}\\.yaml")) {
                    throw new LgspException(ErrorCode.VALIDATION_FAILED, "A case file's name is <name>.yaml: " + name);
                }
            }
            return new RouteFiles(tables, caseFiles);
        }
    }

    @Operation(summary = "What routes now: the source, the live tables, and the last refused change with its reasons")
    @GetMapping
    public Map<String, Object> status() {
        RoutingTables.Status status = tables.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source.name());
        out.put("routesDir", source.routesDir().toString());
        out.put("active", status.active());
        if (status.lastRefusal() != null) {
            RoutingTables.Refusal r = status.lastRefusal();
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("sha256", r.sha256());
            refusal.put("source", r.source());
            refusal.put("at", r.at());
            refusal.put("problems", RoutingTables.describe(r.problems()));
            out.put("lastRefusal", refusal);
        } else {
            out.put("lastRefusal", null);
        }
        return out;
    }

    @Operation(summary = "Check tables and cases as the platform would load them, without deploying them")
    @PostMapping("/check")
    public Map<String, Object> check(@RequestBody TablesInput input) {
        RouteCaseRunner.Verdict verdict = tables.check(input.files());
        if (!verdict.passed()) {
            throw RoutingDeployments.refused(verdict);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("passed", true);
        out.put("casesRun", verdict.casesRun());
        out.put("routesByTable", verdict.routesByTable());
        return out;
    }

    @Operation(summary = "The stored versions, newest first (database source)")
    @GetMapping("/versions")
    public List<RoutingVersions.Version> versions() {
        return source.storedVersions();
    }

    @Operation(summary = "One stored version's tables and cases")
    @GetMapping("/versions/{version}")
    public Map<String, Object> version(@PathVariable long version) {
        RoutingVersions.Version v = versions.find(version).orElseThrow(() -> new LgspException(ErrorCode.NOT_FOUND,
                "No routing tables version " + version));
        RouteFiles files = versions.content(version).orElseThrow();
        return Map.of("version", v, "tables", files.tables(), "cases", files.cases());
    }

    @Operation(summary = "Deploy a new version (administrators): checked, stored, active on every node within seconds")
    @PostMapping("/versions")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> deploy(@RequestBody TablesInput input, Principal principal) {
        long version = deployments.deploy(input.files(), principal.getName(), input.comment());
        return Map.of("version", version, "status", status());
    }

    @Operation(summary = "Make a stored version active again (administrators): the way back")
    @PostMapping("/versions/{version}/activate")
    public Map<String, Object> activate(@PathVariable long version, Principal principal) {
        deployments.activate(version, principal.getName());
        return status();
    }
}
