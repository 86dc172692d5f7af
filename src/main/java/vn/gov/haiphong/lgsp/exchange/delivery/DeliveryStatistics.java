package vn.gov.haiphong.lgsp.exchange.delivery;

import java.util.Map;
import java.util.TreeMap;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.Queue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;

/**
 * The LGSP MBean operators see in Hawtio ({@code lgsp:type=Exchange,name=Deliveries}): deliveries
 * queued, delivered, awaiting the recipient's acknowledgement and dead-lettered, and the depth of
 * every target's queue and dead-letter queue on the embedded broker.
 */
@Component
@ManagedResource(objectName = "lgsp:type=Exchange,name=Deliveries",
        description = "Document exchange deliveries and delivery queues")
public class DeliveryStatistics {

    private final DocumentStore store;
    private final DeliveryRoutes routes;
    private final ObjectProvider<EmbeddedActiveMQ> broker;

    public DeliveryStatistics(DocumentStore store, DeliveryRoutes routes, ObjectProvider<EmbeddedActiveMQ> broker) {
        this.store = store;
        this.routes = routes;
        this.broker = broker;
    }

    @ManagedAttribute(description = "Deliveries waiting on a target queue (incl. retries)")
    public long getQueued() {
        return store.countsByState().getOrDefault("QUEUED", 0L);
    }

    @ManagedAttribute(description = "Deliveries handed over (in a pull inbox, or accepted by push/relay)")
    public long getDelivered() {
        return store.countsByState().getOrDefault("DELIVERED", 0L);
    }

    @ManagedAttribute(description = "Delivered to a pull inbox, not yet acknowledged done by the recipient")
    public long getPending() {
        return store.countsByState().getOrDefault("AWAITING_ACK", 0L);
    }

    @ManagedAttribute(description = "Deliveries given up (see /api/admin/exchange/dead-letters)")
    public long getDeadLettered() {
        return store.countsByState().getOrDefault("DEAD_LETTER", 0L);
    }

    @ManagedAttribute(description = "Messages on each delivery queue and dead-letter queue of the embedded broker")
    public Map<String, Long> getQueueDepths() {
        Map<String, Long> depths = new TreeMap<>();
        EmbeddedActiveMQ embedded = broker.getIfAvailable();
        ActiveMQServer server = embedded == null ? null : embedded.getActiveMQServer();
        if (server == null) {
            return depths;
        }
        for (String target : routes.targets()) {
            for (String name : new String[] {DeliveryDispatcher.queueOf(target),
                    DeliveryDispatcher.deadLetterQueueOf(target)}) {
                Queue queue = server.locateQueue(name);
                if (queue != null) {
                    depths.put(name, queue.getMessageCount());
                }
            }
        }
        return depths;
    }
}
