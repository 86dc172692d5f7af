package vn.gov.haiphong.lgsp.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.GrantInput;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.GroupInput;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.ServiceInput;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Grant;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Group;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Kind;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.SubjectType;
import vn.gov.haiphong.lgsp.platform.OncePerTransaction;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/**
 * Every write to the gateway catalogue: checked, recorded in the registry change log (who, when,
 * what), announced on {@code lgsp.registry-events} (types {@code GW_SERVICE_*}, {@code GW_GROUP_*},
 * {@code GW_GRANT_*}) through the outbox, and followed by a fresh in-memory catalogue.
 */
@Service
public class GatewayAdminService {

    public static final String SERVICE = "GW_SERVICE";
    public static final String GROUP = "GW_GROUP";
    public static final String GRANT = "GW_GRANT";
    private static final Pattern ENDPOINT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");

    private final GatewayRepository repository;
    private final GatewayCatalog catalog;
    /** The in-memory copy is reloaded once per committed transaction that changed it. */
    private final OncePerTransaction catalogReload;
    private final RegistryService registry;
    private final AgencyResolver resolver;
    private final ServiceDescriptions descriptions;
    private final long defaultMaxBody;

    public GatewayAdminService(GatewayRepository repository, GatewayCatalog catalog, RegistryService registry,
                               AgencyResolver resolver, ServiceDescriptions descriptions,
                               @Value("${lgsp.gateway.default-max-body:10MB}") DataSize defaultMaxBody) {
        this.repository = repository;
        this.catalog = catalog;
        this.catalogReload = new OncePerTransaction(catalog::reload);
        this.registry = registry;
        this.resolver = resolver;
        this.descriptions = descriptions;
        this.defaultMaxBody = defaultMaxBody.toBytes();
    }

    // --- services -----------------------------------------------------------------------------

    @Transactional
    public GatewayModel.Service createService(ServiceInput input, String actor) {
        if (repository.serviceExists(input.serviceCode())) {
            throw new LgspException(ErrorCode.GW_SERVICE_EXISTS, "Service " + input.serviceCode() + " already exists");
        }
        GatewayModel.Service service = toService(input, null);
        repository.insertService(service);
        changed(actor, "CREATE", SERVICE, service.serviceCode(), serviceData(service));
        return service;
    }

