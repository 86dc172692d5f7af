package vn.gov.haiphong.lgsp.warehouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.security.CallingSystem;
import vn.gov.haiphong.lgsp.warehouse.DatasetAccess.Access;

/**
 * Reads and writes of datasets. Each committed change writes its row, its history entry, its
 * {@code lgsp.data.{dataset}} event and its audit event in one transaction (outbox), so an
 * event exists exactly when the change does. Every call of a system, refusals included, is
 * audited on {@code lgsp.audit}.
 */
@Service
public class DatasetService {

    public static final String AUDIT_TOPIC = "lgsp.audit";
    public static final String TOPIC_PREFIX = "lgsp.data.";
    public static final int MAX_BATCH = 1000;
    public static final int MAX_KEY_LENGTH = 200;

    private final DatasetCatalog catalog;
    private final DatasetRepository repository;
    private final DatasetAccess access;
    private final EventOutbox outbox;
    private final AgencyResolver resolver;
    private final TransactionTemplate transaction;
    private final QueryLimits limits;

    public DatasetService(DatasetCatalog catalog, DatasetRepository repository, DatasetAccess access,
                          EventOutbox outbox, AgencyResolver resolver, TransactionTemplate transaction,
                          QueryLimits limits) {
        this.limits = limits;
        this.catalog = catalog;
        this.repository = repository;
        this.access = access;
        this.outbox = outbox;
        this.resolver = resolver;
        this.transaction = transaction;
    }

    public static String topicOf(String dataset) {
        return TOPIC_PREFIX + dataset;
    }

    public DatasetDefinition definition(String dataset) {
        return catalog.find(dataset).orElseThrow(() -> new LgspException(ErrorCode.DATASET_NOT_FOUND,
                "No dataset with this name; see /opendata for the public ones"));
    }

    // --- reads ---------------------------------------------------------------------------------

    public record Result(DatasetDefinition definition, DatasetQuery query, DatasetRepository.Page page) {
    }

    /** A system's query: its rights checked, the query run and its audit event written together. */
    public Result query(CallingSystem caller, String dataset, MultiValueMap<String, String> params) {
        DatasetDefinition definition = definition(dataset);
        authorise(definition, caller, Access.READ, "DATA_READ");
        DatasetQuery query = DatasetQueryParser.parse(definition, params, false, limits);
        return transaction.execute(status -> {
            DatasetRepository.Page page = repository.query(definition, query);
            Map<String, Object> audit = auditData(definition, caller);
            audit.put("query", params.toSingleValueMap());
            audit.put("rows", page.rows().size());
            audit.put("total", page.total());
            outbox.append(AUDIT_TOPIC, "DATA_READ", definition.name(), caller.systemId(), audit);
            return new Result(definition, query, page);
        });
    }

    /** Every version of one row, oldest first (deletes included): same read right, same audit. */
    public List<DatasetRepository.HistoryEntry> history(CallingSystem caller, String dataset, String key) {
        DatasetDefinition definition = definition(dataset);
        authorise(definition, caller, Access.READ, "DATA_READ");
        return transaction.execute(status -> {
            List<DatasetRepository.HistoryEntry> history = repository.history(definition.name(), key);
            if (history.isEmpty()) {
                throw new LgspException(ErrorCode.DATA_ROW_NOT_FOUND, "Dataset " + definition.name()
                        + " has never had a row with this key");
            }
            Map<String, Object> audit = auditData(definition, caller);
            audit.put("history", key);
            audit.put("rows", history.size());
            outbox.append(AUDIT_TOPIC, "DATA_READ", definition.name(), caller.systemId(), audit);
            return history;
        });
    }

    /** Open data: public fields only, no caller, no grant. */
    public Result openQuery(String dataset, MultiValueMap<String, String> params) {
        DatasetDefinition definition = catalog.find(dataset).filter(DatasetDefinition::isOpenData)
                .orElseThrow(() -> new LgspException(ErrorCode.DATASET_NOT_FOUND, "No open dataset with this name"));
        DatasetQuery query = DatasetQueryParser.parse(definition, params, true, limits);
        return new Result(definition, query, repository.query(definition, query));
    }

    // --- writes --------------------------------------------------------------------------------

    public record RowOutcome(String key, long version, boolean changed) {
    }

