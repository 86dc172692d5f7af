package vn.gov.haiphong.lgsp.exchange.delivery;

import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Asks the routing table integrators edit ({@code routes/document-routing.camel.yaml}) how one
 * recipient is reached. The registry gives the facts; the table gives the decision.
 */
@Component
public class RoutingTable {

    public static final String ENDPOINT = "direct:document-routing";

    /** The routes the table may choose. */
    public enum Route {
        LOCAL_PULL, LOCAL_PUSH, RELAY, NATIONAL_AXIS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Optional<Route> fromWire(String value) {
            for (Route route : values()) {
                if (route.wire().equals(value)) {
                    return Optional.of(route);
                }
            }
            return Optional.empty();
        }
    }

    /** What the registry knows about one recipient (see the header list in the YAML file). */
    public record Facts(String recipientCode, boolean knownInRegistry, boolean inCity, String systemId,
                        String deliveryMode, String messageType) {
    }

    /** A route and the system whose queue carries it; empty when the table says unroutable. */
    public record Decision(Route route, String targetSystem) {
    }

    private final ProducerTemplate producer;

    public RoutingTable(ProducerTemplate producer) {
        this.producer = producer;
    }

    public Optional<Decision> decide(Facts facts) {
        Exchange answer = producer.send(ENDPOINT, exchange -> {
            var in = exchange.getIn();
            in.setHeader("lgspRecipientCode", facts.recipientCode());
            in.setHeader("lgspKnownInRegistry", facts.knownInRegistry());
            in.setHeader("lgspInCity", facts.inCity());
            in.setHeader("lgspSystemId", facts.systemId());
            in.setHeader("lgspDeliveryMode", facts.deliveryMode());
            in.setHeader("lgspMessageType", facts.messageType());
        });
        if (answer.getException() != null) {
            throw new IllegalStateException("The routing table failed for " + facts.recipientCode(),
                    answer.getException());
        }
        String route = answer.getMessage().getHeader("lgspRoute", String.class);
        String target = answer.getMessage().getHeader("lgspTarget", String.class);
        if (route == null || "unroutable".equals(route)) {
            return Optional.empty();
        }
        Route chosen = Route.fromWire(route).orElseThrow(() -> new IllegalStateException(
                "The routing table chose an unknown route '" + route + "' for " + facts.recipientCode()));
        if (target == null || target.isBlank()) {
            throw new IllegalStateException("The routing table gave route " + route + " but no lgspTarget for "
                    + facts.recipientCode());
        }
        return Optional.of(new Decision(chosen, target.strip()));
    }
}
