package vn.gov.haiphong.lgsp.gateway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.AllowedService;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Grant;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Group;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Service;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.SubjectType;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/**
 * The service catalogue, groups and grants in memory, so an access check on the message path
 * never touches the database. Rebuilt after every local commit and when another node announces
 * a gateway change on {@code lgsp.registry-events} ({@code GatewayCatalogRefreshRoute}). Group
 * rules are evaluated against the registry snapshot of the moment, so a system moved to another
 * agency gains or loses its group rights as soon as the registry says so.
 */
@Component
public class GatewayCatalog implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(GatewayCatalog.class);
    private static final int MAX_ANCESTORS = 32;
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final GatewayRepository repository;
    private final AgencyResolver registry;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(List.of(), List.of(), List.of()));

    public GatewayCatalog(GatewayRepository repository, AgencyResolver registry) {
        this.repository = repository;
        this.registry = registry;
    }

    /** An immutable picture of the catalogue. */
    public static final class Snapshot {
        private final Map<String, Service> services = new HashMap<>();
        private final Map<String, List<Grant>> grantsByService = new HashMap<>();
        private final Map<String, Group> groups = new HashMap<>();
        private final List<Grant> grants;

        Snapshot(Collection<Service> services, Collection<Group> groups, List<Grant> grants) {
            services.forEach(s -> this.services.put(s.serviceCode(), s));
            groups.forEach(g -> this.groups.put(g.groupId(), g));
            grants.forEach(g -> grantsByService.computeIfAbsent(g.serviceCode(), k -> new ArrayList<>()).add(g));
            this.grants = List.copyOf(grants);
        }

        public Optional<Service> service(String code) {
            return Optional.ofNullable(services.get(code));
        }

        public Collection<Service> services() {
            return services.values();
        }

        public Optional<Group> group(String id) {
            return Optional.ofNullable(groups.get(id));
        }

        public Collection<Group> groups() {
            return groups.values();
        }

        public List<Grant> grants() {
            return grants;
        }

        public List<Grant> grantsOf(String serviceCode) {
            return grantsByService.getOrDefault(serviceCode, List.of());
        }
    }

    public Snapshot snapshot() {
        return snapshot.get();
    }

    public Optional<Service> service(String code) {
        return snapshot.get().service(code);
    }

    @Override
    public void afterSingletonsInstantiated() {
        reload();
    }

    /** Safety net beside the change events (a node that missed one is right again within this). */
    @Scheduled(fixedDelayString = "${lgsp.gateway.catalog-refresh-interval:60s}",
            initialDelayString = "${lgsp.gateway.catalog-refresh-interval:60s}")
    public void periodicReload() {
        reload();
    }

    public synchronized Snapshot reload() {
        Snapshot fresh = new Snapshot(repository.findAllServices(), repository.findAllGroups(), repository.findAllGrants());
        snapshot.set(fresh);
        log.debug("Gateway catalogue reloaded: {} services, {} groups, {} grants", fresh.services.size(),
                fresh.groups.size(), fresh.grants.size());
        return fresh;
    }

    // --- access -------------------------------------------------------------------------------

    /**
     * Whether this client system may make this call. Deny unless a grant to the system, or to a
     * group it belongs to, covers the service and (when the grant names them) the method and path.
     */
    public boolean allows(String systemId, String serviceCode, String method, String path) {
        List<Grant> grants = snapshot.get().grantsOf(serviceCode);
        if (grants.isEmpty()) {
            return false;
        }
        for (Grant grant : grants) {
            if (covers(grant, method, path) && isSubject(grant, systemId)) {
                return true;
            }
        }
        return false;
    }

    /** True when the grant names no method/path, or names this one. */
    static boolean covers(Grant grant, String method, String path) {
        if (grant.method() != null && !grant.method().equalsIgnoreCase(method)) {
            return false;
        }
        return grant.pathPattern() == null || (path != null && PATHS.match(grant.pathPattern(), path.isEmpty() ? "/" : path));
    }

    public boolean isSubject(Grant grant, String systemId) {
        if (grant.subjectType() == SubjectType.SYSTEM) {
            return grant.subject().equals(systemId);
        }
        Group group = snapshot.get().groups.get(grant.subject());
        return group != null && isMember(group, systemId, registry.snapshot());
    }

    /** Members: the listed systems, and every system whose owner agency fits the group's rule. */
    public static boolean isMember(Group group, String systemId, RegistrySnapshot registry) {
        if (group.members().contains(systemId)) {
            return true;
        }
        if (!group.hasRule()) {
            return false;
        }
        ConnectedSystem system = registry.system(systemId).orElse(null);
        Agency owner = system == null ? null : registry.agency(system.ownerAgency()).orElse(null);
        if (owner == null) {
            return false;
        }
        if (group.region() != null && owner.region() != group.region()) {
            return false;
        }
        return group.withinAgency() == null || isWithin(owner, group.withinAgency(), registry);
    }

    /** The agency itself or one of its ancestors has this code. */
    static boolean isWithin(Agency agency, String ancestor, RegistrySnapshot registry) {
        Agency current = agency;
        Set<String> seen = new HashSet<>();
        for (int i = 0; current != null && i < MAX_ANCESTORS && seen.add(current.code()); i++) {
            if (current.code().equals(ancestor)) {
                return true;
            }
            current = current.parentCode() == null ? null : registry.agency(current.parentCode()).orElse(null);
        }
        return false;
    }

    /** The systems of the registry that are members of a group now. */
    public List<String> membersNow(Group group) {
        RegistrySnapshot reg = registry.snapshot();
        Set<String> all = new java.util.TreeSet<>(group.members());
        reg.systems().stream().map(ConnectedSystem::systemId).filter(id -> isMember(group, id, reg)).forEach(all::add);
        return List.copyOf(all);
    }

    /** The services this client may use, each with the method/path rules granted ("*" = everything). */
    public List<AllowedService> allowedServices(String systemId) {
        Snapshot s = snapshot.get();
        List<AllowedService> allowed = new ArrayList<>();
        for (Service service : s.services()) {
            List<String> rules = new ArrayList<>();
            for (Grant grant : s.grantsOf(service.serviceCode())) {
                if (isSubject(grant, systemId)) {
                    rules.add(rule(grant));
                }
            }
            if (!rules.isEmpty() && service.enabled()) {
                allowed.add(new AllowedService(service.serviceCode(), service.name(), service.kind(),
                        rules.contains("*") ? List.of("*") : rules.stream().distinct().sorted().toList()));
            }
        }
        allowed.sort(java.util.Comparator.comparing(AllowedService::serviceCode));
        return allowed;
    }

    static String rule(Grant grant) {
        if (grant.method() == null && grant.pathPattern() == null) {
            return "*";
        }
        return (grant.method() == null ? "*" : grant.method()) + " " + (grant.pathPattern() == null ? "/**" : grant.pathPattern());
    }
}
