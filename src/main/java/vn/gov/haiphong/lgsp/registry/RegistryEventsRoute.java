package vn.gov.haiphong.lgsp.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.platform.events.PlatformEvent;

/**
 * Keeps this node's in-memory registry fresh when another node changes it: every node reads
 * {@code lgsp.registry-events} in a consumer group of its own and reloads its snapshot on each
 * change made elsewhere (its own changes already reloaded it at commit).
 */
@Component
public class RegistryEventsRoute extends RouteBuilder {

    private final AgencyResolver resolver;
    private final ObjectMapper json;
    private final String nodeId;

    public RegistryEventsRoute(AgencyResolver resolver, ObjectMapper json, EventOutbox events) {
        this.resolver = resolver;
        this.json = json;
        this.nodeId = events.nodeId();
    }

    @Override
    public void configure() {
        from("kafka:" + RegistryService.TOPIC + "?groupId=lgsp-registry-" + nodeId
                + "&autoOffsetReset=latest&consumersCount=1")
                .routeId("registry-events-refresh")
                // An event it cannot read is taken as another node's: one reload too many is harmless.
                .filter(exchange -> PlatformEvent.read(json, exchange.getMessage().getBody(String.class))
                        .map(event -> event.madeElsewhereThan(nodeId)).orElse(true))
                .bean(resolver, "reload")
                .log("Registry snapshot refreshed after a change on another node");
    }
}
