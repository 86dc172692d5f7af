package vn.gov.haiphong.lgsp.gateway.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import vn.gov.haiphong.lgsp.gateway.GatewayAdminService;
import vn.gov.haiphong.lgsp.gateway.GatewayCatalog;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.GrantInput;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.GroupInput;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.ServiceInput;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.AllowedService;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Grant;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Group;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Kind;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Service;
import vn.gov.haiphong.lgsp.gateway.mediation.UpstreamClient;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/** The service gateway for operators: catalogue, groups of systems, grants, who may call what. */
@RestController
@RequestMapping("/api/admin/gateway")
@Tag(name = "gateway", description = "Service gateway: catalogue, groups, access grants")
public class GatewayAdminController {

    private final GatewayAdminService admin;
    private final GatewayCatalog catalog;
    private final AgencyResolver registry;
    private final UpstreamClient upstream;

    public GatewayAdminController(GatewayAdminService admin, GatewayCatalog catalog, AgencyResolver registry,
                                  UpstreamClient upstream) {
        this.admin = admin;
        this.catalog = catalog;
        this.registry = registry;
        this.upstream = upstream;
    }

    /** A service as operators see it (its description is fetched separately). */
    public record ServiceView(String serviceCode, String name, String providerSystem, Kind kind,
                              Map<String, String> endpoints, int timeoutMs, long maxRequestBytes, long maxResponseBytes,
                              int ratePerSecond, int rateBurst, String routingRoute, boolean enabled,
                              String descriptionType, long version, Instant updatedAt) {
        static ServiceView of(Service s) {
            return new ServiceView(s.serviceCode(), s.name(), s.providerSystem(), s.kind(), s.endpoints(), s.timeoutMs(),
                    s.maxRequestBytes(), s.maxResponseBytes(), s.ratePerSecond(), s.rateBurst(), s.routingRoute(),
                    s.enabled(), s.descriptionType(), s.version(), s.updatedAt());
        }
    }

    public record GroupView(String groupId, String name, Region region, String withinAgency, List<String> members,
                            List<String> systemsNow, Instant updatedAt) {
    }

    @Operation(summary = "List the services of the catalogue")
    @GetMapping("/services")
    public List<ServiceView> services() {
        return catalog.snapshot().services().stream().sorted(Comparator.comparing(Service::serviceCode))
                .map(ServiceView::of).toList();
    }

    @GetMapping("/services/{code}")
    public ServiceView service(@PathVariable String code) {
        return catalog.service(code).map(ServiceView::of)
                .orElseThrow(() -> new LgspException(ErrorCode.GW_SERVICE_NOT_FOUND, "No service " + code));
    }

    @Operation(summary = "Register a provider's service: kind, endpoints (the only addresses ever called), limits")
    @PostMapping("/services")
    @ResponseStatus(HttpStatus.CREATED)
    public ServiceView createService(@Valid @RequestBody ServiceInput input, Principal who) {
        return ServiceView.of(admin.createService(input, who.getName()));
    }

    @PutMapping("/services/{code}")
    public ServiceView updateService(@PathVariable String code, @Valid @RequestBody ServiceInput input, Principal who) {
        return ServiceView.of(admin.updateService(code, input, who.getName()));
    }

    @DeleteMapping("/services/{code}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteService(@PathVariable String code, Principal who) {
        admin.deleteService(code, who.getName());
    }

    @Operation(summary = "Publish the service's description: WSDL (SOAP) or OpenAPI JSON/YAML (REST, bridge)")
    @PutMapping(value = "/services/{code}/description", consumes = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.TEXT_XML_VALUE, MediaType.APPLICATION_XML_VALUE, "application/yaml", "application/x-yaml",
            MediaType.TEXT_PLAIN_VALUE, "text/yaml"})
    public ServiceView describe(@PathVariable String code, @RequestBody byte[] document, Principal who) {
        return ServiceView.of(admin.describeService(code, document, who.getName()));
    }

    @Operation(summary = "The description as registered (with the provider's addresses)")
    @GetMapping("/services/{code}/description")
    public ResponseEntity<String> description(@PathVariable String code) {
        Service service = catalog.service(code)
                .orElseThrow(() -> new LgspException(ErrorCode.GW_SERVICE_NOT_FOUND, "No service " + code));
        if (!service.hasDescription()) {
            throw new LgspException(ErrorCode.GW_NO_DESCRIPTION, "Service " + code + " has no description");
        }
        return ResponseEntity.ok().contentType(service.kind() == Kind.SOAP ? MediaType.TEXT_XML : MediaType.TEXT_PLAIN)
                .body(service.description());
    }

    @GetMapping("/groups")
    public List<GroupView> groups() {
        return catalog.snapshot().groups().stream().sorted(Comparator.comparing(Group::groupId)).map(this::view).toList();
    }

    @GetMapping("/groups/{groupId}")
    public GroupView group(@PathVariable String groupId) {
        return catalog.snapshot().group(groupId).map(this::view)
                .orElseThrow(() -> new LgspException(ErrorCode.GW_GROUP_NOT_FOUND, "No group " + groupId));
    }

    @Operation(summary = "Create or replace a group: explicit members and/or all systems whose owner agency is of a "
            + "region and/or under an agency")
    @PutMapping("/groups/{groupId}")
    public GroupView putGroup(@PathVariable String groupId, @Valid @RequestBody GroupInput input, Principal who) {
        admin.putGroup(groupId, input, who.getName());
        return group(groupId);
    }

    @DeleteMapping("/groups/{groupId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteGroup(@PathVariable String groupId, Principal who) {
        admin.deleteGroup(groupId, who.getName());
    }

    private GroupView view(Group g) {
        return new GroupView(g.groupId(), g.name(), g.region(), g.withinAgency(), g.members().stream().sorted().toList(),
                catalog.membersNow(g), g.updatedAt());
    }

    @Operation(summary = "List grants, optionally of one service or one subject (system id or group id)")
    @GetMapping("/grants")
    public List<Grant> grants(@RequestParam(required = false) String service,
                              @RequestParam(required = false) String subject) {
        return catalog.snapshot().grants().stream()
                .filter(g -> service == null || g.serviceCode().equals(service))
                .filter(g -> subject == null || g.subject().equals(subject))
                .toList();
    }

    @Operation(summary = "Grant a system or a group a service (REST: optionally one method and a path pattern)")
    @PostMapping("/grants")
    @ResponseStatus(HttpStatus.CREATED)
    public Grant createGrant(@Valid @RequestBody GrantInput input, Principal who) {
        return admin.createGrant(input, who.getName());
    }

    @DeleteMapping("/grants/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteGrant(@PathVariable long id, Principal who) {
        admin.deleteGrant(id, who.getName());
    }

    public record SystemAccess(String systemId, List<AllowedService> services) {
    }

    @Operation(summary = "Who may call what: for every connected system (or one), the services and rules granted")
    @GetMapping("/access")
    public List<SystemAccess> access(@RequestParam(required = false) String system) {
        List<SystemAccess> out = new ArrayList<>();
        registry.snapshot().systems().stream().map(ConnectedSystem::systemId).sorted()
                .filter(id -> system == null || id.equals(system))
                .forEach(id -> out.add(new SystemAccess(id, catalog.allowedServices(id))));
        return out;
    }

    @Operation(summary = "Circuit breaker state per upstream address (CLOSED, OPEN, HALF_OPEN)")
    @GetMapping("/circuits")
    public Map<String, String> circuits() {
        return upstream.breakerStates();
    }
}
