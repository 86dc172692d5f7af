package vn.gov.haiphong.lgsp.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.platform.events.PlatformEvent;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * Keeps this node's gateway catalogue fresh when another node changes it: gateway changes are
 * registry events ({@code GW_*}) on {@code lgsp.registry-events}; each node reads them in a
 * consumer group of its own and reloads (its own changes reloaded it at commit).
 */
@Component
public class GatewayCatalogRefreshRoute extends RouteBuilder {

    private final GatewayCatalog catalog;
    private final ObjectMapper json;
    private final String nodeId;

    public GatewayCatalogRefreshRoute(GatewayCatalog catalog, ObjectMapper json, EventOutbox events) {
        this.catalog = catalog;
        this.json = json;
        this.nodeId = events.nodeId();
    }

    @Override
    public void configure() {
        from("kafka:" + RegistryService.TOPIC + "?groupId=lgsp-gateway-" + nodeId
                + "&autoOffsetReset=latest&consumersCount=1")
                .routeId("gateway-catalog-refresh")
                .filter(exchange -> PlatformEvent.read(json, exchange.getMessage().getBody(String.class))
                        .map(event -> event.typeStartsWith("GW_") && event.madeElsewhereThan(nodeId)).orElse(false))
                .bean(catalog, "reload")
                .log("Gateway catalogue refreshed after a change on another node");
    }
}
