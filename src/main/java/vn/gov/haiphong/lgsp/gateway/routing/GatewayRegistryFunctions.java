package vn.gov.haiphong.lgsp.gateway.routing;

import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.registry.AgencyCode;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/**
 * Registry questions for routing tables, as bean {@code gatewayRegistry}: in a
 * {@code routes/*.camel.yaml} choice, {@code ${bean:gatewayRegistry?method=region(${header.code})}}.
 * Answers come from the in-memory registry (no database access on the message path).
 */
@Component("gatewayRegistry")
public class GatewayRegistryFunctions {

    private final AgencyResolver resolver;

    public GatewayRegistryFunctions(AgencyResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * The region of origin ({@code HP}, {@code HD}, {@code CENTRAL}, {@code OTHER}) of the unit a
     * code names today, current or legacy (aliases followed); a code of the closed H26 space that
     * names no unit still says {@code HD}; {@code UNKNOWN} otherwise.
     */
    public String region(String code) {
        if (code == null || code.isBlank()) {
            return "UNKNOWN";
        }
        RegistrySnapshot snapshot = resolver.snapshot();
        return snapshot.resolve(code).map(r -> r.agency().region().name())
                .orElse(AgencyCode.isHaiDuong(AgencyCode.normalize(code)) ? "HD" : "UNKNOWN");
    }

    /** The current code of the unit a code names (aliases followed), or the code itself when unknown. */
    public String currentCode(String code) {
        if (code == null) {
            return null;
        }
        return resolver.snapshot().resolve(code).map(r -> r.agency().code()).orElse(AgencyCode.normalize(code));
    }

    /** True when the code is a legacy one (reached through an alias). */
    public boolean isLegacy(String code) {
        return code != null && resolver.snapshot().resolve(code).map(RegistrySnapshot.Resolution::viaAlias).orElse(false);
    }
}
