package vn.gov.haiphong.lgsp.warehouse.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.warehouse.DatasetDefinition;
import vn.gov.haiphong.lgsp.warehouse.DatasetRepository;
import vn.gov.haiphong.lgsp.warehouse.DatasetRow;
import vn.gov.haiphong.lgsp.warehouse.DatasetService;

/**
 * The conflict list of the regional sync, for a data steward: list, and resolve one by choosing
 * HD's version, the platform's version (as it was when the conflict was found), or values of
 * the steward's own. The choice is written as a normal change of the row (version, history,
 * {@code lgsp.data.{dataset}} event; nothing when the row already holds it), the conflict is
 * closed, HD's next change is taken as based on the resolved row, and the resolution is
 * audited on {@code lgsp.audit} (DATA_CONFLICT_RESOLVED).
 */
@Service
public class DataConflicts {

    public static final int MAX_LIST = 500;

    public enum Choice { HD, PLATFORM, VALUES }

    public record Resolution(String choose, Map<String, Object> values, Long expectedVersion, String note) {
    }

    public record Resolved(HdSyncRepository.Conflict conflict, long version, boolean changed) {
    }

    private final DatasetService datasets;
    private final DatasetRepository rows;
    private final HdSyncRepository sync;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;

    public DataConflicts(DatasetService datasets, DatasetRepository rows, HdSyncRepository sync, EventOutbox outbox,
                         TransactionTemplate transaction) {
        this.datasets = datasets;
        this.rows = rows;
        this.sync = sync;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** Conflicts of one dataset (null: all), newest first; status OPEN, RESOLVED or null for both. */
    public List<HdSyncRepository.Conflict> list(String dataset, String status, int limit) {
        String name = dataset == null ? null : datasets.definition(dataset).name();
        String state = status == null || status.isBlank() ? null : status.toUpperCase(Locale.ROOT);
        if (state != null && !state.equals("OPEN") && !state.equals("RESOLVED")) {
            throw new LgspException(ErrorCode.VALIDATION_FAILED, "status must be OPEN or RESOLVED",
                    Map.of("fields", List.of("status")));
        }
        return sync.conflicts(name, state, Math.max(1, Math.min(limit, MAX_LIST)));
    }

    public HdSyncRepository.Conflict get(String dataset, long id) {
        DatasetDefinition definition = datasets.definition(dataset);
        return sync.findConflict(id).filter(c -> c.dataset().equals(definition.name()))
                .orElseThrow(() -> notFound(definition, id));
    }

    public Resolved resolve(String dataset, long id, Resolution resolution, String actor) {
        DatasetDefinition definition = datasets.definition(dataset);
        Choice choice = choice(resolution);
        if (resolution.note() != null && resolution.note().length() > 1000) {
            throw new LgspException(ErrorCode.DATA_RESOLUTION_INVALID, "note: at most 1000 characters");
        }
        return transaction.execute(status -> {
            HdSyncRepository.Conflict conflict = sync.findConflictForUpdate(id)
                    .filter(c -> c.dataset().equals(definition.name())).orElseThrow(() -> notFound(definition, id));
            if (!conflict.status().equals("OPEN")) {
                throw new LgspException(ErrorCode.DATA_CONFLICT_RESOLVED, "Conflict " + id + " was resolved ("
                        + conflict.resolution() + ") by " + conflict.resolvedBy() + " at " + conflict.resolvedAt());
            }
            Optional<DatasetRow> current = rows.findForUpdate(definition.name(), conflict.key());
            long currentVersion = current.map(DatasetRow::version).orElse(0L);
            if (resolution.expectedVersion() != null && resolution.expectedVersion() != currentVersion) {
                throw new LgspException(ErrorCode.DATA_ROW_CHANGED, "Row " + conflict.key() + " is at version "
                        + currentVersion + ", not " + resolution.expectedVersion());
            }
            boolean delete;
            Map<String, Object> values;
            switch (choice) {
                case HD -> {
                    delete = conflict.hdDeleted();
                    values = conflict.hdData();
                }
                case PLATFORM -> {
                    delete = conflict.platformDeleted();
                    values = conflict.platformData();
                }
                default -> {
                    delete = false;
                    values = new LinkedHashMap<>(resolution.values());
                    Object key = values.get(definition.key());
                    if (key == null) {
                        values.put(definition.key(), conflict.key());
                    } else if (!conflict.key().equals(key)) {
                        throw new LgspException(ErrorCode.DATA_RESOLUTION_INVALID, "values: the key field "
                                + definition.key() + " must be the conflict's row key " + conflict.key());
                    }
                    values.remove("region");
                }
            }
            boolean live = current.isPresent() && !current.get().deleted();
            long version;
            boolean changed;
            if (delete) {
                changed = live;
                version = live ? datasets.remove(definition, conflict.key(), actor).version() : currentVersion;
            } else {
                Map<String, Object> row = new LinkedHashMap<>(values);
                row.put("region", live ? current.get().region()
                        : choice == Choice.PLATFORM ? conflict.platformRegion() : Region.HD.name());
                DatasetService.RowOutcome outcome = datasets.write(definition, List.of(row), actor, Region.OTHER).get(0);
                changed = outcome.changed();
                version = outcome.version();
            }
            Instant now = Instant.now();
            sync.markResolved(id, choice.name(), actor, version, resolution.note(), now);
            sync.rebase(definition.name(), conflict.key(), version);
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("dataset", definition.name());
            audit.put("key", conflict.key());
            audit.put("conflictId", id);
            audit.put("resolution", choice.name());
            audit.put("version", version);
            audit.put("changed", changed);
            outbox.append(DatasetService.AUDIT_TOPIC, "DATA_CONFLICT_RESOLVED", definition.name(), actor, audit);
            return new Resolved(sync.findConflict(id).orElseThrow(), version, changed);
        });
    }

    private static Choice choice(Resolution resolution) {
        Choice choice;
        try {
            choice = Choice.valueOf(String.valueOf(resolution.choose()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LgspException(ErrorCode.DATA_RESOLUTION_INVALID, "choose must be HD, PLATFORM or VALUES");
        }
        if ((choice == Choice.VALUES) != (resolution.values() != null)) {
            throw new LgspException(ErrorCode.DATA_RESOLUTION_INVALID,
                    "values are given with choose VALUES, and only then");
        }
        return choice;
    }

    private static LgspException notFound(DatasetDefinition definition, long id) {
        return new LgspException(ErrorCode.DATA_CONFLICT_NOT_FOUND, "Dataset " + definition.name()
                + " has no conflict " + id);
    }
}
