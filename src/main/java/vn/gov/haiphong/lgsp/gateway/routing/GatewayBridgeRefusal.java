package vn.gov.haiphong.lgsp.gateway.routing;

/**
 * Thrown by a bridge route ({@code throwException} in YAML) when a request cannot be translated;
 * the client gets GW-207 with this message.
 */
public class GatewayBridgeRefusal extends RuntimeException {

    public GatewayBridgeRefusal(String message) {
        super(message, null, false, false);
    }
}
