package vn.gov.haiphong.lgsp.registry.imports;

import java.time.LocalDate;
import java.util.List;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/**
 * One unit as a legacy registry file states it, before any check against the registry.
 * {@code line} is where it stands in the file (CSV line, or 1-based item index for JSON).
 */
public record ImportedUnit(int line, String sourceId, String code, String name, String parentCode, Region region,
                           AgencyStatus status, LocalDate validFrom, LocalDate validTo, String email, String phone,
                           List<String> legacyCodes) {
}
