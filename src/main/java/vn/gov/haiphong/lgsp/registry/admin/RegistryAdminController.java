package vn.gov.haiphong.lgsp.registry.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.Alias;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AgencyInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AliasInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryRepository;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;
import vn.gov.haiphong.lgsp.registry.SystemCertificate;
import vn.gov.haiphong.lgsp.registry.SystemView;
import vn.gov.haiphong.lgsp.registry.imports.Conflict;
import vn.gov.haiphong.lgsp.registry.imports.ConflictFinder;

/** The unified registry for operators: agencies, aliases, systems, code resolution, change log. */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "registry", description = "Unified agency registry of the merged city")
public class RegistryAdminController {

    private final RegistryService registry;
    private final AgencyResolver resolver;
    private final RegistryRepository repository;
    private final ConflictFinder conflicts;

    public RegistryAdminController(RegistryService registry, AgencyResolver resolver, RegistryRepository repository,
                                   ConflictFinder conflicts) {
        this.registry = registry;
        this.resolver = resolver;
        this.repository = repository;
        this.conflicts = conflicts;
    }

    /** An agency with the legacy codes that lead to it. */
    public record AgencyView(Agency agency, List<String> aliases) {
    }

    public record Resolution(String requestedCode, boolean viaAlias, List<String> aliasChain, Agency agency,
                             List<String> servedBy) {
    }

    @Operation(summary = "Resolve any code (current or legacy, following alias chains) to the current agency")
    @GetMapping("/resolve/{code}")
    public Resolution resolve(@PathVariable String code) {
        RegistrySnapshot snapshot = resolver.snapshot();
        RegistrySnapshot.Resolution r = snapshot.resolve(RegistryService.validCode(code))
                .orElseThrow(() -> new LgspException(ErrorCode.AGENCY_NOT_FOUND, "No agency or alias has code " + code));
        return new Resolution(r.requestedCode(), r.viaAlias(), r.aliasChain(), r.agency(),
                snapshot.systemsFor(r.agency().code()).stream().filter(s -> s.enabled()).map(s -> s.systemId()).sorted()
                        .toList());
    }

    @Operation(summary = "List agencies, optionally by region, status or parent")
    @GetMapping("/agencies")
    public List<AgencyView> agencies(@RequestParam(required = false) Region region,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(required = false) String parent) {
        RegistrySnapshot snapshot = resolver.snapshot();
        return snapshot.agencies().stream()
                .filter(a -> region == null || a.region() == region)
                .filter(a -> status == null || a.status().name().equalsIgnoreCase(status))
                .filter(a -> parent == null || parent.equalsIgnoreCase(a.parentCode()))
                .sorted(Comparator.comparing(Agency::code))
                .map(a -> new AgencyView(a, snapshot.aliasesOf(a.code())))
                .toList();
    }

    @GetMapping("/agencies/{code}")
    public AgencyView agency(@PathVariable String code) {
        RegistrySnapshot snapshot = resolver.snapshot();
        Agency agency = snapshot.agency(RegistryService.validCode(code))
                .orElseThrow(() -> new LgspException(ErrorCode.AGENCY_NOT_FOUND, "No agency " + code
                        + (snapshot.alias(code).isPresent() ? " (it is an alias: use /resolve/" + code + ")" : "")));
        return new AgencyView(agency, snapshot.aliasesOf(agency.code()));
    }

    @PostMapping("/agencies")
    @ResponseStatus(HttpStatus.CREATED)
    public Agency createAgency(@Valid @RequestBody AgencyInput input, Principal who) {
        return registry.createAgency(input, who.getName());
    }

    @PutMapping("/agencies/{code}")
    public Agency updateAgency(@PathVariable String code, @Valid @RequestBody AgencyInput input, Principal who) {
        return registry.updateAgency(code, input, who.getName());
    }

    @DeleteMapping("/agencies/{code}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteAgency(@PathVariable String code, Principal who) {
        registry.deleteAgency(code, who.getName());
    }

    @GetMapping("/aliases")
    public List<Alias> aliases() {
        return resolver.snapshot().aliases().stream().sorted(Comparator.comparing(Alias::aliasCode)).toList();
    }

    @Operation(summary = "Create or change an alias; cycles, dangling targets and aliases hiding an agency are refused")
    @PutMapping("/aliases/{aliasCode}")
    public Alias putAlias(@PathVariable String aliasCode, @Valid @RequestBody AliasInput input, Principal who) {
        if (!RegistryService.validCode(aliasCode).equals(RegistryService.validCode(input.aliasCode()))) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED, "aliasCode in the body differs from the path");
        }
        return registry.putAlias(input, who.getName());
    }

    @DeleteMapping("/aliases/{aliasCode}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteAlias(@PathVariable String aliasCode, Principal who) {
        registry.deleteAlias(aliasCode, who.getName());
    }

    @GetMapping("/systems")
    public List<SystemView> systems() {
        return resolver.snapshot().systems().stream().sorted(Comparator.comparing(s -> s.systemId()))
                .map(SystemView::of).toList();
    }

    @GetMapping("/systems/{systemId}")
    public SystemView system(@PathVariable String systemId) {
        return resolver.snapshot().system(systemId).map(SystemView::of)
                .orElseThrow(() -> new LgspException(ErrorCode.SYSTEM_NOT_FOUND, "No system " + systemId));
    }

    @Operation(summary = "Register a connected system; the secret is write-only and stored encrypted")
    @PostMapping("/systems")
    @ResponseStatus(HttpStatus.CREATED)
    public SystemView createSystem(@Valid @RequestBody SystemInput input, Principal who) {
        registry.createSystem(input, who.getName());
        return system(input.systemId());
    }

    @PutMapping("/systems/{systemId}")
    public SystemView updateSystem(@PathVariable String systemId, @Valid @RequestBody SystemInput input, Principal who) {
        registry.updateSystem(systemId, input, who.getName());
        return system(systemId);
    }

    @DeleteMapping("/systems/{systemId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteSystem(@PathVariable String systemId, Principal who) {
        registry.deleteSystem(systemId, who.getName());
    }

    public record CertificateInput(String pem) {
    }

    @Operation(summary = "Register an X.509 certificate (PEM) for a system")
    @PostMapping("/systems/{systemId}/certificates")
    @ResponseStatus(HttpStatus.CREATED)
    public SystemView.CertificateView addCertificate(@PathVariable String systemId, @RequestBody CertificateInput input,
                                                     Principal who) {
        SystemCertificate c = registry.addCertificate(systemId, input.pem(), who.getName());
        return new SystemView.CertificateView(c.fingerprint(), c.subject(), c.issuer(), c.serial(), c.notBefore(),
                c.notAfter());
    }

    @DeleteMapping("/systems/{systemId}/certificates/{fingerprint}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeCertificate(@PathVariable String systemId, @PathVariable String fingerprint, Principal who) {
        registry.removeCertificate(systemId, fingerprint, who.getName());
    }

    @Operation(summary = "Conflicts in the registry as it stands (closed owners of systems, H26 leftovers, ...)")
    @GetMapping("/conflicts")
    public Map<String, Object> conflicts() {
        List<Conflict> found = conflicts.registryWide(resolver.snapshot());
        return Map.of("count", found.size(), "conflicts", found);
    }

    @Operation(summary = "The change log: who changed what, when (newest first)")
    @GetMapping("/changes")
    public List<RegistryRepository.ChangeRecord> changes(@RequestParam(defaultValue = "100") int limit) {
        return repository.recentChanges(limit);
    }
}
