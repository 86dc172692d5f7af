package vn.gov.haiphong.lgsp.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Set;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;

/** What the admin API accepts when writing the registry. */
public final class RegistryInputs {

    private RegistryInputs() {
    }

    public record AgencyInput(@NotBlank @Size(max = 35) String code, @NotBlank @Size(max = 500) String name,
                              @Size(max = 35) String parentCode, @NotNull Region region, AgencyStatus status,
                              LocalDate validFrom, LocalDate validTo, @Size(max = 255) String email,
                              @Size(max = 50) String phone) {
    }

    public record AliasInput(@NotBlank @Size(max = 35) String aliasCode, @NotBlank @Size(max = 35) String targetCode,
                             Source source, @Size(max = 500) String note) {
    }

    /**
     * A connected system. {@code secret} is write-only: given, it replaces the stored HMAC secret;
     * absent on update, the stored one stays. It is never returned.
     */
    public record SystemInput(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
            message = "letters, digits, dot, underscore and hyphen only") String systemId, @NotBlank @Size(max = 300) String name,
                              @NotBlank String ownerAgency, @NotEmpty Set<String> agencies,
                              @NotEmpty Set<Protocol> protocols, @NotNull DeliveryMode deliveryMode,
                              @Size(max = 1000) String deliveryUrl, SignaturePolicy signaturePolicy, Boolean enabled,
                              @Size(min = 16, max = 256) String secret) {

        @Override
        public String toString() {
            return "SystemInput[" + systemId + ", secret " + (secret == null ? "unchanged" : "set") + "]";
        }
    }
}
