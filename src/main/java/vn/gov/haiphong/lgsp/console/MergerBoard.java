package vn.gov.haiphong.lgsp.console;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryRepository;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;
import vn.gov.haiphong.lgsp.registry.imports.Conflict;
import vn.gov.haiphong.lgsp.registry.imports.ConflictFinder;
import vn.gov.haiphong.lgsp.registry.imports.ImportReport;
import vn.gov.haiphong.lgsp.registry.imports.RegistryImporter;

/**
 * What the console's merger board reads: every unit of the former Hải Dương (region {@code HD})
 * with its H27 code, its old codes and the platform serving it today (from this node's registry
 * snapshot, which every node refreshes on each registry change); documents per route and day
 * (from the database: {@link DeliveryTargets#routesPerDay}); the import conflict reports.
 */
@Service
public class MergerBoard {

    /** The routes of the routing table, in the order the board shows them. */
    public static final List<String> ROUTES = List.of("local-pull", "local-push", "relay", "national-axis");
    public static final int DAYS = 7;

    /** Who serves a unit today. */
    public enum Serving {
        /** A system of the unified platform (PULL or PUSH) receives for it. */
        UNIFIED,
        /** Only the old Hải Dương LGSP, through a RELAY system. */
        RELAY,
        /** No enabled system receives for it. */
        NONE
    }

    public record SystemRef(String systemId, String name, String mode) {
        static SystemRef of(ConnectedSystem s) {
            return new SystemRef(s.systemId(), s.name(), s.deliveryMode().name());
        }
    }

    /** One unit of the former Hải Dương and who serves it. */
    public record Unit(Agency agency, String parentName, List<String> oldCodes, Serving serving, List<SystemRef> systems) {
    }

    /** How far the cut-over has got over the active units of the former Hải Dương. */
    public record Progress(int unified, int relay, int none) {
        public int total() {
            return unified + relay + none;
        }

        public int percent() {
            return total() == 0 ? 0 : Math.round(100f * unified / total());
        }
    }

    /** Documents per route and day (days in Asia/Ho_Chi_Minh, oldest first). */
    public record RouteDays(List<LocalDate> days, Map<String, long[]> counts) {
        public long total(String route) {
            long sum = 0;
            for (long n : counts.getOrDefault(route, new long[0])) {
                sum += n;
            }
            return sum;
        }
    }

    /** One import with its conflict report. */
    public record ImportConflicts(long id, String format, String fileName, Instant importedAt, String actor,
                                  int changes, List<Conflict> conflicts) {
    }

    private final AgencyResolver resolver;
    private final DeliveryTargets deliveries;
    private final RegistryRepository repository;
    private final RegistryImporter importer;
    private final ConflictFinder conflicts;

    public MergerBoard(AgencyResolver resolver, DeliveryTargets deliveries, RegistryRepository repository,
                       RegistryImporter importer, ConflictFinder conflicts) {
        this.resolver = resolver;
        this.deliveries = deliveries;
        this.repository = repository;
        this.importer = importer;
        this.conflicts = conflicts;
    }

    // --- units --------------------------------------------------------------------------------

    /** Units of the former Hải Dương by code, filtered; {@code size + 1} from {@code offset}. */
    public List<Unit> units(Serving serving, String text, long offset, int size) {
        RegistrySnapshot registry = resolver.snapshot();
        String needle = text == null ? null : text.toLowerCase(Locale.ROOT);
        return registry.agencies().stream().filter(a -> a.region() == Region.HD)
                .sorted(Comparator.comparing(Agency::code))
                .map(a -> unit(registry, a))
                .filter(u -> serving == null || u.serving() == serving)
                .filter(u -> needle == null || matches(u, needle))
                .skip(offset).limit(size + 1L).toList();
    }

    /** One unit as the board shows it, if it is one of the former Hải Dương. */
    public java.util.Optional<Unit> unit(String code) {
        RegistrySnapshot registry = resolver.snapshot();
        return registry.agency(code).filter(a -> a.region() == Region.HD).map(a -> unit(registry, a));
    }

    static Unit unit(RegistrySnapshot registry, Agency agency) {
        List<ConnectedSystem> serving = registry.systemsFor(agency.code()).stream().filter(ConnectedSystem::enabled)
                .sorted(Comparator.comparing(ConnectedSystem::systemId)).toList();
        List<ConnectedSystem> unified = serving.stream().filter(s -> s.deliveryMode() != DeliveryMode.RELAY).toList();
        Serving how = !unified.isEmpty() ? Serving.UNIFIED : serving.isEmpty() ? Serving.NONE : Serving.RELAY;
        List<SystemRef> systems = (how == Serving.UNIFIED ? unified : serving).stream().map(SystemRef::of).toList();
        String parent = agency.parentCode() == null ? null
                : registry.agency(agency.parentCode()).map(Agency::name).orElse(null);
        List<String> old = registry.aliasesOf(agency.code()).stream().sorted().toList();
        return new Unit(agency, parent, old, how, systems);
    }

    private static boolean matches(Unit u, String needle) {
        if (u.agency().code().toLowerCase(Locale.ROOT).contains(needle)
                || u.agency().name().toLowerCase(Locale.ROOT).contains(needle)) {
            return true;
        }
        return u.oldCodes().stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).contains(needle))
                || u.systems().stream().anyMatch(s -> s.systemId().toLowerCase(Locale.ROOT).contains(needle));
    }

    /** N of M: the active units of the former Hải Dương by who serves them. */
    public Progress progress() {
        RegistrySnapshot registry = resolver.snapshot();
        int[] counts = new int[Serving.values().length];
        registry.agencies().stream().filter(a -> a.region() == Region.HD && a.isActive())
                .forEach(a -> counts[unit(registry, a).serving().ordinal()]++);
        return new Progress(counts[Serving.UNIFIED.ordinal()], counts[Serving.RELAY.ordinal()],
                counts[Serving.NONE.ordinal()]);
    }

    /** The systems a unit can be cut over to: enabled, of the unified platform (not RELAY), by id. */
    public List<ConnectedSystem> eligibleSystems() {
        return resolver.snapshot().systems().stream()
                .filter(s -> s.enabled() && s.deliveryMode() != DeliveryMode.RELAY)
                .sorted(Comparator.comparing(ConnectedSystem::systemId)).toList();
    }

    // --- documents per route ------------------------------------------------------------------

    /** Documents (distinct DocIds) per route on each of the last {@value #DAYS} days, today included. */
    public RouteDays routesPerDay(Instant now) {
        return deliveries.routesPerDay(now, DAYS, ROUTES);
    }

    // --- conflicts ----------------------------------------------------------------------------

    /** The latest imports with their conflict reports, newest first. */
    public List<ImportConflicts> imports(int limit) {
        return repository.imports(limit).stream().map(r -> {
            ImportReport report = importer.readReport(r.report());
            return new ImportConflicts(r.id(), r.format(), r.fileName(), r.importedAt(), r.actor(), r.changes(),
                    report.conflicts());
        }).toList();
    }

    /** Conflicts in the registry as it stands now. */
    public List<Conflict> registryWide() {
        return conflicts.registryWide(resolver.snapshot());
    }
}
