package vn.gov.haiphong.lgsp.gateway;

import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.GrantInput;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.GroupInput;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.ServiceInput;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Kind;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.SubjectType;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/**
 * Default profile only, after the registry demo data, on an empty catalogue: one demo service so
 * the examples of docs/integrators.md work on a fresh start. {@code demo.opendata} mediates the platform's own
 * open data API (this node's address), granted to Sở Nội vụ's system and to the group of the
 * former Hải Dương region's systems.
 */
@Component
@ConditionalOnProperty(name = "lgsp.demo-data.enabled", havingValue = "true")
@Order(2)
public class GatewayDemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GatewayDemoDataLoader.class);
    static final String ACTOR = "demo-data";

    private final GatewayRepository repository;
    private final GatewayAdminService admin;
    private final TransactionTemplate transaction;
    private final ServletWebServerApplicationContext web;

    public GatewayDemoDataLoader(GatewayRepository repository, GatewayAdminService admin,
                                 TransactionTemplate transaction, ServletWebServerApplicationContext web) {
        this.repository = repository;
        this.admin = admin;
        this.transaction = transaction;
        this.web = web;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!repository.findAllServices().isEmpty()) {
            return;
        }
        String self = "http://localhost:" + web.getWebServer().getPort();
        transaction.executeWithoutResult(status -> {
            admin.createService(new ServiceInput("demo.opendata", "Dữ liệu mở (demo: the platform's own open data API)",
                    "hp.sonv.qlvb", Kind.REST, Map.of("default", self + "/opendata"), 5000, null, null, 50, 100, null,
                    true), ACTOR);
            admin.putGroup("hd-region", new GroupInput("hd-region", "Systems of the former Hải Dương region", Region.HD,
                    null, Set.of()), ACTOR);
            admin.createGrant(new GrantInput("demo.opendata", SubjectType.SYSTEM, "hp.sonv.qlvb", null, null), ACTOR);
            admin.createGrant(new GrantInput("demo.opendata", SubjectType.GROUP, "hd-region", "GET",
                    "/administrative-units/**"), ACTOR);
        });
        log.info("Gateway demo data loaded: service demo.opendata -> {}/opendata", self);
    }
}
