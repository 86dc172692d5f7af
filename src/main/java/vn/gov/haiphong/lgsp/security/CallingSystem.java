package vn.gov.haiphong.lgsp.security;

import java.util.Set;

/** The authenticated principal of a machine call: a connected system and the agencies it acts for. */
public record CallingSystem(String systemId, String ownerAgency, Set<String> agencies) {

    @Override
    public String toString() {
        return systemId;
    }
}
