package vn.gov.haiphong.lgsp.gateway.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Service;
import vn.gov.haiphong.lgsp.gateway.mediation.GatewayFailure;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.security.CallingSystem;

/**
 * Where the gateway hands a call to a Camel route of {@code routes/}: the content-based routing
 * table of a service served by several regional endpoints (the route sets {@value #ENDPOINT} to
 * the name of one of the service's registered endpoints, never an address), and the SOAP-REST
 * bridges (the route produces the whole answer). What the route sees of the request:
 * <ul>
 * <li>headers {@code LgspService}, {@code LgspClient}, {@code LgspClientAgency}, {@code LgspMethod},
 * {@code LgspPath} (raw, after the service code), {@code LgspPathSegments} (decoded list),
 * {@code LgspParams} (decoded query parameters, first value each), {@code LgspRequestId};</li>
 * <li>the body as bytes (empty when there is none).</li>
 * </ul>
 */
@Component
public class GatewayRoutes {

    public static final String ENDPOINT = "LgspEndpoint";
    public static final String STATUS = "LgspStatus";
    /** Exchange property: the {@link Service} being called (for the bridge's SOAP call). */
    public static final String SERVICE_PROPERTY = "LgspServiceDefinition";
    public static final String CALLER_PROPERTY = "LgspCaller";
    public static final String REQUEST_ID_PROPERTY = "LgspRequestId";

    private final CamelContext camel;
    private final ProducerTemplate producer;

    public GatewayRoutes(CamelContext camel, ProducerTemplate producer) {
        this.camel = camel;
        this.producer = producer;
    }

    /** The result of a route: the endpoint it chose (CBR) or its answer (bridge). */
    public record Outcome(String endpoint, int status, String contentType, byte[] body) {
    }

    public Outcome run(Service service, CallingSystem caller, String requestId, String method, String rawPath,
                       String rawQuery, byte[] body) {
        Exchange exchange = new DefaultExchange(camel, ExchangePattern.InOut);
        var message = exchange.getMessage();
        message.setHeader("LgspService", service.serviceCode());
        message.setHeader("LgspClient", caller.systemId());
        message.setHeader("LgspClientAgency", caller.ownerAgency());
        message.setHeader("LgspMethod", method);
        message.setHeader("LgspPath", rawPath);
        message.setHeader("LgspPathSegments", segments(rawPath));
        message.setHeader("LgspParams", params(rawQuery));
        message.setHeader("LgspRequestId", requestId);
        message.setBody(body == null ? new byte[0] : body);
        exchange.setProperty(SERVICE_PROPERTY, service);
        exchange.setProperty(CALLER_PROPERTY, caller);
        exchange.setProperty(REQUEST_ID_PROPERTY, requestId);
        // Waits at most a second for the route (a table being reloaded), then GW-506.
        Exchange done = producer.send("direct:" + service.routingRoute() + "?timeout=1000", exchange);
        Exception failure = done.getException();
        if (failure != null) {
            throw translate(failure, service);
        }
        var out = done.getMessage();
        Object status = out.getHeader(STATUS);
        if (status == null) {
            status = out.getHeader(Exchange.HTTP_RESPONSE_CODE);
        }
        return new Outcome(out.getHeader(ENDPOINT, String.class),
                status == null ? 200 : Integer.parseInt(status.toString()),
                out.getHeader(Exchange.CONTENT_TYPE, String.class), out.getBody(byte[].class));
    }

    private static RuntimeException translate(Exception failure, Service service) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LgspException lgsp) {
                return lgsp;
            }
            if (t instanceof GatewayBridgeRefusal refusal) {
                return new GatewayFailure(ErrorCode.GW_BRIDGE_REFUSED, refusal.getMessage());
            }
            if (t instanceof DirectConsumerNotAvailableException) {
                return new GatewayFailure(ErrorCode.GW_NO_ROUTE,
                        "No routing table route direct:" + service.routingRoute() + " is loaded");
            }
        }
        org.slf4j.LoggerFactory.getLogger(GatewayRoutes.class).warn("Route direct:{} of service {} failed",
                service.routingRoute(), service.serviceCode(), failure);
        return new GatewayFailure(ErrorCode.GW_NO_ROUTE, "The route direct:" + service.routingRoute() + " failed: "
                + failure.getClass().getSimpleName());
    }

    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }
}