    /** Batch upsert by a system: all rows or none. */
    public List<RowOutcome> upsert(CallingSystem caller, String dataset, List<Map<String, Object>> rows) {
        DatasetDefinition definition = definition(dataset);
        authorise(definition, caller, Access.WRITE, "DATA_WRITE");
        Region defaultRegion = resolver.snapshot().agency(caller.ownerAgency()).map(a -> a.region()).orElse(Region.OTHER);
        return concurrencySafe(() -> transaction.execute(status -> {
            List<RowOutcome> outcomes = write(definition, rows, caller.systemId(), defaultRegion);
            Map<String, Object> audit = auditData(definition, caller);
            audit.put("operation", "UPSERT");
            audit.put("keys", outcomes.stream().filter(RowOutcome::changed).map(RowOutcome::key).toList());
            audit.put("unchanged", outcomes.stream().filter(o -> !o.changed()).count());
            outbox.append(AUDIT_TOPIC, "DATA_WRITE", definition.name(), caller.systemId(), audit);
            return outcomes;
        }));
    }

    /**
     * Existing rows are locked before they change, but a row that does not exist yet cannot be:
     * two writers creating the same key at once meet at the primary key. The loser's whole batch
     * rolls back and it is told to retry, rather than seeing an internal error.
     */
    private static <T> T concurrencySafe(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (org.springframework.dao.DuplicateKeyException | org.springframework.dao.ConcurrencyFailureException e) {
            // ConcurrencyFailureException: a deadlock victim or lock timeout, equally safe to retry.
            throw new LgspException(ErrorCode.DATA_CONCURRENT_CHANGE, ErrorCode.DATA_CONCURRENT_CHANGE.title());
        }
    }

    public RowOutcome delete(CallingSystem caller, String dataset, String key) {
        DatasetDefinition definition = definition(dataset);
        authorise(definition, caller, Access.WRITE, "DATA_DELETE");
        return transaction.execute(status -> {
            RowOutcome outcome = remove(definition, key, caller.systemId());
            Map<String, Object> audit = auditData(definition, caller);
            audit.put("operation", "DELETE");
            audit.put("keys", List.of(key));
            outbox.append(AUDIT_TOPIC, "DATA_WRITE", definition.name(), caller.systemId(), audit);
            return outcome;
        });
    }

    /** Deletes a live row in the caller's transaction, without a rights check (see {@link #write}). */
    public RowOutcome remove(DatasetDefinition definition, String key, String actor) {
        DatasetRow current = repository.findForUpdate(definition.name(), key).filter(r -> !r.deleted())
                .orElseThrow(() -> new LgspException(ErrorCode.DATA_ROW_NOT_FOUND,
                        "Dataset " + definition.name() + " has no live row with this key"));
        DatasetRow tombstone = new DatasetRow(definition.name(), key, current.version() + 1, current.region(),
                Instant.now(), actor, true, current.data());
        repository.save(definition, tombstone, true);
        publish(definition, tombstone);
        return new RowOutcome(key, tombstone.version(), true);
    }

