package vn.gov.haiphong.lgsp.warehouse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/**
 * Default profile only, after the registry demo data: seeds the demo rows and grants of
 * {@code etc/datasets/demo/} into empty datasets, and refreshes the agency directory from the
 * registry snapshot (unchanged agencies keep their version, so a restart publishes nothing).
 */
@Component
@ConditionalOnProperty(name = "lgsp.demo-data.enabled", havingValue = "true")
@Order(1)
public class DatasetDemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DatasetDemoDataLoader.class);
    static final String ACTOR = "demo-data";

    private final Path demoDir;
    private final DatasetCatalog catalog;
    private final DatasetRepository repository;
    private final DatasetService service;
    private final AgencyDirectoryReadModel agencyDirectory;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    public DatasetDemoDataLoader(@Value("${lgsp.datasets.dir:./etc/datasets}") Path datasetsDir, DatasetCatalog catalog,
                                 DatasetRepository repository, DatasetService service,
                                 AgencyDirectoryReadModel agencyDirectory, TransactionTemplate transaction,
                                 ObjectMapper json) {
        this.demoDir = datasetsDir.resolve("demo");
        this.catalog = catalog;
        this.repository = repository;
        this.service = service;
        this.agencyDirectory = agencyDirectory;
        this.transaction = transaction;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        List<Map<String, String>> grants = json.readValue(demoDir.resolve("grants.json").toFile(), new TypeReference<>() {
        });
        transaction.executeWithoutResult(status -> {
            Instant now = Instant.now();
            grants.forEach(g -> repository.grant(g.get("dataset"), g.get("grantee"), g.get("access"), now, ACTOR));
            for (DatasetDefinition definition : catalog.all()) {
                Path rows = demoDir.resolve(definition.name() + ".json");
                if (Files.exists(rows) && repository.countRows(definition.name()) == 0) {
                    service.write(definition, read(rows), ACTOR, Region.HP);
                    log.info("Demo rows loaded into dataset {}", definition.name());
                }
            }
        });
        // At once, so the demo directory is there as soon as the platform is (not after the first sync).
        agencyDirectory.refresh(ACTOR);
    }

    private List<Map<String, Object>> read(Path file) {
        try {
            return json.readValue(file.toFile(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("Demo rows " + file + " are not readable", e);
        }
    }
}
