package vn.gov.haiphong.lgsp.registry;

import java.time.Instant;
import java.time.LocalDate;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;

/** A unit of the state administration, under its current code. */
public record Agency(String code, String name, String parentCode, Region region, AgencyStatus status,
                     LocalDate validFrom, LocalDate validTo, String email, String phone,
                     Source source, String sourceId, long version, Instant updatedAt) {

    public boolean isActive() {
        return status == AgencyStatus.ACTIVE;
    }

    /** Same facts, ignoring bookkeeping (version, time): what decides whether an import changes it. */
    public boolean sameFacts(Agency other) {
        return other != null && code.equals(other.code) && name.equals(other.name)
                && java.util.Objects.equals(parentCode, other.parentCode) && region == other.region
                && status == other.status && java.util.Objects.equals(validFrom, other.validFrom)
                && java.util.Objects.equals(validTo, other.validTo) && java.util.Objects.equals(email, other.email)
                && java.util.Objects.equals(phone, other.phone) && source == other.source
                && java.util.Objects.equals(sourceId, other.sourceId);
    }

    public Agency withVersion(long newVersion, Instant at) {
        return new Agency(code, name, parentCode, region, status, validFrom, validTo, email, phone, source, sourceId,
                newVersion, at);
    }
}
