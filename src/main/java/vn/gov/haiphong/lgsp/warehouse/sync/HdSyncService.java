package vn.gov.haiphong.lgsp.warehouse.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.warehouse.DatasetCatalog;
import vn.gov.haiphong.lgsp.warehouse.DatasetDefinition;
import vn.gov.haiphong.lgsp.warehouse.DatasetRepository;
import vn.gov.haiphong.lgsp.warehouse.DatasetRow;
import vn.gov.haiphong.lgsp.warehouse.DatasetService;
import vn.gov.haiphong.lgsp.warehouse.sync.HdRecordException.Reason;

/**
 * Applies Hải Dương change records to the warehouse, idempotently and without silent
 * overwrites. For one row, with {@code base} = the row's version right after HD's last change
 * was applied (none while HD has never been in step with the row):
 * <ul>
 *   <li>hdVersion not above the last one received for the row: a replay, nothing happens;</li>
 *   <li>no row yet, or the row is still at {@code base}: the change is applied (a normal
 *       change: version, history, {@code lgsp.data.{dataset}} event);</li>
 *   <li>otherwise someone else (the Hải Phòng side, a steward) changed the row since: if HD
 *       wants what the row already holds, the two have converged and nothing is written; if not,
 *       both versions go to the conflict list and the row stays as it is.</li>
 * </ul>
 * Fields the mapping does not cover keep the platform's values; an HD upsert replaces the
 * mapped ones (a mapped field HD leaves out is cleared).
 */
@Service
public class HdSyncService {

    /** Who HD's changes are written by (rows' updated_by, events' actor). */
    public static final String ACTOR = "hd-sync";
    public static final String TOPIC_PREFIX = "hd.legacy.";
    public static final String DEAD_LETTER_TOPIC = "hd.legacy.dlt";

    public enum Outcome { APPLIED, UNCHANGED, CONVERGED, CONFLICT, REPLAYED }

    /** What became of one change: the row's version afterwards (null: no row) and the conflict, if any. */
    public record Result(String dataset, String key, long hdVersion, Outcome outcome, Long version, Long conflictId) {
    }

    /** A change read and mapped, ready to apply. */
    public record Prepared(DatasetDefinition definition, HdChange change, Map<String, Object> mapped) {
    }

    private final DatasetCatalog catalog;
    private final DatasetService datasets;
    private final DatasetRepository rows;
    private final HdSyncRepository sync;
    private final HdChangeMapper mapper;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;

