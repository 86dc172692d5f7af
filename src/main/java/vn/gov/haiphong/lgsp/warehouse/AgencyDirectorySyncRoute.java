package vn.gov.haiphong.lgsp.warehouse;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * Marks the agency directory stale on every registry change. One consumer group for all nodes,
 * so a change normally makes one node (not all of them) rewrite the shared directory.
 */
@Component
public class AgencyDirectorySyncRoute extends RouteBuilder {

    private final AgencyDirectoryReadModel directory;

    public AgencyDirectorySyncRoute(AgencyDirectoryReadModel directory) {
        this.directory = directory;
    }

    @Override
    public void configure() {
        from("kafka:" + RegistryService.TOPIC + "?groupId=lgsp-warehouse-agency-directory"
                // earliest: a group without committed offsets (first start) replays history, which
                // only marks the directory stale once more; nothing between start and join is missed.
                + "&autoOffsetReset=earliest&consumersCount=1")
                .routeId("warehouse-agency-directory")
                .process(exchange -> directory.markStale());
    }
}
