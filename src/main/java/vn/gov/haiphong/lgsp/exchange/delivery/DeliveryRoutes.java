package vn.gov.haiphong.lgsp.exchange.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryReloaded;

/**
 * One consuming route per delivery target ({@code delivery-<systemId>} on queue
 * {@code lgsp.delivery.<systemId>}), created for every registered system at start, for a system
 * registered since (on any node: after the registry reload its event causes), and for a new
 * target the first time something is queued for it. So every node consumes every target's queue,
 * and a node that dies leaves no queue without a consumer. Consumption is transacted: a failed attempt
 * rolls back and Artemis redelivers it with exponential backoff (ArtemisBrokerConfig); the last
 * attempt or a permanent refusal ends in the target's dead-letter queue (DeliveryProcessor).
 *
 * <p>Consumers scale per target between {@code consumers-per-target} and
 * {@code max-consumers-per-target} (Spring's listener container adds one while none is idle and
 * lets an extra one go after ten empty one-second receives while another is idle): a delivery
 * waits mostly on its commit, not on the CPU, so a busy target needs many in flight, and the many
 * quiet ones keep only the minimum.
 */
@Component
public class DeliveryRoutes {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRoutes.class);

    private final CamelContext camel;
    private final AgencyResolver resolver;
    private final DeliveryProcessor processor;
    private final int consumersPerTarget;
    private final int maxConsumersPerTarget;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    /** Consumers start once the application is ready (recovery relies on them being there first). */
    private volatile boolean ready;

    public DeliveryRoutes(CamelContext camel, AgencyResolver resolver, DeliveryProcessor processor,
                          @Value("${lgsp.exchange.delivery.consumers-per-target:2}") int consumersPerTarget,
                          @Value("${lgsp.exchange.delivery.max-consumers-per-target:16}") int maxConsumersPerTarget) {
        if (consumersPerTarget < 1 || maxConsumersPerTarget < consumersPerTarget) {
            throw new IllegalArgumentException("lgsp.exchange.delivery: consumers-per-target must be at least 1 and "
                    + "max-consumers-per-target at least consumers-per-target (" + consumersPerTarget + ", "
                    + maxConsumersPerTarget + ")");
        }
        this.camel = camel;
        this.resolver = resolver;
        this.processor = processor;
        this.consumersPerTarget = consumersPerTarget;
        this.maxConsumersPerTarget = maxConsumersPerTarget;
    }

    /** Consumers for every registered system, before recovery looks for lost claim checks. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void startRegisteredTargets() {
        ready = true;
        for (ConnectedSystem system : resolver.snapshot().systems()) {
            ensureConsumer(system.systemId());
        }
    }

    /** A system registered on this node or another one gets its consumer here at once. */
    @EventListener
    public void startNewlyRegisteredTargets(RegistryReloaded reloaded) {
        if (ready) {
            for (ConnectedSystem system : reloaded.snapshot().systems()) {
                ensureConsumer(system.systemId());
            }
        }
    }

    public void ensureConsumer(String targetSystem) {
        if (started.contains(targetSystem)) {
            return;
        }
        synchronized (started) {
            if (started.contains(targetSystem)) {
                return;
            }
            try {
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        // The processor logs each failure once, with its reason; the rollback
                        // itself (Artemis redelivers) needs no stack trace.
                        errorHandler(noErrorHandler());
                        from("jms:queue:" + DeliveryDispatcher.queueOf(targetSystem)
                                + "?transacted=true&cacheLevelName=CACHE_CONSUMER&concurrentConsumers="
                                + consumersPerTarget + "&maxConcurrentConsumers=" + maxConsumersPerTarget
                                + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false"
                                // A lost session may hold a claim check: recovery sends it again.
                                + "&exceptionListener=#deliveryBrokerTrouble")
                                .routeId("delivery-" + targetSystem)
                                .routeDescription("Delivers claim checks queued for " + targetSystem)
                                .process(processor);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the delivery route of " + targetSystem, e);
            }
            started.add(targetSystem);
            log.info("Delivery route for {} consumes {}", targetSystem, DeliveryDispatcher.queueOf(targetSystem));
        }
    }

    public Set<String> targets() {
        return Set.copyOf(started);
    }
}
