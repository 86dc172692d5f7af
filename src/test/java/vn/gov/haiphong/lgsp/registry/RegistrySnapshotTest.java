package vn.gov.haiphong.lgsp.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;

/** The in-memory registry picture: resolution and alias checks, without Spring. */
class RegistrySnapshotTest {

    static Agency agency(String code) {
        return new Agency(code, "Đơn vị " + code, null, Region.HP, AgencyStatus.ACTIVE, null, null, null, null,
                Source.ADMIN, null, 1, Instant.EPOCH);
    }

    static Alias alias(String from, String to) {
        return new Alias(from, to, Source.ADMIN, null, Instant.EPOCH);
    }

    static ConnectedSystem system(String id, String owner, Set<String> agencies) {
        return new ConnectedSystem(id, id, owner, agencies, Set.of(Protocol.VDXP_REST), DeliveryMode.PULL, null,
                SignaturePolicy.OFF, true, null, List.of());
    }

    private final RegistrySnapshot snapshot = new RegistrySnapshot(
            List.of(agency("000.00.00.H27"), agency("000.60.71.H27")),
            List.of(alias("000.00.00.H26", "000.00.00.H27"), alias("000.01.21.H26", "000.60.71.H27"),
                    alias("000.99.21.H26", "000.01.21.H26")),
            List.of(system("hd.ward", "000.60.71.H27", Set.of("000.60.71.H27"))));

    @Test
    void currentCodeResolvesToItselfWithoutAliases() {
        RegistrySnapshot.Resolution r = snapshot.resolve("000.60.71.H27").orElseThrow();
        assertThat(r.agency().code()).isEqualTo("000.60.71.H27");
        assertThat(r.viaAlias()).isFalse();
        assertThat(r.aliasChain()).isEmpty();
    }

    @Test
    void aliasChainResolvesToTheCurrentAgency() {
        RegistrySnapshot.Resolution r = snapshot.resolve(" 000.99.21.h26 ").orElseThrow();
        assertThat(r.requestedCode()).isEqualTo("000.99.21.H26");
        assertThat(r.agency().code()).isEqualTo("000.60.71.H27");
        assertThat(r.viaAlias()).isTrue();
        assertThat(r.aliasChain()).containsExactly("000.99.21.H26", "000.01.21.H26");
        assertThat(snapshot.aliasesOf("000.60.71.H27")).containsExactly("000.01.21.H26", "000.99.21.H26");
        assertThat(snapshot.aliasesOf("000.00.00.H27")).containsExactly("000.00.00.H26");
    }

    @Test
    void unknownEmptyAndNullCodesDoNotResolve() {
        assertThat(snapshot.resolve("000.98.21.H26")).isEmpty();
        assertThat(snapshot.resolve("")).isEmpty();
        assertThat(snapshot.resolve(null)).isEmpty();
        assertThat(RegistrySnapshot.empty().resolve("000.00.00.H27")).isEmpty();
    }

    @Test
    void lookupsAndSystemsByAgency() {
        assertThat(snapshot.agency("000.00.00.h27")).isPresent();
        assertThat(snapshot.agency("000.00.00.H26")).isEmpty();
        assertThat(snapshot.alias("000.00.00.H26")).get().extracting(Alias::targetCode).isEqualTo("000.00.00.H27");
        assertThat(snapshot.systemsFor("000.60.71.H27")).extracting(ConnectedSystem::systemId).containsExactly("hd.ward");
        assertThat(snapshot.systemsFor("000.00.00.H27")).isEmpty();
        assertThat(snapshot.system("hd.ward")).isPresent();
    }

    @Test
    void aCycleInStoredDataNeitherResolvesNorLoops() {
        RegistrySnapshot broken = new RegistrySnapshot(List.of(agency("000.00.00.H27")),
                List.of(alias("000.01.99.H26", "000.02.99.H26"), alias("000.02.99.H26", "000.01.99.H26")), List.of());
        assertThat(broken.resolve("000.01.99.H26")).isEmpty();
        assertThat(broken.aliasesOf("000.00.00.H27")).isEmpty();
    }

    @Test
    void aliasProblemNamesCyclesDanglingTargetsAndShadowedAgencies() {
        Map<String, Agency> agencies = Map.of("000.00.00.H27", agency("000.00.00.H27"));
        assertThat(RegistrySnapshot.aliasProblem(agencies, Map.of(
                "000.00.00.H26", alias("000.00.00.H26", "000.00.00.H27")))).isNull();
        assertThat(RegistrySnapshot.aliasProblem(agencies, Map.of(
                "000.01.99.H26", alias("000.01.99.H26", "000.02.99.H26"),
                "000.02.99.H26", alias("000.02.99.H26", "000.01.99.H26")))).startsWith("alias cycle");
        assertThat(RegistrySnapshot.aliasProblem(agencies, Map.of(
                "000.01.99.H26", alias("000.01.99.H26", "000.01.99.H26")))).startsWith("alias cycle");
        assertThat(RegistrySnapshot.aliasProblem(agencies, Map.of(
                "000.01.99.H26", alias("000.01.99.H26", "000.05.99.H27"))))
                .contains("000.05.99.H27").contains("neither an agency nor an alias");
        assertThat(RegistrySnapshot.aliasProblem(agencies, Map.of(
                "000.00.00.H27", alias("000.00.00.H27", "000.00.00.H27")))).contains("current code of an agency");
    }

    @Test
    void everyChainTheWriteCheckAcceptsResolves() {
        Map<String, Agency> agencies = Map.of("000.00.00.H27", agency("000.00.00.H27"));
        for (int length = 1; length <= RegistrySnapshot.MAX_CHAIN + 1; length++) {
            Map<String, Alias> aliases = chain(length);
            String problem = RegistrySnapshot.aliasProblem(agencies, aliases);
            RegistrySnapshot built = new RegistrySnapshot(agencies.values(), aliases.values(), List.of());
            if (length <= RegistrySnapshot.MAX_CHAIN) {
                assertThat(problem).as("chain of %d aliases", length).isNull();
                RegistrySnapshot.Resolution r = built.resolve(code(length)).orElse(null);
                assertThat(r).as("chain of %d aliases resolves", length).isNotNull();
                assertThat(r.aliasChain()).hasSize(length);
                assertThat(r.agency().code()).isEqualTo("000.00.00.H27");
            } else {
                assertThat(problem).as("chain of %d aliases", length).contains("longer than");
                assertThat(built.resolve(code(length))).isEmpty();
            }
        }
    }

    /** Aliases 000.NN.99.H26 for NN = length..1, each pointing to the next, the last to the agency. */
    private static Map<String, Alias> chain(int length) {
        Map<String, Alias> aliases = new HashMap<>();
        List<String> codes = new ArrayList<>();
        for (int i = length; i >= 1; i--) {
            codes.add(code(i));
        }
        for (int i = 0; i < codes.size(); i++) {
            String target = i + 1 < codes.size() ? codes.get(i + 1) : "000.00.00.H27";
            aliases.put(codes.get(i), alias(codes.get(i), target));
        }
        return aliases;
    }

    private static String code(int n) {
        return "000.%02d.99.H26".formatted(n);
    }
}