    @Transactional
    public GatewayModel.Service updateService(String code, ServiceInput input, String actor) {
        GatewayModel.Service existing = requireService(code);
        if (!code.equals(input.serviceCode())) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED, "serviceCode in the body differs from the path");
        }
        GatewayModel.Service service = toService(input, existing);
        repository.updateService(service);
        changed(actor, "UPDATE", SERVICE, code, serviceData(service));
        return service;
    }

    @Transactional
    public void deleteService(String code, String actor) {
        requireService(code);
        repository.deleteService(code);
        changed(actor, "DELETE", SERVICE, code, Map.of("serviceCode", code));
    }

    @Transactional
    public GatewayModel.Service describeService(String code, byte[] document, String actor) {
        GatewayModel.Service existing = requireService(code);
        descriptions.check(existing.kind(), document);
        String type = ServiceDescriptions.typeFor(existing.kind());
        GatewayModel.Service service = new GatewayModel.Service(existing.serviceCode(), existing.name(),
                existing.providerSystem(), existing.kind(), existing.timeoutMs(), existing.maxRequestBytes(),
                existing.maxResponseBytes(), existing.ratePerSecond(), existing.rateBurst(), existing.routingRoute(),
                existing.enabled(), existing.endpoints(), type, new String(document, StandardCharsets.UTF_8),
                existing.version() + 1, Instant.now());
        repository.updateService(service);
        changed(actor, "DESCRIBE", SERVICE, code, Map.of("serviceCode", code, "descriptionType", type,
                "bytes", document.length));
        return service;
    }

    private GatewayModel.Service requireService(String code) {
        return repository.findAllServices().stream().filter(s -> s.serviceCode().equals(code)).findFirst()
                .orElseThrow(() -> new LgspException(ErrorCode.GW_SERVICE_NOT_FOUND, "No service " + code));
    }

    private GatewayModel.Service toService(ServiceInput in, GatewayModel.Service existing) {
        if (resolver.snapshot().system(in.providerSystem()).isEmpty()) {
            throw invalid("providerSystem: no connected system " + in.providerSystem());
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        in.endpoints().forEach((name, url) -> {
            if (name == null || !ENDPOINT_NAME.matcher(name).matches()) {
                throw invalid("endpoint names are 1-50 of a-z, 0-9 and -: '" + name + "'");
            }
            endpoints.put(name, checkUrl(url));
        });
        if (in.kind() == Kind.BRIDGE && in.routingRoute() == null) {
            throw invalid("a BRIDGE service needs routingRoute: the route direct:<routingRoute> that translates");
        }
        if (endpoints.size() > 1 && in.routingRoute() == null) {
            throw invalid("several endpoints need a routingRoute that chooses among them");
        }
        if (in.kind() == Kind.SOAP && in.routingRoute() != null) {
            throw invalid("SOAP services are relayed to their one endpoint; routing tables are for REST services");
        }
        int timeout = bounded(in.timeoutMs(), 10_000, 100, 300_000, "timeoutMs");
        long maxRequest = bounded(in.maxRequestBytes(), defaultMaxBody, 0, 100L * 1024 * 1024, "maxRequestBytes");
        long maxResponse = bounded(in.maxResponseBytes(), defaultMaxBody, 0, 100L * 1024 * 1024, "maxResponseBytes");
        int rate = bounded(in.ratePerSecond(), 100, 1, 1_000_000, "ratePerSecond");
        int burst = bounded(in.rateBurst(), rate * 2, 1, 10_000_000, "rateBurst");
        return new GatewayModel.Service(in.serviceCode(), in.name().strip(), in.providerSystem(), in.kind(), timeout,
                maxRequest, maxResponse, rate, burst, in.routingRoute(), in.enabled() == null || in.enabled(),
                Map.copyOf(endpoints),
                existing == null || existing.kind() != in.kind() ? null : existing.descriptionType(),
                existing == null || existing.kind() != in.kind() ? null : existing.description(),
                existing == null ? 1 : existing.version() + 1, Instant.now());
    }

    /** Absolute http(s) with a host; no user info, query or fragment; stored without a trailing slash. */
    static String checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (java.net.URISyntaxException e) {
            throw invalid("endpoint URL is not a URI: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || url.length() > 1000) {
            throw invalid("endpoint URL must be absolute http(s) with a host and without user info, query or fragment: "
                    + url);
        }
        String normalized = uri.toString();
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (URI.create(normalized).getRawPath() != null && URI.create(normalized).getRawPath().contains("/..")) {
            throw invalid("endpoint URL must not contain dot segments: " + url);
        }
        return normalized;
    }

    private static int bounded(Integer value, int otherwise, int min, int max, String field) {
        return (int) bounded(value == null ? null : value.longValue(), otherwise, min, max, field);
    }

    private static long bounded(Long value, long otherwise, long min, long max, String field) {
        long v = value == null ? otherwise : value;
        if (v < min || v > max) {
            throw invalid(field + " must be between " + min + " and " + max);
        }
        return v;
    }

    private static LgspException invalid(String why) {
        return new LgspException(ErrorCode.GW_SERVICE_INVALID, why);
    }

    static Map<String, Object> serviceData(GatewayModel.Service s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceCode", s.serviceCode());
        data.put("name", s.name());
        data.put("providerSystem", s.providerSystem());
        data.put("kind", s.kind().name());
        data.put("endpoints", new java.util.TreeMap<>(s.endpoints()));
        data.put("timeoutMs", s.timeoutMs());
        data.put("maxRequestBytes", s.maxRequestBytes());
        data.put("maxResponseBytes", s.maxResponseBytes());
        data.put("ratePerSecond", s.ratePerSecond());
        data.put("rateBurst", s.rateBurst());
        data.put("routingRoute", s.routingRoute());
        data.put("enabled", s.enabled());
        data.put("version", s.version());
        return data;
    }

    // --- groups -------------------------------------------------------------------------------

    @Transactional
    public Group putGroup(String groupId, GroupInput in, String actor) {
        if (!groupId.equals(in.groupId())) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED, "groupId in the body differs from the path");
        }
        RegistrySnapshot reg = resolver.snapshot();
        String within = null;
        if (in.withinAgency() != null && !in.withinAgency().isBlank()) {
            within = reg.resolve(in.withinAgency()).map(r -> r.agency().code())
                    .orElseThrow(() -> new LgspException(ErrorCode.GW_GRANT_INVALID, "withinAgency: no agency "
                            + in.withinAgency()));
        }
        Set<String> members = new LinkedHashSet<>(in.members() == null ? Set.of() : in.members());
        for (String member : members) {
            if (reg.system(member).isEmpty()) {
                throw new LgspException(ErrorCode.GW_GRANT_INVALID, "members: no connected system " + member);
            }
        }
        if (members.isEmpty() && in.region() == null && within == null) {
            throw new LgspException(ErrorCode.GW_GRANT_INVALID,
                    "A group needs members, a region, a withinAgency, or a combination");
        }
        boolean exists = repository.groupExists(groupId);
        Group group = new Group(groupId, in.name().strip(), in.region(), within, Set.copyOf(members), Instant.now());
        repository.upsertGroup(group, exists);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", groupId);
        data.put("name", group.name());
        data.put("region", group.region() == null ? null : group.region().name());
        data.put("withinAgency", within);
        data.put("members", members.stream().sorted().toList());
        changed(actor, exists ? "UPDATE" : "CREATE", GROUP, groupId, data);
        return group;
    }

    @Transactional
    public void deleteGroup(String groupId, String actor) {
        if (!repository.groupExists(groupId)) {
            throw new LgspException(ErrorCode.GW_GROUP_NOT_FOUND, "No group " + groupId);
        }
        int grants = repository.countGrantsOfGroup(groupId);
        if (grants > 0) {
            throw new LgspException(ErrorCode.GW_GROUP_IN_USE, grants + " grant(s) still name group " + groupId
                    + "; delete them first");
        }
        repository.deleteGroup(groupId);
        changed(actor, "DELETE", GROUP, groupId, Map.of("groupId", groupId));
    }

    // --- grants -------------------------------------------------------------------------------

    @Transactional
    public Grant createGrant(GrantInput in, String actor) {
        GatewayModel.Service service = repository.findAllServices().stream()
                .filter(s -> s.serviceCode().equals(in.serviceCode())).findFirst()
                .orElseThrow(() -> new LgspException(ErrorCode.GW_GRANT_INVALID, "serviceCode: no service " + in.serviceCode()));
        if (in.subjectType() == SubjectType.SYSTEM && resolver.snapshot().system(in.subject()).isEmpty()) {
            throw new LgspException(ErrorCode.GW_GRANT_INVALID, "subject: no connected system " + in.subject());
        }
        if (in.subjectType() == SubjectType.GROUP && !repository.groupExists(in.subject())) {
            throw new LgspException(ErrorCode.GW_GRANT_INVALID, "subject: no group " + in.subject());
        }
        if (service.kind() == Kind.SOAP && (in.method() != null || in.pathPattern() != null)) {
            throw new LgspException(ErrorCode.GW_GRANT_INVALID,
                    "SOAP services are granted whole: leave method and pathPattern out");
        }
        Grant grant = new Grant(0, in.serviceCode(), in.subjectType(), in.subject(), in.method(),
                in.pathPattern() == null || in.pathPattern().isBlank() ? null : in.pathPattern(), actor, Instant.now());
        long id = repository.insertGrant(grant);
        Grant stored = new Grant(id, grant.serviceCode(), grant.subjectType(), grant.subject(), grant.method(),
                grant.pathPattern(), actor, grant.createdAt());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("serviceCode", stored.serviceCode());
        data.put("subjectType", stored.subjectType().name());
        data.put("subject", stored.subject());
        data.put("method", stored.method());
        data.put("pathPattern", stored.pathPattern());
        changed(actor, "CREATE", GRANT, Long.toString(id), data);
        return stored;
    }

    @Transactional
    public void deleteGrant(long id, String actor) {
        if (repository.deleteGrant(id) == 0) {
            throw new LgspException(ErrorCode.GW_GRANT_NOT_FOUND, "No grant " + id);
        }
        changed(actor, "DELETE", GRANT, Long.toString(id), Map.of("id", id));
    }

    // --- shared -------------------------------------------------------------------------------

    private void changed(String actor, String action, String entity, String key, Map<String, Object> data) {
        registry.changed(actor, action, entity, key, data);
        catalogReload.request();
    }
}
