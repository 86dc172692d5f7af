package vn.gov.haiphong.lgsp.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable picture of the whole registry, held in memory so that resolving a code on the
 * message path never touches the database. A new snapshot replaces the old one after every change.
 */
public final class RegistrySnapshot {

    /** Longer alias chains than this are refused as surely broken (and cannot loop for ever). */
    static final int MAX_CHAIN = 16;

    private final Map<String, Agency> agencies;
    private final Map<String, Alias> aliases;
    private final Map<String, ConnectedSystem> systems;
    private final Map<String, List<ConnectedSystem>> systemsByAgency;
    private final Map<String, List<String>> aliasesByAgency;

    public RegistrySnapshot(Collection<Agency> agencies, Collection<Alias> aliases, Collection<ConnectedSystem> systems) {
        this.agencies = index(agencies, Agency::code);
        this.aliases = index(aliases, Alias::aliasCode);
        this.systems = index(systems, ConnectedSystem::systemId);
        Map<String, List<ConnectedSystem>> byAgency = new HashMap<>();
        for (ConnectedSystem system : systems) {
            for (String code : system.agencies()) {
                byAgency.computeIfAbsent(code, k -> new ArrayList<>()).add(system);
            }
        }
        byAgency.replaceAll((k, v) -> List.copyOf(v));
        this.systemsByAgency = Map.copyOf(byAgency);
        Map<String, List<String>> aliasIndex = new HashMap<>();
        for (Alias alias : aliases) {
            resolve(alias.aliasCode()).ifPresent(r ->
                    aliasIndex.computeIfAbsent(r.agency().code(), k -> new ArrayList<>()).add(alias.aliasCode()));
        }
        aliasIndex.replaceAll((k, v) -> v.stream().sorted().toList());
        this.aliasesByAgency = Map.copyOf(aliasIndex);
    }

    public static RegistrySnapshot empty() {
        return new RegistrySnapshot(List.of(), List.of(), List.of());
    }

    private static <T> Map<String, T> index(Collection<T> items, java.util.function.Function<T, String> key) {
        Map<String, T> map = new HashMap<>();
        items.forEach(item -> map.put(key.apply(item), item));
        return Map.copyOf(map);
    }

    /** The outcome of resolving a code: the current agency and the aliases followed to reach it. */
    public record Resolution(String requestedCode, Agency agency, List<String> aliasChain) {
        public boolean viaAlias() {
            return !aliasChain.isEmpty();
        }
    }

    /**
     * Resolves a current code or an alias (following chains) to the agency that holds it today.
     * Empty for unknown codes; write-time checks guarantee chains end at an agency without cycles.
     */
    public Optional<Resolution> resolve(String code) {
        String current = AgencyCode.normalize(code);
        if (current == null || current.isEmpty()) {
            return Optional.empty();
        }
        List<String> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        while (seen.add(current) && chain.size() <= MAX_CHAIN) {
            Agency agency = agencies.get(current);
            if (agency != null) {
                return Optional.of(new Resolution(AgencyCode.normalize(code), agency, List.copyOf(chain)));
            }
            Alias alias = aliases.get(current);
            if (alias == null) {
                return Optional.empty();
            }
            chain.add(current);
            current = alias.targetCode();
        }
        return Optional.empty();
    }

    public Optional<Agency> agency(String code) {
        return Optional.ofNullable(agencies.get(AgencyCode.normalize(code)));
    }

    public Optional<Alias> alias(String code) {
        return Optional.ofNullable(aliases.get(AgencyCode.normalize(code)));
    }

    public Optional<ConnectedSystem> system(String systemId) {
        return Optional.ofNullable(systems.get(systemId));
    }

    /** The systems registered to act for this current agency code. */
    public List<ConnectedSystem> systemsFor(String agencyCode) {
        return systemsByAgency.getOrDefault(agencyCode, List.of());
    }

    public Collection<Agency> agencies() {
        return agencies.values();
    }

    public Collection<Alias> aliases() {
        return aliases.values();
    }

    public Collection<ConnectedSystem> systems() {
        return systems.values();
    }

    /** Aliases whose chain ends at this current code (for the national axis {@code oldCode}). */
    public List<String> aliasesOf(String agencyCode) {
        return aliasesByAgency.getOrDefault(agencyCode, List.of());
    }

    /**
     * Why a set of aliases cannot stand beside these agencies: the first alias that shadows an
     * agency, dangles, or loops. Null when every alias resolves.
     */
    public static String aliasProblem(Map<String, Agency> agencies, Map<String, Alias> aliases) {
        for (Alias alias : aliases.values()) {
            if (agencies.containsKey(alias.aliasCode())) {
                return "alias " + alias.aliasCode() + " is also the current code of an agency";
            }
            String current = alias.aliasCode();
            List<String> path = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            while (true) {
                if (!seen.add(current)) {
                    path.add(current);
                    return "alias cycle " + String.join(" -> ", path);
                }
                path.add(current);
                if (agencies.containsKey(current)) {
                    break;
                }
                Alias next = aliases.get(current);
                if (next == null) {
                    return "alias " + alias.aliasCode() + " points to " + current + ", which is neither an agency nor an alias";
                }
                if (path.size() > MAX_CHAIN) {
                    return "alias chain from " + alias.aliasCode() + " is longer than " + MAX_CHAIN;
                }
                current = next.targetCode();
            }
        }
        return null;
    }

    Map<String, Agency> agencyMap() {
        return agencies;
    }

    Map<String, Alias> aliasMap() {
        return aliases;
    }
}