    /**
     * Writes rows in the caller's transaction without a rights check (the API checks first; the
     * demo loader and registry read model are the platform itself). A row equal to the stored one
     * keeps its version and publishes nothing.
     */
    public List<RowOutcome> write(DatasetDefinition definition, List<Map<String, Object>> rows, String actor,
                                  Region defaultRegion) {
        if (rows.isEmpty() || rows.size() > MAX_BATCH) {
            throw new LgspException(ErrorCode.DATA_INVALID_ROW, "A batch holds 1 to " + MAX_BATCH + " rows");
        }
        List<DatasetRow> checked = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            DatasetRow row = check(definition, rows.get(i), i, actor, defaultRegion);
            if (!keys.add(row.key())) {
                throw invalidRow(i, definition.key(), "the key appears twice in the batch");
            }
            checked.add(row);
        }
        // Rows are locked in key order, so two batches over the same keys cannot deadlock.
        Map<String, RowOutcome> outcomes = new java.util.HashMap<>();
        for (DatasetRow row : checked.stream().sorted(java.util.Comparator.comparing(DatasetRow::key)).toList()) {
            Optional<DatasetRow> current = repository.findForUpdate(definition.name(), row.key());
            if (current.isPresent() && !current.get().deleted()
                    && normalised(definition, current.get().data()).equals(row.data())
                    && current.get().region().equals(row.region())) {
                outcomes.put(row.key(), new RowOutcome(row.key(), current.get().version(), false));
                continue;
            }
            long version = current.map(DatasetRow::version).orElse(0L) + 1;
            DatasetRow next = new DatasetRow(row.dataset(), row.key(), version, row.region(), row.updatedAt(),
                    actor, false, row.data());
            repository.save(definition, next, current.isPresent());
            publish(definition, next);
            outcomes.put(row.key(), new RowOutcome(row.key(), version, true));
        }
        return checked.stream().map(row -> outcomes.get(row.key())).toList();
    }

    private DatasetRow check(DatasetDefinition definition, Map<String, Object> input, int index, String actor,
                             Region defaultRegion) {
        if (input == null) {
            throw invalidRow(index, null, "a row must be a JSON object");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        String region = defaultRegion.name();
        for (Map.Entry<String, Object> entry : input.entrySet()) {
            if (entry.getKey().equals("region")) {
                region = regionOf(entry.getValue(), index);
                continue;
            }
            DatasetField field = definition.field(entry.getKey())
                    .orElseThrow(() -> invalidRow(index, null, "a field is not declared by dataset " + definition.name()));
            if (entry.getValue() == null) {
                continue;
            }
            Object value = field.type().normalise(entry.getValue());
            if (value == null) {
                throw invalidRow(index, field.name(), "must be a " + field.type().lowerName());
            }
            if (value instanceof String s && s.length() > DatasetRepository.MAX_INDEXED_TEXT) {
                throw invalidRow(index, field.name(), "longer than " + DatasetRepository.MAX_INDEXED_TEXT + " characters");
            }
            data.put(field.name(), value);
        }
        // Declared order, so equal rows compare equal and payloads read the same way every time.
        Map<String, Object> ordered = new LinkedHashMap<>();
        definition.fields().forEach(f -> {
            if (data.containsKey(f.name())) {
                ordered.put(f.name(), data.get(f.name()));
            }
        });
        Object key = ordered.get(definition.key());
        if (!(key instanceof String k) || k.isBlank() || k.length() > MAX_KEY_LENGTH || !k.equals(k.strip())) {
            throw invalidRow(index, definition.key(), "the key is required: 1 to " + MAX_KEY_LENGTH
                    + " characters without surrounding spaces");
        }
        return new DatasetRow(definition.name(), k, 0, region, Instant.now(), actor, false, ordered);
    }

    /**
     * The declared fields of a row as a write would store them (declared order, normalised
     * types), or DATA-406 naming the field; a {@code region} entry is checked and left out.
     */
    public Map<String, Object> checkedData(DatasetDefinition definition, Map<String, Object> input) {
        return check(definition, input, 0, "check", Region.OTHER).data();
    }

    /** Stored JSON reads small integers back as Integer; compare in the types the definition gives. */
    public static Map<String, Object> normalised(DatasetDefinition definition, Map<String, Object> stored) {
        Map<String, Object> data = new LinkedHashMap<>();
        definition.fields().forEach(f -> {
            if (stored.get(f.name()) != null) {
                data.put(f.name(), f.type().normalise(stored.get(f.name())));
            }
        });
        return data;
    }

    private static String regionOf(Object value, int index) {
        for (Region region : Region.values()) {
            if (region.name().equals(value)) {
                return region.name();
            }
        }
        throw invalidRow(index, "region", "must be one of HP, HD, CENTRAL, OTHER");
    }

    private static LgspException invalidRow(int index, String field, String problem) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("row", index);
        if (field != null) {
            where.put("field", field);
        }
        return new LgspException(ErrorCode.DATA_INVALID_ROW, "Row " + index + (field == null ? "" : ", field " + field)
                + ": " + problem, where);
    }

    private void publish(DatasetDefinition definition, DatasetRow row) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataset", definition.name());
        data.put("version", row.version());
        data.put("region", row.region());
        data.put("deleted", row.deleted());
        data.put("row", row.data());
        outbox.append(topicOf(definition.name()), row.deleted() ? "DATA_DELETE" : "DATA_UPSERT", row.key(),
                row.updatedBy(), data);
    }

    /** Refusals are audited too, in a transaction of their own (the refused call writes nothing). */
    private void authorise(DatasetDefinition definition, CallingSystem caller, Access needed, String auditType) {
        if (access.allows(definition, caller, needed)) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            Map<String, Object> audit = auditData(definition, caller);
            audit.put("refused", auditType);
            outbox.append(AUDIT_TOPIC, "DATA_REFUSED", definition.name(), caller.systemId(), audit);
        });
        access.require(definition, caller, needed);
    }

    private static Map<String, Object> auditData(DatasetDefinition definition, CallingSystem caller) {
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("dataset", definition.name());
        audit.put("system", caller.systemId());
        audit.put("agencies", caller.agencies().stream().sorted().toList());
        return audit;
    }
}
