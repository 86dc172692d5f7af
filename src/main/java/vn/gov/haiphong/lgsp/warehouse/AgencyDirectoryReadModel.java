package vn.gov.haiphong.lgsp.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/**
 * The {@code agency-directory} dataset as a read model of the registry: one row per agency, from
 * the in-memory snapshot, written through the ordinary dataset writes (versions, history, events).
 */
@Component
public class AgencyDirectoryReadModel {

    public static final String DATASET = "agency-directory";

    private final DatasetCatalog catalog;
    private final DatasetService service;
    private final AgencyResolver resolver;
    private final TransactionTemplate transaction;

    public AgencyDirectoryReadModel(DatasetCatalog catalog, DatasetService service, AgencyResolver resolver,
                                    TransactionTemplate transaction) {
        this.catalog = catalog;
        this.service = service;
        this.resolver = resolver;
        this.transaction = transaction;
    }

    /** Rewrites every agency's row; unchanged rows keep their version. Empty when the dataset is not declared. */
    public Optional<List<DatasetService.RowOutcome>> refresh(String actor) {
        Optional<DatasetDefinition> definition = catalog.find(DATASET);
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        RegistrySnapshot snapshot = resolver.snapshot();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Agency agency : snapshot.agencies().stream().sorted(java.util.Comparator.comparing(Agency::code)).toList()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("region", agency.region().name());
            row.put("code", agency.code());
            row.put("name", agency.name());
            row.put("parentCode", agency.parentCode());
            row.put("status", agency.status().name());
            List<String> legacy = snapshot.aliasesOf(agency.code());
            row.put("legacyCodes", legacy.isEmpty() ? null : String.join(";", legacy));
            row.put("email", agency.email());
            row.put("phone", agency.phone());
            row.put("validFrom", agency.validFrom() == null ? null : agency.validFrom().toString());
            row.put("validTo", agency.validTo() == null ? null : agency.validTo().toString());
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return Optional.of(List.of());
        }
        List<DatasetService.RowOutcome> outcomes = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += DatasetService.MAX_BATCH) {
            List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + DatasetService.MAX_BATCH));
            outcomes.addAll(transaction.execute(status -> service.write(definition.get(), batch, actor, Region.OTHER)));
        }
        return Optional.of(outcomes);
    }
}
