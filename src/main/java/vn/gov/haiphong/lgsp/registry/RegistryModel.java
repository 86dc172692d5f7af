package vn.gov.haiphong.lgsp.registry;

/** Enumerations of the registry's vocabulary (stored as their names). */
public final class RegistryModel {

    private RegistryModel() {
    }

    /** Where a unit comes from: the former Hải Phòng or Hải Dương, a central body, or elsewhere. */
    public enum Region { HP, HD, CENTRAL, OTHER }

    public enum AgencyStatus { ACTIVE, CLOSED, MERGED }

    /** Who asserted an alias, or where an agency row came from. */
    public enum Source { HP_PLATFORM, HD_PLATFORM, NATIONAL_AXIS, ADMIN }

    /** How documents addressed to a system's agencies reach it. */
    public enum DeliveryMode { PULL, PUSH, RELAY }

    public enum Protocol { VDXP_REST, SOAP }

    /** Whether a package's XML signature must verify before it is accepted from this system. */
    public enum SignaturePolicy { REQUIRED, IF_PRESENT, OFF }
}
