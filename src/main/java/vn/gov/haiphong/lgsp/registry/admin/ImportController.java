package vn.gov.haiphong.lgsp.registry.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.RegistryRepository;
import vn.gov.haiphong.lgsp.registry.imports.ImportFormat;
import vn.gov.haiphong.lgsp.registry.imports.ImportReport;
import vn.gov.haiphong.lgsp.registry.imports.RegistryImporter;

/** Imports of the two legacy registries; the body is the file itself. */
@RestController
@RequestMapping("/api/admin/imports")
@Tag(name = "imports", description = "Import of the former Hải Phòng (CSV) and Hải Dương (JSON) registries")
public class ImportController {

    private final RegistryImporter importer;
    private final RegistryRepository repository;

    public ImportController(RegistryImporter importer, RegistryRepository repository) {
        this.importer = importer;
        this.repository = repository;
    }

    @Operation(summary = "Import a legacy registry file: format hp-csv or hd-json; dryRun=true reports without writing")
    // Size is limited before buffering by RequestSizeLimitFilter (lgsp.limits.admin-request-body).
    @PostMapping(path = "/{format}", consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.TEXT_PLAIN_VALUE})
    public ResponseEntity<ImportReport> importFile(@PathVariable String format, @RequestBody byte[] content,
                                                   @RequestParam(defaultValue = "upload") String fileName,
                                                   @RequestParam(defaultValue = "false") boolean dryRun, Principal who) {
        ImportReport report = importer.importFile(format(format), fileName, content, who.getName(), dryRun);
        // A dry run creates nothing: 200 with the report; a real import is a new import record.
        return ResponseEntity.status(dryRun ? HttpStatus.OK : HttpStatus.CREATED).body(report);
    }

    @GetMapping
    public List<ImportReport> imports(@RequestParam(defaultValue = "20") int limit) {
        return repository.imports(limit).stream().map(r -> importer.readReport(r.report())).toList();
    }

    @GetMapping("/{id:\\d+}")
    public ImportReport importReport(@PathVariable long id) {
        return repository.findImport(id).map(r -> importer.readReport(r.report()))
                .orElseThrow(() -> new LgspException(ErrorCode.IMPORT_NOT_FOUND, "No import " + id));
    }

    static ImportFormat format(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "hp-csv" -> ImportFormat.HP_CSV;
            case "hd-json" -> ImportFormat.HD_JSON;
            default -> throw new LgspException(ErrorCode.VALIDATION_FAILED,
                    "Unknown import format '" + name + "': use hp-csv or hd-json");
        };
    }
}
