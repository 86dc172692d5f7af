package vn.gov.haiphong.lgsp.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/** The gateway's vocabulary: services with their upstream endpoints, groups of systems, grants. */
public final class GatewayModel {

    private GatewayModel() {
    }

    /** REST: mediated as is; SOAP: a SOAP 1.1/1.2 endpoint; BRIDGE: REST/JSON in front of a SOAP service (a Camel route). */
    public enum Kind { REST, SOAP, BRIDGE }

    public enum SubjectType { SYSTEM, GROUP }

    /** The endpoint name used when a service has a single upstream. */
    public static final String DEFAULT_ENDPOINT = "default";

    /**
     * A provider's service. {@code endpoints} maps a name to a registered upstream base URL: the
     * only addresses the gateway ever calls for it. {@code routingRoute} names the Camel route
     * ({@code direct:<routingRoute>}) that picks the endpoint (content-based routing) or, for a
     * BRIDGE, does the translation.
     */
    public record Service(String serviceCode, String name, String providerSystem, Kind kind, int timeoutMs,
                          long maxRequestBytes, long maxResponseBytes, int ratePerSecond, int rateBurst,
                          String routingRoute, boolean enabled, Map<String, String> endpoints,
                          String descriptionType, String description, long version, Instant updatedAt) {

        public boolean hasDescription() {
            return description != null && !description.isEmpty();
        }
    }

    /** A group of client systems: explicit members, and/or a rule on the owner agency (region, ancestor). */
    public record Group(String groupId, String name, Region region, String withinAgency, Set<String> members,
                        Instant updatedAt) {

        public boolean hasRule() {
            return region != null || withinAgency != null;
        }
    }

    /**
     * A right to call a service. {@code method} null = any method; {@code pathPattern} null = any
     * path (REST and BRIDGE only): an Ant-style pattern over the path after the service code
     * ({@code /units/**}, {@code /units/*}).
     */
    public record Grant(long id, String serviceCode, SubjectType subjectType, String subject, String method,
                        String pathPattern, String createdBy, Instant createdAt) {
    }

    /** What a client may call: a service and the (method, path) rules it was granted (empty = everything). */
    public record AllowedService(String serviceCode, String name, Kind kind, List<String> rules) {
    }
}
