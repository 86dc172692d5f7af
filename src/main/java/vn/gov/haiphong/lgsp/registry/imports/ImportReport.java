package vn.gov.haiphong.lgsp.registry.imports;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The outcome of one import: what changed and every conflict found. Stored and served as JSON. */
public record ImportReport(Long importId, ImportFormat format, String fileName, String sha256, boolean dryRun,
                           int units, int agenciesCreated, int agenciesUpdated, int aliasesCreated, int aliasesUpdated,
                           int unchanged, int skipped, List<Conflict> conflicts) {

    @JsonProperty("changes")
    public int changes() {
        return agenciesCreated + agenciesUpdated + aliasesCreated + aliasesUpdated;
    }

    /** The readable form written to the log. */
    public String asText() {
        StringBuilder text = new StringBuilder();
        text.append(dryRun ? "Dry run of registry import " : "Registry import ").append(importId == null ? "" : "#" + importId + " ")
                .append(format).append(" '").append(fileName).append("': ").append(units).append(" units, ")
                .append(agenciesCreated).append(" agencies created, ").append(agenciesUpdated).append(" updated, ")
                .append(aliasesCreated).append(" aliases created, ").append(aliasesUpdated).append(" updated, ")
                .append(unchanged).append(" unchanged, ").append(skipped).append(" skipped, ")
                .append(conflicts.size()).append(" conflicts");
        for (Conflict conflict : conflicts) {
            text.append("\n  - ").append(conflict.asText());
        }
        return text.toString();
    }
}
