package vn.gov.haiphong.lgsp.security;

/** The roles of people using the consoles and the admin API. */
public final class Roles {

    /** Runs the platform: Hawtio, the registry admin API, dead-letter replay. */
    public static final String OPERATOR = "OPERATOR";
    /** Everything an operator may do (kept distinct for SSO role mapping later). */
    public static final String ADMIN = "ADMIN";
    /** A person working for an agency: no platform operations. */
    public static final String AGENCY_OFFICER = "AGENCY_OFFICER";

    private Roles() {
    }
}
