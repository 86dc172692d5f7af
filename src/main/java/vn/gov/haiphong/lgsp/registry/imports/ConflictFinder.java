package vn.gov.haiphong.lgsp.registry.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyCode;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;
import vn.gov.haiphong.lgsp.registry.imports.Conflict.Action;
import vn.gov.haiphong.lgsp.registry.imports.Conflict.Kind;

/** Findings about the registry as it stands, whatever file or admin call produced it. */
@Component
public class ConflictFinder {

    public List<Conflict> registryWide(RegistrySnapshot registry) {
        List<Conflict> conflicts = new ArrayList<>();
        for (ConnectedSystem system : registry.systems()) {
            if (!system.enabled()) {
                continue;
            }
            registry.agency(system.ownerAgency()).filter(a -> !a.isActive()).ifPresent(owner ->
                    conflicts.add(new Conflict(Kind.CLOSED_AGENCY_OWNS_ENABLED_SYSTEM,
                            List.of(owner.code(), system.systemId()), List.of(),
                            owner.name() + " (" + owner.code() + ") is " + owner.status() + " but still owns enabled system "
                                    + system.systemId() + "; move the system to the successor or disable it",
                            Action.REPORTED)));
        }
        Map<String, List<Agency>> bySourceId = new HashMap<>();
        for (Agency agency : registry.agencies()) {
            if (agency.isActive() && AgencyCode.isHaiDuong(agency.code())) {
                conflicts.add(new Conflict(Kind.H26_WITHOUT_SUCCESSOR, List.of(agency.code()), List.of(),
                        agency.name() + " is still active under the closed Hải Dương code " + agency.code(),
                        Action.REPORTED));
            }
            if (agency.isActive() && agency.sourceId() != null) {
                bySourceId.computeIfAbsent(agency.source() + "/" + agency.sourceId(), k -> new ArrayList<>()).add(agency);
            }
            if (agency.parentCode() != null && registry.agency(agency.parentCode()).isEmpty()) {
                conflicts.add(new Conflict(Kind.PARENT_NOT_FOUND, List.of(agency.code(), agency.parentCode()), List.of(),
                        "parent " + agency.parentCode() + " of " + agency.code() + " names no agency", Action.REPORTED));
            }
        }
        bySourceId.forEach((unit, agencies) -> {
            if (agencies.size() > 1) {
                conflicts.add(new Conflict(Kind.UNIT_WITH_TWO_CURRENT_CODES,
                        agencies.stream().map(Agency::code).sorted().toList(), List.of(),
                        "unit " + unit + " is active under several codes", Action.REPORTED));
            }
        });
        conflicts.sort(java.util.Comparator.comparing((Conflict c) -> c.kind()).thenComparing(c -> c.codes().toString()));
        return conflicts;
    }
}
