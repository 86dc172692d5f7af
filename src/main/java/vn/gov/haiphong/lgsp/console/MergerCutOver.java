package vn.gov.haiphong.lgsp.console;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/**
 * Cutting a unit of the former Hải Dương over from the old LGSP (a RELAY system) to its own
 * system on the unified platform: the unit's agency moves from the relay system's agencies to the
 * chosen system's, through {@link RegistryService#updateSystem} (the operation behind
 * {@code PUT /api/admin/registry/systems/{id}}), in one transaction. Each update is in
 * {@code registry_change} with the person as actor, announced on {@code lgsp.registry-events}, and
 * every node refreshes its snapshot; the routing table then routes the unit's next document to
 * the new system. No SQL of its own.
 */
@Service
public class MergerCutOver {

    /** What a cut-over does: the unit, the relay systems it leaves, the system it joins. */
    public record Plan(Agency unit, List<ConnectedSystem> from, ConnectedSystem to) {
    }

    /** Why a cut-over cannot be done: a message key {@code merger.refused.<key>} and its argument. */
    public static final class Refused extends RuntimeException {
        private final String key;
        private final String arg;

        Refused(String key, String arg) {
            super(key + " " + arg);
            this.key = key;
            this.arg = arg;
        }

        public String key() {
            return key;
        }

        public String arg() {
            return arg;
        }
    }

    private final AgencyResolver resolver;
    private final RegistryService registry;

    public MergerCutOver(AgencyResolver resolver, RegistryService registry) {
        this.resolver = resolver;
        this.registry = registry;
    }

    /** The plan against this node's snapshot (for the confirmation page); @throws Refused */
    public Plan plan(String unitCode, String toSystemId) {
        return plan(resolver.snapshot(), unitCode, toSystemId);
    }

    /** Does it, checked again against the database; @throws Refused (nothing changed) */
    @Transactional
    public Plan cutOver(String unitCode, String toSystemId, String actor) {
        Plan plan = plan(resolver.fromDatabase(), unitCode, toSystemId);
        String code = plan.unit().code();
        Set<String> joined = new LinkedHashSet<>(plan.to().agencies());
        joined.add(code);
        registry.updateSystem(plan.to().systemId(), input(plan.to(), joined), actor);
        for (ConnectedSystem relay : plan.from()) {
            Set<String> left = new LinkedHashSet<>(relay.agencies());
            left.remove(code);
            registry.updateSystem(relay.systemId(), input(relay, left), actor);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agency", code);
        data.put("from", plan.from().stream().map(ConnectedSystem::systemId).toList());
        data.put("to", plan.to().systemId());
        registry.changed(actor, "CUT_OVER", "AGENCY", code, data);
        return plan;
    }

    static Plan plan(RegistrySnapshot snapshot, String unitCode, String toSystemId) {
        if (unitCode == null || unitCode.isBlank()) {
            throw new Refused("noUnit", null);
        }
        Agency unit = snapshot.agency(unitCode.strip())
                .orElseThrow(() -> new Refused("unknownUnit", unitCode.strip()));
        if (unit.region() != Region.HD) {
            throw new Refused("notHd", unit.code());
        }
        List<ConnectedSystem> serving = snapshot.systemsFor(unit.code());
        List<ConnectedSystem> relays = serving.stream().filter(s -> s.deliveryMode() == DeliveryMode.RELAY).toList();
        if (relays.isEmpty()) {
            throw new Refused("notRelayed", unit.code());
        }
        for (ConnectedSystem relay : relays) {
            if (relay.ownerAgency().equals(unit.code())) {
                // A system always acts for its owner: the relay would keep the unit.
                throw new Refused("ownsRelay", relay.systemId());
            }
        }
        if (toSystemId == null || toSystemId.isBlank()) {
            throw new Refused("noSystem", null);
        }
        ConnectedSystem to = snapshot.system(toSystemId.strip())
                .orElseThrow(() -> new Refused("unknownSystem", toSystemId.strip()));
        if (to.deliveryMode() == DeliveryMode.RELAY) {
            throw new Refused("relaySystem", to.systemId());
        }
        if (!to.enabled()) {
            throw new Refused("disabledSystem", to.systemId());
        }
        return new Plan(unit, relays.stream().sorted(java.util.Comparator.comparing(ConnectedSystem::systemId)).toList(),
                to);
    }

    /** The system's whole definition as the admin API's PUT takes it, with other agencies; the secret stays. */
    static SystemInput input(ConnectedSystem s, Set<String> agencies) {
        return new SystemInput(s.systemId(), s.name(), s.ownerAgency(), agencies, s.protocols(), s.deliveryMode(),
                s.deliveryUrl(), s.signaturePolicy(), s.enabled(), null);
    }
}
