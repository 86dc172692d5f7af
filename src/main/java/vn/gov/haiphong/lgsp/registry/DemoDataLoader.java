package vn.gov.haiphong.lgsp.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.imports.ImportFormat;
import vn.gov.haiphong.lgsp.registry.imports.RegistryImporter;

/**
 * Default profile only: on an empty database, imports the sample legacy registries from
 * {@code etc/registry/} through the ordinary importer and registers the demo connected systems
 * of {@code etc/dev/dev-secrets.yml}. Never runs twice: a database with any agency is left alone.
 *
 * <p>An {@link ApplicationRunner}, like the gateway's and the datasets' demo loaders: they run
 * before the application is ready, and {@code /actuator/health} (with {@code readinessState})
 * is OUT_OF_SERVICE until then, so the platform is UP only with its demo data (QuietStartTest).
 */
@Component
@ConditionalOnProperty(name = "lgsp.demo-data.enabled", havingValue = "true")
@Order(0)
public class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    static final String ACTOR = "demo-data";

    @ConfigurationProperties("lgsp.demo-data")
    public record DemoData(boolean enabled, Path hpRegistry, Path hdRegistry, List<SystemInput> systems,
                           List<DemoCertificate> certificates) {
        public DemoData {
            systems = systems == null ? List.of() : List.copyOf(systems);
            certificates = certificates == null ? List.of() : List.copyOf(certificates);
        }
    }

    /** A dev certificate (PEM file) registered for a demo system, e.g. for its SOAP signatures. */
    public record DemoCertificate(String systemId, Path pem) {
    }

    private final DemoData demo;
    private final RegistryRepository repository;
    private final RegistryImporter importer;
    private final RegistryService registry;
    private final TransactionTemplate transaction;
    private final AgencyResolver resolver;

    public DemoDataLoader(DemoData demo, RegistryRepository repository, RegistryImporter importer,
                          RegistryService registry, TransactionTemplate transaction, AgencyResolver resolver) {
        this.demo = demo;
        this.repository = repository;
        this.importer = importer;
        this.registry = registry;
        this.transaction = transaction;
        this.resolver = resolver;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!repository.isEmpty()) {
            return;
        }
        byte[] hp = Files.readAllBytes(demo.hpRegistry());
        byte[] hd = Files.readAllBytes(demo.hdRegistry());
        List<String> pems = new ArrayList<>();
        for (DemoCertificate certificate : demo.certificates()) {
            pems.add(Files.readString(certificate.pem()));
        }
        // One transaction: a half-loaded demo would block the next start's "empty database" test.
        transaction.executeWithoutResult(status -> {
            importer.importFile(ImportFormat.HP_CSV, demo.hpRegistry().getFileName().toString(), hp, ACTOR, false);
            importer.importFile(ImportFormat.HD_JSON, demo.hdRegistry().getFileName().toString(), hd, ACTOR, false);
            demo.systems().forEach(system -> registry.createSystem(system, ACTOR));
            for (int i = 0; i < pems.size(); i++) {
                registry.addCertificate(demo.certificates().get(i).systemId(), pems.get(i), ACTOR);
            }
        });
        RegistrySnapshot loaded = resolver.snapshot();
        log.info("Demo data loaded: {} agencies, {} aliases, {} connected systems", loaded.agencies().size(),
                loaded.aliases().size(), loaded.systems().size());
    }
}
