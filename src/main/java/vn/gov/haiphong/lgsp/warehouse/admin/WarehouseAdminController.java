package vn.gov.haiphong.lgsp.warehouse.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.gov.haiphong.lgsp.warehouse.DatasetGrants;
import vn.gov.haiphong.lgsp.warehouse.sync.DataConflicts;
import vn.gov.haiphong.lgsp.warehouse.sync.HdExportImport;
import vn.gov.haiphong.lgsp.warehouse.sync.HdSyncRepository.Conflict;

/**
 * The warehouse for operators and data stewards (operator login, like all of /api/admin):
 * dataset grants, the regional sync's conflict list, and the first load of a Hải Dương export.
 */
@RestController
@RequestMapping("/api/admin/data")
@Tag(name = "warehouse", description = "Shared data warehouse: grants, sync conflicts, Hải Dương export load")
public class WarehouseAdminController {

    private final DatasetGrants grants;
    private final DataConflicts conflicts;
    private final HdExportImport hdImport;

    public WarehouseAdminController(DatasetGrants grants, DataConflicts conflicts, HdExportImport hdImport) {
        this.grants = grants;
        this.conflicts = conflicts;
        this.hdImport = hdImport;
    }

    // --- grants --------------------------------------------------------------------------------

    @Operation(summary = "Who besides the owner agency may read or write this dataset")
    @GetMapping("/{dataset}/grants")
    public List<DatasetGrants.GrantView> grants(@PathVariable String dataset) {
        return grants.list(dataset);
    }

    @Operation(summary = "Grant READ or WRITE (WRITE includes READ) to an agency code (aliases resolved) or a system id")
    @PutMapping("/{dataset}/grants/{grantee}/{access}")
    public ResponseEntity<DatasetGrants.GrantView> grant(@PathVariable String dataset, @PathVariable String grantee,
                                                        @PathVariable String access, Principal who) {
        DatasetGrants.Change change = grants.grant(dataset, grantee, access, who.getName());
        return ResponseEntity.status(change.changed() ? HttpStatus.CREATED : HttpStatus.OK).body(change.grant());
    }

    @Operation(summary = "Revoke a grant")
    @DeleteMapping("/{dataset}/grants/{grantee}/{access}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revoke(@PathVariable String dataset, @PathVariable String grantee, @PathVariable String access,
                       Principal who) {
        grants.revoke(dataset, grantee, access, who.getName());
    }

    // --- conflicts -----------------------------------------------------------------------------

    @Operation(summary = "Conflicts of every dataset, newest first (status OPEN or RESOLVED)")
    @GetMapping("/conflicts")
    public List<Conflict> allConflicts(@RequestParam(required = false) String status,
                                       @RequestParam(defaultValue = "100") int limit) {
        return conflicts.list(null, status, limit);
    }

    @Operation(summary = "Conflicts of one dataset, newest first (status OPEN or RESOLVED)")
    @GetMapping("/{dataset}/conflicts")
    public List<Conflict> conflicts(@PathVariable String dataset, @RequestParam(required = false) String status,
                                    @RequestParam(defaultValue = "100") int limit) {
        return conflicts.list(dataset, status, limit);
    }

    @Operation(summary = "One conflict: HD's version and the platform's, side by side")
    @GetMapping("/{dataset}/conflicts/{id}")
    public Conflict conflict(@PathVariable String dataset, @PathVariable long id) {
        return conflicts.get(dataset, id);
    }

    @Operation(summary = "Resolve a conflict: choose HD, PLATFORM, or VALUES (with values); written as a normal change")
    @PostMapping("/{dataset}/conflicts/{id}/resolution")
    public DataConflicts.Resolved resolve(@PathVariable String dataset, @PathVariable long id,
                                          @RequestBody DataConflicts.Resolution resolution, Principal who) {
        return conflicts.resolve(dataset, id, resolution, who.getName());
    }

    // --- Hải Dương export ----------------------------------------------------------------------

    @Operation(summary = "Load a Hải Dương export file (NDJSON change records); a bad line changes nothing")
    @PostMapping("/{dataset}/hd-import")
    public HdExportImport.Report hdImport(@PathVariable String dataset,
                                          @RequestParam(required = false) String fileName,
                                          @RequestBody byte[] file) {
        return hdImport.load(dataset, fileName, file);
    }

}
