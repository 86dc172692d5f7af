package vn.gov.haiphong.lgsp.registry.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import vn.gov.haiphong.lgsp.platform.Sha256;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyCode;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.Alias;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;
import vn.gov.haiphong.lgsp.registry.RegistryRepository;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;
import vn.gov.haiphong.lgsp.registry.imports.Conflict.Action;
import vn.gov.haiphong.lgsp.registry.imports.Conflict.Kind;

/**
 * Imports a legacy registry file in one transaction. A file that cannot be read changes nothing
 * and names the line and field. A readable file is checked unit by unit against itself and the
 * registry: clean units are created or updated, conflicting ones are left out or flagged, and all
 * of it is told in the {@link ImportReport}. Importing the same file again changes nothing.
 */
@Service
public class RegistryImporter {

    private static final Logger log = LoggerFactory.getLogger(RegistryImporter.class);

    private final RegistryRepository repository;
    private final RegistryService registry;
    private final AgencyResolver resolver;
    private final ConflictFinder conflictFinder;
    private final ObjectMapper json;

    public RegistryImporter(RegistryRepository repository, RegistryService registry, AgencyResolver resolver,
                            ConflictFinder conflictFinder, ObjectMapper json) {
        this.repository = repository;
        this.registry = registry;
        this.resolver = resolver;
        this.conflictFinder = conflictFinder;
        this.json = json;
    }

    @Transactional
    public ImportReport importFile(ImportFormat format, String fileName, byte[] content, String actor, boolean dryRun) {
        List<ImportedUnit> units;
        try {
            units = format == ImportFormat.HP_CSV ? HpRegistryCsvReader.read(content) : HdRegistryJsonReader.read(content);
        } catch (ImportFileException e) {
            throw new LgspException(ErrorCode.IMPORT_INVALID_FILE, "'" + fileName + "' " + e.getMessage(),
                    e.field() == null ? Map.of("line", e.line()) : Map.of("line", e.line(), "field", e.field()));
        }
        RegistrySnapshot before = resolver.fromDatabase();
        Plan plan = plan(format.source(), units, before);
        Instant now = Instant.now();
        if (!dryRun) {
            for (Agency agency : plan.created) {
                repository.insertAgency(agency);
                registry.changed(actor, "CREATE", "AGENCY", agency.code(), Map.of("code", agency.code(),
                        "name", agency.name(), "import", fileName));
            }
            for (Agency agency : plan.updated) {
                repository.updateAgency(agency);
                registry.changed(actor, "UPDATE", "AGENCY", agency.code(), Map.of("code", agency.code(),
                        "name", agency.name(), "import", fileName));
            }
            for (Alias alias : plan.aliasesCreated) {
                repository.insertAlias(alias);
                registry.changed(actor, "CREATE", "ALIAS", alias.aliasCode(), Map.of("aliasCode", alias.aliasCode(),
                        "targetCode", alias.targetCode(), "import", fileName));
            }
            for (Alias alias : plan.aliasesUpdated) {
                repository.updateAlias(alias);
                registry.changed(actor, "UPDATE", "ALIAS", alias.aliasCode(), Map.of("aliasCode", alias.aliasCode(),
                        "targetCode", alias.targetCode(), "import", fileName));
            }
        }
        // Findings about the registry as it will stand (closed owners of systems, H26 leftovers).
        RegistrySnapshot after = plan.resultingSnapshot(before);
        List<Conflict> conflicts = new ArrayList<>(plan.conflicts);
        conflictFinder.registryWide(after).stream()
                .filter(c -> c.kind() == Kind.CLOSED_AGENCY_OWNS_ENABLED_SYSTEM)
                .forEach(conflicts::add);
        ImportReport report = new ImportReport(null, format, fileName, Sha256.hex(content), dryRun, units.size(),
                plan.created.size(), plan.updated.size(), plan.aliasesCreated.size(), plan.aliasesUpdated.size(),
                plan.unchanged, plan.skipped.size(), List.copyOf(conflicts));
        if (dryRun) {
            log.info("{}", report.asText());
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return report;
        }
        long id = repository.insertImport(format.name(), fileName, report.sha256(), now, actor, report.changes(),
                conflicts.size(), "{}");
        report = new ImportReport(id, format, fileName, report.sha256(), false, report.units(), report.agenciesCreated(),
                report.agenciesUpdated(), report.aliasesCreated(), report.aliasesUpdated(), report.unchanged(),
                report.skipped(), report.conflicts());
        repository.updateImportReport(id, toJson(report));
        registry.changed(actor, "IMPORT", "REGISTRY", format + ":" + fileName, Map.of("importId", id,
                "changes", report.changes(), "conflicts", conflicts.size(), "sha256", report.sha256()));
        log.info("{}", report.asText());
        return report;
    }

