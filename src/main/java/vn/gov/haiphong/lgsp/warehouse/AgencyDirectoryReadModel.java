package vn.gov.haiphong.lgsp.warehouse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/**
 * The {@code agency-directory} dataset as a read model of the registry: one row per agency,
 * written through the ordinary dataset writes (versions, history, events). Registry events mark
 * it stale ({@link AgencyDirectorySyncRoute}); a periodic task then rewrites it once, however
 * many events an import produced. Unchanged agencies keep their version; removed ones are deleted.
 */
@Component
public class AgencyDirectoryReadModel {

    private static final Logger log = LoggerFactory.getLogger(AgencyDirectoryReadModel.class);
    public static final String DATASET = "agency-directory";
    static final String ACTOR = "registry";

    private final DatasetCatalog catalog;
    private final DatasetService service;
    private final DatasetRepository repository;
    private final AgencyResolver resolver;
    private final TransactionTemplate transaction;
    /** Stale from the start, so every node (any profile) fills the directory once after it starts. */
    private final AtomicBoolean stale = new AtomicBoolean(true);

    public AgencyDirectoryReadModel(DatasetCatalog catalog, DatasetService service, DatasetRepository repository,
                                    AgencyResolver resolver, TransactionTemplate transaction) {
        this.catalog = catalog;
        this.service = service;
        this.repository = repository;
        this.resolver = resolver;
        this.transaction = transaction;
    }

    public void markStale() {
        stale.set(true);
    }

    @Scheduled(fixedDelayString = "${lgsp.warehouse.agency-directory-refresh:5s}",
            initialDelayString = "${lgsp.warehouse.agency-directory-refresh:5s}")
    public void refreshIfStale() {
        if (!stale.getAndSet(false)) {
            return;
        }
        try {
            refresh(ACTOR);
        } catch (RuntimeException e) {
            // E.g. another node inserted the same new agency at the same moment: try again next time.
            stale.set(true);
            log.warn("Agency directory not refreshed, will retry: {}", e.toString());
        }
    }

    /** Rewrites the directory from the registry as committed, in one transaction. Empty when not declared. */
    public synchronized Optional<List<DatasetService.RowOutcome>> refresh(String actor) {
        Optional<DatasetDefinition> definition = catalog.find(DATASET);
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(transaction.execute(status -> {
            // From the database, not this node's snapshot: another node's change may not have reached it yet.
            RegistrySnapshot registry = resolver.fromDatabase();
            List<Map<String, Object>> rows = rows(registry);
            List<DatasetService.RowOutcome> outcomes = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += DatasetService.MAX_BATCH) {
                outcomes.addAll(service.write(definition.get(),
                        rows.subList(from, Math.min(rows.size(), from + DatasetService.MAX_BATCH)), actor, Region.OTHER));
            }
            Set<String> current = new HashSet<>();
            registry.agencies().forEach(a -> current.add(a.code()));
            for (String key : repository.liveKeys(DATASET)) {
                if (!current.contains(key)) {
                    outcomes.add(service.remove(definition.get(), key, actor));
                }
            }
            return outcomes;
        }));
    }

    private static List<Map<String, Object>> rows(RegistrySnapshot registry) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Agency agency : registry.agencies().stream().sorted(Comparator.comparing(Agency::code)).toList()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("region", agency.region().name());
            row.put("code", agency.code());
            row.put("name", agency.name());
            row.put("parentCode", agency.parentCode());
            row.put("status", agency.status().name());
            List<String> legacy = registry.aliasesOf(agency.code());
            row.put("legacyCodes", legacy.isEmpty() ? null : String.join(";", legacy));
            row.put("email", agency.email());
            row.put("phone", agency.phone());
            row.put("validFrom", agency.validFrom() == null ? null : agency.validFrom().toString());
            row.put("validTo", agency.validTo() == null ? null : agency.validTo().toString());
            rows.add(row);
        }
        return rows;
    }
}
