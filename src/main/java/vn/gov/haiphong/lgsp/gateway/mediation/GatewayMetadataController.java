package vn.gov.haiphong.lgsp.gateway.mediation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.gov.haiphong.lgsp.gateway.GatewayAudit;
import vn.gov.haiphong.lgsp.gateway.GatewayCall;
import vn.gov.haiphong.lgsp.gateway.GatewayCatalog;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.AllowedService;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Kind;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Service;
import vn.gov.haiphong.lgsp.gateway.ServiceDescriptions;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.security.CallingSystem;
import vn.gov.haiphong.lgsp.security.gateway.GatewayAuthentication;

/**
 * Metadata for clients, like X-Road's metaservices: every service of the catalogue
 * ({@code listServices}), the ones the caller may use with the rules granted
 * ({@code allowedServices}), and a service's description with the gateway's addresses (to clients
 * granted that service). Authenticated like every gateway call, and audited.
 */
@RestController
@RequestMapping("/gw/meta")
@Tag(name = "gateway-metadata", description = "The services of the gateway, and what the caller may use")
public class GatewayMetadataController {

    private final GatewayCatalog catalog;
    private final ServiceDescriptions descriptions;
    private final GatewayAudit audit;

    public GatewayMetadataController(GatewayCatalog catalog, ServiceDescriptions descriptions, GatewayAudit audit) {
        this.catalog = catalog;
        this.descriptions = descriptions;
        this.audit = audit;
    }

    public record ListedService(String serviceCode, String name, String providerSystem, Kind kind, String address,
                                @Schema(types = {"string", "null"}, description = "Where its description is "
                                        + "served; null when none is published") String description) {
    }

    @Operation(summary = "Every enabled service, with its gateway address and, when published, its description's")
    @GetMapping("/listServices")
    public List<ListedService> listServices(Authentication authentication, HttpServletRequest request) {
        long start = System.nanoTime();
        CallingSystem caller = caller(authentication);
        String base = descriptions.publicBase(request);
        List<ListedService> services = catalog.snapshot().services().stream().filter(Service::enabled)
                .sorted(Comparator.comparing(Service::serviceCode))
                .map(s -> new ListedService(s.serviceCode(), s.name(), s.providerSystem(), s.kind(), address(base, s),
                        s.hasDescription() ? base + "/gw/meta/services/" + s.serviceCode() + "/description" : null))
                .toList();
        audited(caller, null, "GET listServices", 200, null, start);
        return services;
    }

    @Operation(summary = "The services the calling system may use, with the rules granted (methods and paths)")
    @GetMapping("/allowedServices")
    public List<AllowedService> allowedServices(Authentication authentication) {
        long start = System.nanoTime();
        CallingSystem caller = caller(authentication);
        List<AllowedService> allowed = catalog.allowedServices(caller.systemId());
        audited(caller, null, "GET allowedServices", 200, null, start);
        return allowed;
    }

    @Operation(summary = "A service's published description, with the gateway's addresses: OpenAPI (JSON) for REST, "
            + "WSDL for SOAP; to systems granted that service")
    @ApiResponse(responseCode = "200", description = "The description", content = {
            @Content(mediaType = "application/json", schema = @Schema(type = "object")),
            @Content(mediaType = "text/xml", schema = @Schema(type = "string"))})
    @GetMapping("/services/{code}/description")
    public ResponseEntity<byte[]> description(@PathVariable String code, Authentication authentication,
                                              HttpServletRequest request) {
        long start = System.nanoTime();
        CallingSystem caller = caller(authentication);
        try {
            Service service = catalog.service(code)
                    .orElseThrow(() -> new LgspException(ErrorCode.GW_SERVICE_NOT_FOUND, "No service " + code));
            if (catalog.allowedServices(caller.systemId()).stream().noneMatch(a -> a.serviceCode().equals(code))) {
                throw new LgspException(ErrorCode.GW_NOT_GRANTED, "System " + caller.systemId()
                        + " is not granted service " + code + ", so neither its description");
            }
            byte[] body = descriptions.published(service, descriptions.publicBase(request)).getBytes(StandardCharsets.UTF_8);
            audited(caller, code, "GET description", 200, null, start);
            return ResponseEntity.ok().contentType(service.kind() == Kind.SOAP ? MediaType.TEXT_XML
                    : MediaType.APPLICATION_JSON).body(body);
        } catch (LgspException e) {
            audited(caller, code, "GET description", e.error().status().value(), e.error().code(), start);
            throw e;
        }
    }

    private static String address(String base, Service s) {
        return base + (s.kind() == Kind.SOAP ? "/gw/soap/" : "/gw/r1/") + s.serviceCode();
    }

    private static CallingSystem caller(Authentication authentication) {
        CallingSystem caller = GatewayAuthentication.callerOf(authentication);
        if (caller == null) {
            throw new LgspException(ErrorCode.GW_AUTH_MISSING, "Only connected systems use the gateway");
        }
        return caller;
    }

    private void audited(CallingSystem caller, String service, String operation, int status, String code, long start) {
        audit.record(new GatewayCall(GatewayServlet.requestId(), Instant.now(), caller.systemId(), null, service, "META",
                operation, null, status, code, (System.nanoTime() - start) / 1000, 0, 0, null, null));
    }
}