    private String toJson(ImportReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ImportReport readReport(String reportJson) {
        try {
            return json.readValue(reportJson, ImportReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored import report is unreadable", e);
        }
    }

    // --- planning (pure: decides everything before anything is written) ------------------------

    static final class Plan {
        final List<Agency> created = new ArrayList<>();
        final List<Agency> updated = new ArrayList<>();
        final List<Alias> aliasesCreated = new ArrayList<>();
        final List<Alias> aliasesUpdated = new ArrayList<>();
        final List<Conflict> conflicts = new ArrayList<>();
        final Set<String> skipped = new HashSet<>();
        int unchanged;

        RegistrySnapshot resultingSnapshot(RegistrySnapshot before) {
            Map<String, Agency> agencies = new HashMap<>();
            before.agencies().forEach(a -> agencies.put(a.code(), a));
            created.forEach(a -> agencies.put(a.code(), a));
            updated.forEach(a -> agencies.put(a.code(), a));
            Map<String, Alias> aliases = new HashMap<>();
            before.aliases().forEach(a -> aliases.put(a.aliasCode(), a));
            aliasesCreated.forEach(a -> aliases.put(a.aliasCode(), a));
            aliasesUpdated.forEach(a -> aliases.put(a.aliasCode(), a));
            return new RegistrySnapshot(agencies.values(), aliases.values(), before.systems());
        }
    }

    static Plan plan(Source source, List<ImportedUnit> units, RegistrySnapshot registry) {
        Plan plan = new Plan();
        Instant now = Instant.now();

        // 1. Malformed codes: the unit cannot be registered; a malformed legacy code is dropped.
        List<ImportedUnit> wellFormed = new ArrayList<>();
        for (ImportedUnit unit : units) {
            String problem = AgencyCode.problem(unit.code());
            if (problem != null) {
                plan.conflicts.add(new Conflict(Kind.MALFORMED_CODE, List.of(unit.code()), List.of(unit.line()),
                        "'" + unit.code() + "' of " + unit.name() + ": " + problem, Action.SKIPPED));
                plan.skipped.add(unit.sourceId());
                continue;
            }
            List<String> legacy = new ArrayList<>();
            for (String old : unit.legacyCodes().stream().distinct().toList()) {
                String oldProblem = AgencyCode.problem(old);
                if (oldProblem != null) {
                    plan.conflicts.add(new Conflict(Kind.MALFORMED_CODE, List.of(old), List.of(unit.line()),
                            "legacy code '" + old + "' of " + unit.code() + ": " + oldProblem, Action.ALIAS_SKIPPED));
                } else {
                    legacy.add(old);
                }
            }
            wellFormed.add(new ImportedUnit(unit.line(), unit.sourceId(), unit.code(), unit.name(), unit.parentCode(),
                    unit.region(), unit.status(), unit.validFrom(), unit.validTo(), unit.email(), unit.phone(),
                    List.copyOf(legacy)));
        }

        // 2. One code claimed by two units of the file: neither is imported.
        Map<String, List<ImportedUnit>> byCode = new LinkedHashMap<>();
        wellFormed.forEach(u -> byCode.computeIfAbsent(u.code(), k -> new ArrayList<>()).add(u));
        List<ImportedUnit> candidates = new ArrayList<>();
        for (Map.Entry<String, List<ImportedUnit>> entry : byCode.entrySet()) {
            if (entry.getValue().size() > 1) {
                plan.conflicts.add(new Conflict(Kind.CODE_CLAIMED_TWICE, List.of(entry.getKey()), lines(entry.getValue()),
                        entry.getKey() + " is claimed by " + names(entry.getValue()), Action.SKIPPED));
                entry.getValue().forEach(u -> plan.skipped.add(u.sourceId()));
            } else {
                candidates.add(entry.getValue().get(0));
            }
        }

        // 3. Against the registry: same unit under another current code, or a code owned by another unit.
        List<ImportedUnit> kept = new ArrayList<>();
        for (ImportedUnit unit : candidates) {
            Agency sameUnit = registry.agencies().stream()
                    .filter(a -> a.source() == source && unit.sourceId().equals(a.sourceId())
                            && !a.code().equals(unit.code()) && a.isActive())
                    .findFirst().orElse(null);
            if (sameUnit != null && unit.status() == AgencyStatus.ACTIVE) {
                plan.conflicts.add(new Conflict(Kind.UNIT_WITH_TWO_CURRENT_CODES, List.of(sameUnit.code(), unit.code()),
                        List.of(unit.line()), unit.name() + " (id " + unit.sourceId() + ") is already registered as "
                        + sameUnit.code() + " and now claims " + unit.code()
                        + "; close the old code or make it an alias", Action.SKIPPED));
                plan.skipped.add(unit.sourceId());
                continue;
            }
            if (registry.alias(unit.code()).isPresent()) {
                plan.conflicts.add(new Conflict(Kind.CODE_CLAIMED_TWICE, List.of(unit.code()), List.of(unit.line()),
                        unit.code() + " is already an alias of " + registry.alias(unit.code()).get().targetCode()
                        + " and cannot also be the current code of " + unit.name(), Action.SKIPPED));
                plan.skipped.add(unit.sourceId());
                continue;
            }
            Agency existing = registry.agency(unit.code()).orElse(null);
            if (existing != null && !sameUnit(existing, unit, source)) {
                plan.conflicts.add(new Conflict(Kind.CODE_CLAIMED_TWICE, List.of(unit.code()), List.of(unit.line()),
                        unit.code() + " is registered to '" + existing.name() + "' (" + existing.source()
                        + ") and claimed by '" + unit.name() + "'", Action.SKIPPED));
                plan.skipped.add(unit.sourceId());
                continue;
            }
            kept.add(unit);
        }

        // 4. Agencies: create, update (only units this source owns), or leave as they are.
        Set<String> currentCodes = new HashSet<>();
        registry.agencies().forEach(a -> currentCodes.add(a.code()));
        kept.forEach(u -> currentCodes.add(u.code()));
        for (ImportedUnit unit : kept) {
            Agency existing = registry.agency(unit.code()).orElse(null);
            Agency proposed = new Agency(unit.code(), unit.name(), unit.parentCode(), unit.region(), unit.status(),
                    unit.validFrom(), unit.validTo(), unit.email(), unit.phone(), source, unit.sourceId(),
                    existing == null ? 1 : existing.version() + 1, now);
            if (existing == null) {
                plan.created.add(proposed);
            } else if (existing.source() == source && !existing.sameFacts(proposed)) {
                plan.updated.add(proposed);
            } else {
                plan.unchanged++;
            }
            if (unit.parentCode() != null && !currentCodes.contains(unit.parentCode())) {
                plan.conflicts.add(new Conflict(Kind.PARENT_NOT_FOUND, List.of(unit.code(), unit.parentCode()),
                        List.of(unit.line()), "parent " + unit.parentCode() + " of " + unit.code() + " names no agency",
                        Action.IMPORTED_WITH_WARNING));
            }
            if (AgencyCode.isHaiDuong(unit.code()) && unit.status() == AgencyStatus.ACTIVE) {
                plan.conflicts.add(new Conflict(Kind.H26_WITHOUT_SUCCESSOR, List.of(unit.code()), List.of(unit.line()),
                        unit.name() + " is still active under the closed Hải Dương code " + unit.code()
                        + " with no H27 successor; give it an H27 code and alias the H26 code to it",
                        Action.IMPORTED_WITH_WARNING));
            }
        }

        // 5. Aliases (legacy code -> current code): cycles first, then codes already claimed.
        Map<String, ImportedUnit> edges = new LinkedHashMap<>();
        Map<String, List<ImportedUnit>> claimants = new LinkedHashMap<>();
        for (ImportedUnit unit : kept) {
            for (String old : unit.legacyCodes()) {
                claimants.computeIfAbsent(old, k -> new ArrayList<>()).add(unit);
            }
        }
        for (Map.Entry<String, List<ImportedUnit>> entry : claimants.entrySet()) {
            List<ImportedUnit> owners = entry.getValue();
            if (owners.size() > 1) {
                plan.conflicts.add(new Conflict(Kind.CODE_CLAIMED_TWICE, List.of(entry.getKey()), lines(owners),
                        "legacy code " + entry.getKey() + " is claimed by " + names(owners), Action.ALIAS_SKIPPED));
            } else {
                edges.put(entry.getKey(), owners.get(0));
            }
        }
        Set<String> inCycle = cycles(edges);
        if (!inCycle.isEmpty()) {
            List<ImportedUnit> involved = edges.entrySet().stream().filter(e -> inCycle.contains(e.getKey()))
                    .map(Map.Entry::getValue).toList();
            plan.conflicts.add(new Conflict(Kind.ALIAS_CYCLE, inCycle.stream().sorted().toList(), lines(involved),
                    "these codes each name another of them as their legacy code: " + inCycle.stream().sorted().toList(),
                    Action.ALIAS_SKIPPED));
            inCycle.forEach(edges::remove);
        }
        for (Map.Entry<String, ImportedUnit> edge : edges.entrySet()) {
            String old = edge.getKey();
            ImportedUnit unit = edge.getValue();
            if (currentCodes.contains(old)) {
                plan.conflicts.add(new Conflict(Kind.CODE_CLAIMED_TWICE, List.of(old, unit.code()), List.of(unit.line()),
                        "legacy code " + old + " of " + unit.code() + " is the current code of another agency",
                        Action.ALIAS_SKIPPED));
                continue;
            }
            Alias existing = registry.alias(old).orElse(null);
            Alias proposed = new Alias(old, unit.code(), source, "import " + source, now);
            if (existing == null) {
                plan.aliasesCreated.add(proposed);
            } else if (!existing.targetCode().equals(unit.code())) {
                String holder = registry.resolve(old).map(r -> r.agency().code()).orElse(existing.targetCode());
                if (holder.equals(unit.code())) {
                    plan.unchanged++;
                } else {
                    plan.conflicts.add(new Conflict(Kind.CODE_CLAIMED_TWICE, List.of(old, holder, unit.code()),
                            List.of(unit.line()), "legacy code " + old + " already names " + holder
                            + " and is now claimed by " + unit.code(), Action.ALIAS_SKIPPED));
                }
            } else {
                plan.unchanged++;
            }
        }
        return plan;
    }

    /** A row of another source (or the admin) is the same unit when it has the same name. */
    private static boolean sameUnit(Agency existing, ImportedUnit unit, Source source) {
        if (existing.source() == source) {
            return Objects.equals(existing.sourceId(), unit.sourceId());
        }
        return comparable(existing.name()).equals(comparable(unit.name()));
    }

    private static String comparable(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The legacy codes lying on a cycle of "X was formerly Y" statements. */
    private static Set<String> cycles(Map<String, ImportedUnit> edges) {
        Set<String> result = new HashSet<>();
        for (String start : edges.keySet()) {
            String current = start;
            Set<String> path = new HashSet<>();
            while (current != null && path.add(current)) {
                ImportedUnit next = edges.get(current);
                current = next == null ? null : next.code();
                if (start.equals(current)) {
                    result.addAll(path);
                    break;
                }
            }
        }
        return result;
    }

    private static List<Integer> lines(List<ImportedUnit> units) {
        return units.stream().map(ImportedUnit::line).sorted().toList();
    }

    private static String names(List<ImportedUnit> units) {
        return String.join(" and ", units.stream().map(u -> "'" + u.name() + "' (line " + u.line() + ")").toList());
    }
}
