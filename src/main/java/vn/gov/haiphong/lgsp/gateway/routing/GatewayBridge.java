package vn.gov.haiphong.lgsp.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Service;
import vn.gov.haiphong.lgsp.gateway.mediation.GatewayFailure;
import vn.gov.haiphong.lgsp.gateway.mediation.SoapFaults;
import vn.gov.haiphong.lgsp.gateway.mediation.SoapXml;
import vn.gov.haiphong.lgsp.gateway.mediation.UpstreamClient;
import vn.gov.haiphong.lgsp.gateway.mediation.UpstreamHeaders;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.security.CallingSystem;

/**
 * The two steps of a SOAP-REST bridge route that need Java, as bean {@code gatewayBridge}:
 * {@link #callSoap} sends the envelope the route built to the service's registered SOAP endpoint
 * (through the same client as all mediation: timeout, circuit breaker, size limit), and
 * {@link #soapToJson} turns the answer's Body into a map for the JSON marshaller. Everything else
 * (reading the request, the envelope template, the JSON shape) stays in the route, where an
 * integrator copies and edits it.
 */
@Component("gatewayBridge")
public class GatewayBridge {

    private final UpstreamClient upstream;

    public GatewayBridge(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    /**
     * Posts the body (a SOAP envelope) with the {@code SOAPAction} and {@code Content-Type}
     * headers the route set; leaves the provider's answer as the body.
     */
    public void callSoap(Exchange exchange) {
        Service service = exchange.getProperty(GatewayRoutes.SERVICE_PROPERTY, Service.class);
        CallingSystem caller = exchange.getProperty(GatewayRoutes.CALLER_PROPERTY, CallingSystem.class);
        String requestId = exchange.getProperty(GatewayRoutes.REQUEST_ID_PROPERTY, String.class);
        if (service == null || caller == null) {
            throw new IllegalStateException("gatewayBridge.callSoap runs only in a route the gateway calls");
        }
        String base = service.endpoints().values().iterator().next();
        var message = exchange.getMessage();
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, "text/xml; charset=utf-8", String.class);
        String action = message.getHeader("SOAPAction", String.class);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", contentType));
        if (action != null) {
            headers.add(Map.entry("SOAPAction", action));
        }
        UpstreamHeaders.identify(headers, caller, service.serviceCode(), requestId);
        byte[] envelope = message.getBody(String.class).getBytes(StandardCharsets.UTF_8);
        UpstreamClient.Answer answer = upstream.call(base, "POST", java.net.URI.create(base), headers, envelope,
                service.timeoutMs(), service.maxResponseBytes(), true);
        message.removeHeaders("*");
        message.setHeader("LgspUpstreamStatus", answer.status());
        message.setBody(answer.body());
    }

    /**
     * The content of the answer's Body: its first element as a map (child elements by local
     * name; repeated names become lists; text-only elements become strings). A SOAP Fault is
     * GW-507 with the provider's fault string.
     */
    public Map<String, Object> soapToJson(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        Document document = body == null ? null : SoapXml.parse(body);
        Element envelope = document == null ? null : document.getDocumentElement();
        if (envelope == null || !"Envelope".equals(envelope.getLocalName())) {
            throw new GatewayFailure(ErrorCode.GW_UPSTREAM_UNREACHABLE, "The SOAP provider's answer is not a SOAP envelope");
        }
        Element soapBody = child(envelope, "Body");
        Element first = soapBody == null ? null : firstElement(soapBody);
        if (first == null) {
            return Map.of();
        }
        if ("Fault".equals(first.getLocalName()) && (SoapFaults.SOAP11_NS.equals(first.getNamespaceURI())
                || SoapFaults.SOAP12_NS.equals(first.getNamespaceURI()))) {
            Element reason = child(first, "faultstring");
            if (reason == null) {
                Element r = child(first, "Reason");
                reason = r == null ? null : child(r, "Text");
            }
            throw new GatewayFailure(ErrorCode.GW_UPSTREAM_FAULT, "The SOAP provider answered with a fault: "
                    + (reason == null ? "(no reason)" : reason.getTextContent().strip()));
        }
        Object value = toValue(first);
        return value instanceof Map<?, ?> map ? cast(map) : Map.of(first.getLocalName(), value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Object toValue(Element element) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                Object value = toValue(child);
                String name = child.getLocalName();
                Object previous = map.get(name);
                if (previous == null) {
                    map.put(name, value);
                } else if (previous instanceof ListValue list) {
                    list.add(value);
                } else {
                    ListValue list = new ListValue();
                    list.add(previous);
                    list.add(value);
                    map.put(name, list);
                }
            }
        }
        return map.isEmpty() ? element.getTextContent().strip() : map;
    }

    /** A list made from repeated elements (a distinct type, so a repeated list element is not mistaken for one). */
    private static final class ListValue extends ArrayList<Object> {
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
