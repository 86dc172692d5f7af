package vn.gov.haiphong.lgsp.registry.imports;

import java.util.List;

/**
 * One finding of the conflict report. {@code lines} point into the imported file (empty for
 * findings about the registry as a whole); {@code action} says what the platform did about it.
 */
public record Conflict(Kind kind, List<String> codes, List<Integer> lines, String message, Action action) {

    public enum Kind {
        /** One code claimed by two different units (as current code or alias). */
        CODE_CLAIMED_TWICE,
        /** One unit (same source id) with two current codes. */
        UNIT_WITH_TWO_CURRENT_CODES,
        /** Legacy codes that lead back to themselves. */
        ALIAS_CYCLE,
        /** A code of neither the QCVN 102 nor the QĐ 20/2020 form. */
        MALFORMED_CODE,
        /** A Hải Dương (H26) unit still active under its closed code, with no H27 successor. */
        H26_WITHOUT_SUCCESSOR,
        /** A closed or merged agency that still owns an enabled connected system. */
        CLOSED_AGENCY_OWNS_ENABLED_SYSTEM,
        /** A parent code that names no agency. */
        PARENT_NOT_FOUND
    }

    /** What happened to the rows involved. */
    public enum Action {
        /** The rows were not imported. */
        SKIPPED,
        /** Only the offending legacy code (alias) was left out; the unit was imported. */
        ALIAS_SKIPPED,
        /** Imported as stated; a data steward should look. */
        IMPORTED_WITH_WARNING,
        /** Found in the registry as it stands; nothing imported caused it. */
        REPORTED
    }

    public String asText() {
        return kind + " " + codes + (lines.isEmpty() ? "" : " at lines " + lines) + ": " + message + " [" + action + "]";
    }
}
