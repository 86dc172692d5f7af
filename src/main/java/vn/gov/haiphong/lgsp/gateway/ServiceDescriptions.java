package vn.gov.haiphong.lgsp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Kind;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Service;
import vn.gov.haiphong.lgsp.gateway.mediation.GatewayFailure;
import vn.gov.haiphong.lgsp.gateway.mediation.SoapXml;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;

/**
 * Service descriptions as registered (WSDL for SOAP services, OpenAPI 3 / Swagger 2 in JSON or
 * YAML for REST and bridges) and as clients see them: with every address rewritten to the
 * gateway ({@code soap:address} locations; OpenAPI {@code servers} or Swagger host/basePath), so
 * no provider address leaves the platform. A WSDL must be self-contained (no imports or includes
 * with a location, which would point clients at the provider).
 */
@Component
public class ServiceDescriptions {

    public static final String WSDL = "WSDL";
    public static final String OPENAPI = "OPENAPI";
    private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
    private static final String[] SOAP_BINDING_NS = {"http://schemas.xmlsoap.org/wsdl/soap/",
            "http://schemas.xmlsoap.org/wsdl/soap12/"};
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ObjectMapper json;
    private final String publicUrl;
    private final String ownScheme;
    private final String ownHost;

    public ServiceDescriptions(ObjectMapper json, GatewayAddressSettings address,
                               @Value("${server.ssl.enabled:false}") boolean ssl,
                               @Value("${server.address:}") String serverAddress) {
        this.json = json;
        this.publicUrl = address.publicUrl();
        this.ownScheme = ssl ? "https" : "http";
        this.ownHost = ownHost(serverAddress);
    }

    /** The description type a kind of service takes. */
    public static String typeFor(Kind kind) {
        return kind == Kind.SOAP ? WSDL : OPENAPI;
    }

    /** Checks a description for registration; throws GW-407 when it cannot be published. */
    public void check(Kind kind, byte[] document) {
        if (kind == Kind.SOAP) {
            wsdl(document);
        } else {
            openApi(document);
        }
    }

    /** The description with the gateway's addresses. */
    public String published(Service service, String gatewayBase) {
        if (!service.hasDescription()) {
            throw new GatewayFailure(ErrorCode.GW_NO_DESCRIPTION, "Service " + service.serviceCode()
                    + " has no published " + typeFor(service.kind()));
        }
        byte[] raw = service.description().getBytes(StandardCharsets.UTF_8);
        if (service.kind() == Kind.SOAP) {
            Document document = wsdl(raw);
            String address = gatewayBase + "/gw/soap/" + service.serviceCode();
            for (String ns : SOAP_BINDING_NS) {
                NodeList addresses = document.getElementsByTagNameNS(ns, "address");
                for (int i = 0; i < addresses.getLength(); i++) {
                    ((Element) addresses.item(i)).setAttribute("location", address);
                }
            }
            return new String(SoapXml.serialize(document), StandardCharsets.UTF_8);
        }
        ObjectNode api = openApi(raw);
        String address = gatewayBase + "/gw/r1/" + service.serviceCode();
        if (api.has("swagger")) {
            URI uri = URI.create(address);
            api.put("host", uri.getRawAuthority());
            api.put("basePath", uri.getRawPath());
            api.set("schemes", json.createArrayNode().add(uri.getScheme()));
        } else {
            ArrayNode servers = json.createArrayNode();
            servers.addObject().put("url", address).put("description", "LGSP service gateway");
            api.set("servers", servers);
        }
        // Per-path and per-operation servers would point past the gateway: dropped.
        api.path("paths").forEach(path -> {
            if (path instanceof ObjectNode p) {
                p.remove("servers");
                p.forEach(op -> {
                    if (op instanceof ObjectNode o) {
                        o.remove("servers");
                    }
                });
            }
        });
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(api);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document wsdl(byte[] raw) {
        Document document = SoapXml.parse(raw);
        if (document == null || !WSDL_NS.equals(document.getDocumentElement().getNamespaceURI())
                || !"definitions".equals(document.getDocumentElement().getLocalName())) {
            throw invalid("not a well-formed WSDL 1.1 document (wsdl:definitions; DOCTYPEs are refused)");
        }
        for (String tag : new String[] {"import", "include"}) {
            NodeList nodes = document.getElementsByTagNameNS("*", tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                if (e.hasAttribute("location") || e.hasAttribute("schemaLocation")) {
                    throw invalid("the WSDL must be self-contained: " + tag + " with a location is not accepted");
                }
            }
        }
        return document;
    }

    private ObjectNode openApi(byte[] raw) {
        JsonNode node;
        try {
            String text = new String(raw, StandardCharsets.UTF_8).stripLeading();
            node = text.startsWith("{") ? json.readTree(text) : YAML.readTree(text);
        } catch (Exception e) {
            throw invalid("not readable JSON or YAML");
        }
        if (!(node instanceof ObjectNode object) || !(node.has("openapi") || node.has("swagger")) || !node.has("paths")) {
            throw invalid("not an OpenAPI 3 or Swagger 2 document (openapi/swagger and paths are required)");
        }
        return object;
    }

    private static LgspException invalid(String why) {
        return new LgspException(ErrorCode.GW_DESCRIPTION_INVALID, "Service description refused: " + why);
    }

    /**
     * The gateway's address as clients reach it: {@code lgsp.gateway.public-url}, else this server's
     * own (its configured address, else localhost, and the port the request came in on). Never the
     * request's Host header: a caller would choose the addresses other clients are given.
     */
    public String publicBase(HttpServletRequest request) {
        if (!publicUrl.isEmpty()) {
            return publicUrl;
        }
        int port = request.getLocalPort();
        boolean defaultPort = ("http".equals(ownScheme) && port == 80) || ("https".equals(ownScheme) && port == 443);
        return ownScheme + "://" + ownHost + (defaultPort ? "" : ":" + port);
    }

    private static String ownHost(String serverAddress) {
        String host = serverAddress == null ? "" : serverAddress.strip();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