    public HdSyncService(DatasetCatalog catalog, DatasetService datasets, DatasetRepository rows, HdSyncRepository sync,
                         HdChangeMapper mapper, EventOutbox outbox, TransactionTemplate transaction) {
        this.catalog = catalog;
        this.datasets = datasets;
        this.rows = rows;
        this.sync = sync;
        this.mapper = mapper;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** The dataset a topic {@code hd.legacy.{dataset}} feeds, if declared with an hdSync mapping. */
    public DatasetDefinition syncedDataset(String name) {
        DatasetDefinition definition = catalog.find(name).orElseThrow(() -> new HdRecordException(
                Reason.UNKNOWN_DATASET, "no dataset '" + name + "' is declared"));
        if (definition.hdMapping().isEmpty()) {
            throw new HdRecordException(Reason.NOT_SYNCED, "dataset " + name + " declares no hdSync mapping");
        }
        return definition;
    }

    public static String datasetOfTopic(String topic) {
        return topic != null && topic.startsWith(TOPIC_PREFIX) ? topic.substring(TOPIC_PREFIX.length()) : "";
    }

    /** Reads and maps one record (outside any transaction); poison records throw {@link HdRecordException}. */
    public Prepared prepare(DatasetDefinition definition, byte[] value, String source) {
        HdChange change = HdChangeReader.read(value, source);
        Map<String, Object> mapped = change.op() == HdChange.Op.UPSERT ? mapper.map(definition, change) : Map.of();
        return new Prepared(definition, change, mapped);
    }

    /** Reads, maps and applies one record in a transaction of its own. */
    public Result apply(String dataset, byte[] value, String source) {
        Prepared prepared = prepare(syncedDataset(dataset), value, source);
        return transaction.execute(status -> applyInTransaction(prepared));
    }

    /** Applies a prepared change in the caller's transaction. */
    public Result applyInTransaction(Prepared prepared) {
        DatasetDefinition definition = prepared.definition();
        HdChange change = prepared.change();
        String dataset = definition.name();
        String key = change.key();
        Instant now = Instant.now();
        // The row first, then its sync state: the same lock order as every dataset write.
        Optional<DatasetRow> current = rows.findForUpdate(dataset, key);
        Optional<HdSyncRepository.State> state = sync.findStateForUpdate(dataset, key);
        if (state.isPresent() && change.hdVersion() <= state.get().hdVersion()) {
            return new Result(dataset, key, change.hdVersion(), Outcome.REPLAYED,
                    current.map(DatasetRow::version).orElse(null), null);
        }
        Long base = state.map(HdSyncRepository.State::baseVersion).orElse(null);
        boolean hdDeletes = change.op() == HdChange.Op.DELETE;
        Map<String, Object> wanted = hdDeletes ? Map.of() : wanted(definition, current, prepared.mapped());

        Result result;
        Long newBase;
        if (current.isEmpty() || (base != null && current.get().version() == base)) {
            if (hdDeletes) {
                if (current.isEmpty() || current.get().deleted()) {
                    newBase = current.map(DatasetRow::version).orElse(null);
                    result = new Result(dataset, key, change.hdVersion(), Outcome.UNCHANGED, newBase, null);
                } else {
                    DatasetService.RowOutcome removed = datasets.remove(definition, key, ACTOR);
                    newBase = removed.version();
                    result = new Result(dataset, key, change.hdVersion(), Outcome.APPLIED, newBase, null);
                }
            } else {
                Map<String, Object> row = new LinkedHashMap<>(wanted);
                // Region of origin: kept on an update; HD for a row HD creates.
                row.put("region", current.filter(r -> !r.deleted()).map(DatasetRow::region).orElse(Region.HD.name()));
                DatasetService.RowOutcome written = datasets.write(definition, List.of(row), ACTOR, Region.HD).get(0);
                newBase = written.version();
                result = new Result(dataset, key, change.hdVersion(), written.changed() ? Outcome.APPLIED
                        : Outcome.UNCHANGED, newBase, null);
            }
        } else {
            DatasetRow row = current.get();
            boolean same = hdDeletes ? row.deleted()
                    : !row.deleted() && DatasetService.normalised(definition, row.data()).equals(wanted);
            Optional<HdSyncRepository.Conflict> open = sync.findOpenConflictForUpdate(dataset, key);
            if (same) {
                newBase = row.version();
                open.ifPresent(c -> sync.markResolved(c.id(), "HD", ACTOR, row.version(),
                        "converged: a later HD change (hdVersion " + change.hdVersion() + ") equals the row", now));
                result = new Result(dataset, key, change.hdVersion(), Outcome.CONVERGED, row.version(), null);
            } else {
                newBase = base;
                long id = sync.recordConflict(open, change, hdDeletes, wanted, base, row, now);
                Map<String, Object> audit = new LinkedHashMap<>();
                audit.put("dataset", dataset);
                audit.put("key", key);
                audit.put("conflictId", id);
                audit.put("hdVersion", change.hdVersion());
                audit.put("platformVersion", row.version());
                audit.put("platformUpdatedBy", row.updatedBy());
                outbox.append(DatasetService.AUDIT_TOPIC, "DATA_CONFLICT", dataset, ACTOR, audit);
                result = new Result(dataset, key, change.hdVersion(), Outcome.CONFLICT, row.version(), id);
            }
        }
        sync.saveState(state.isPresent(), dataset, key, change.hdVersion(), change.changedAt(), newBase, now);
        return result;
    }

    /** The row HD's upsert asks for: the platform's unmapped fields, HD's mapped ones. */
    private static Map<String, Object> wanted(DatasetDefinition definition, Optional<DatasetRow> current,
                                              Map<String, Object> mapped) {
        java.util.Set<String> hdFields = definition.hdMapping().orElseThrow().mappedTargets();
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Object> existing = current.filter(r -> !r.deleted())
                .map(r -> DatasetService.normalised(definition, r.data())).orElse(Map.of());
        definition.fields().forEach(f -> {
            Object value = hdFields.contains(f.name()) ? mapped.get(f.name()) : existing.get(f.name());
            if (value != null) {
                merged.put(f.name(), value);
            }
        });
        return merged;
    }
}
