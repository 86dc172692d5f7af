package vn.gov.haiphong.lgsp.gateway;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Set;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Kind;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.SubjectType;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/** What the gateway admin API accepts. Absent numbers take the defaults given in docs/integrators.md. */
public final class GatewayInputs {

    private GatewayInputs() {
    }

    public record ServiceInput(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}",
                    message = "letters, digits, dot, underscore and hyphen; at most 100") String serviceCode,
            @NotBlank @Size(max = 300) String name,
            @NotBlank @Size(max = 100) String providerSystem,
            @NotNull Kind kind,
            @NotEmpty @Size(max = 20) Map<String, String> endpoints,
            Integer timeoutMs, Long maxRequestBytes, Long maxResponseBytes, Integer ratePerSecond, Integer rateBurst,
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{0,99}", message = "a route id: letters, digits, _ and -")
            String routingRoute,
            Boolean enabled) {
    }

    public record GroupInput(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}",
                    message = "letters, digits, dot, underscore and hyphen; at most 100") String groupId,
            @NotBlank @Size(max = 300) String name,
            Region region,
            @Size(max = 35) String withinAgency,
            @Size(max = 1000) Set<String> members) {
    }

    public record GrantInput(
            @NotBlank String serviceCode,
            @NotNull SubjectType subjectType,
            @NotBlank @Size(max = 100) String subject,
            @Pattern(regexp = "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS", message = "an HTTP method in capitals")
            String method,
            @Size(max = 500) @Pattern(regexp = "/[A-Za-z0-9._~!$&'()*+,;=:@%/{}-]*",
                    message = "an Ant-style path pattern starting with /") String pathPattern) {
    }
}
