package vn.gov.haiphong.lgsp.warehouse;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.security.CallingSystem;

/**
 * Who may read or write a dataset. Deny by default: the systems of the owner agency may do both;
 * anyone else needs a grant naming one of its agencies or its system id. WRITE includes READ
 * (a writer must see what it upserts).
 */
@Component
public class DatasetAccess {

    public enum Access { READ, WRITE }

    private final DatasetRepository repository;

    public DatasetAccess(DatasetRepository repository) {
        this.repository = repository;
    }

    public boolean allows(DatasetDefinition definition, CallingSystem caller, Access access) {
        if (caller.agencies().contains(definition.ownerAgency()) || caller.ownerAgency().equals(definition.ownerAgency())) {
            return true;
        }
        List<String> grantees = new ArrayList<>(caller.agencies());
        grantees.add(caller.systemId());
        if (repository.hasGrant(definition.name(), grantees, Access.WRITE.name())) {
            return true;
        }
        return access == Access.READ && repository.hasGrant(definition.name(), grantees, Access.READ.name());
    }

    public void require(DatasetDefinition definition, CallingSystem caller, Access access) {
        if (!allows(definition, caller, access)) {
            throw new LgspException(ErrorCode.DATA_NOT_GRANTED, "System " + caller.systemId() + " may not "
                    + access.name().toLowerCase(java.util.Locale.ROOT) + " dataset " + definition.name());
        }
    }
}
