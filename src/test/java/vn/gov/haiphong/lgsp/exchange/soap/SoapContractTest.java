package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.Service;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.ws.policy.PolicyConstants;
import org.apache.neethi.Policy;
import org.apache.cxf.jaxws.EndpointImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.gov.haiphong.lgsp.exchange.soap.api.CountReceived;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.exchange.soap.api.MessageType;

/**
 * The contract as clients the project did not write consume it: zeep and node-soap read the served
 * WSDL and call the address it gives for the port they pick, so every port's address must be
 * absolute, in both endpoints' WSDL, and must not be poisoned by another request's Host header.
 * And a client's mistakes about the contract are answered as such (SOAP-107, or 404 for a document
 * that does not exist), logged once at INFO without a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class SoapContractTest extends SoapTestSupport {

    private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
    private static final String ADDRESS_11_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static final String ADDRESS_12_NS = "http://schemas.xmlsoap.org/wsdl/soap12/";
    private static final String COUNT = "urn:lgsp:countReceived";

    @Autowired
    @Qualifier("documentExchangeSoap11")
    Endpoint soap11;
    @Autowired
    @Qualifier("documentExchangeSoap12")
    Endpoint soap12;
    @Autowired
    PublishedAddresses configuredAddresses;

    @Test
    void everyPortInBothServedWsdlsHasItsAbsoluteAddress() {
        Map<String, String> expected = Map.of(DocumentExchangePort.PORT_SOAP11, endpoint(),
                DocumentExchangePort.PORT_SOAP12, endpoint12());
        assertThat(addresses(httpGet(endpoint() + "?wsdl"))).isEqualTo(expected);
        assertThat(addresses(httpGet(endpoint12() + "?wsdl"))).isEqualTo(expected);
    }

    @Test
    void aClientCallingTheAddressTheWsdlGivesReachesTheOtherPort() throws Exception {
        // As zeep and node-soap do: the port's address is the one in the WSDL, never set by hand.
        assertThat(countAtTheWsdlsAddress(endpoint() + "?wsdl", DocumentExchangePort.PORT_SOAP12,
                SoapSigning.SOAP12_NS)).isEqualTo(endpoint12());
        assertThat(countAtTheWsdlsAddress(endpoint12() + "?wsdl", DocumentExchangePort.PORT_SOAP11,
                SoapSigning.SOAP11_NS)).isEqualTo(endpoint());
    }

    /** Calls countReceived on {@code port} of the WSDL at {@code wsdl}; returns the address called. */
    private String countAtTheWsdlsAddress(String wsdl, String port, String soapNamespace) throws Exception {
        TestIdentity sender = sender();
        DocumentExchangePort client = Service.create(new URL(wsdl), SERVICE)
                .getPort(new QName(DocumentExchangePort.NS, port), DocumentExchangePort.class);
        ClientProxy.getClient(client).getOutInterceptors().add(SoapSigning.signer(sender.keyStore(), sender.alias(),
                sender.password(), soapNamespace, Duration.ofMinutes(5)));
        // It signs with its own interceptor, as SoapTestSupport's clients do, not from the WSDL's policy.
        ClientProxy.getClient(client).getEndpoint().put(PolicyConstants.POLICY_OVERRIDE, new Policy());
        assertThat(client.countReceived(new CountReceived(MessageType.EDOC)).getCount()).isNotNegative();
        return (String) ((BindingProvider) client).getRequestContext().get(BindingProvider.ENDPOINT_ADDRESS_PROPERTY);
    }

    @Test
    void aHostHeaderNamesOnlyItsOwnAnswersAddresses() {
        String poisoned = rawGet("evil.example:81", "/services/DocumentExchange?wsdl");
        assertThat(addresses(poisoned)).containsValue("http://evil.example:81/services/DocumentExchange12");
        assertThat(rawGet("evil.example:81", "/services/DocumentExchange12?wsdl")).contains("evil.example");
        // Nothing of it stayed behind for the next client.
        assertThat(httpGet(endpoint() + "?wsdl")).doesNotContain("evil.example");
        assertThat(httpGet(endpoint12() + "?wsdl")).doesNotContain("evil.example");
    }

    @Test
    void withAPublicUrlEveryAddressIsUnderItWhateverTheHost() {
        org.apache.cxf.endpoint.Endpoint cxf11 = ((EndpointImpl) soap11).getServer().getEndpoint();
        org.apache.cxf.endpoint.Endpoint cxf12 = ((EndpointImpl) soap12).getServer().getEndpoint();
        // What lgsp.soap.public-url=https://lgsp.example.gov.vn/ gives at start, applied to the running endpoints.
        PublishedAddresses configured = PublishedAddresses.of("https://lgsp.example.gov.vn/", "/services");
        configured.applyTo(cxf11, SoapEndpoints.PATH_SOAP11);
        configured.applyTo(cxf12, SoapEndpoints.PATH_SOAP12);
        try {
            Map<String, String> expected = Map.of(
                    DocumentExchangePort.PORT_SOAP11, "https://lgsp.example.gov.vn/services/DocumentExchange",
                    DocumentExchangePort.PORT_SOAP12, "https://lgsp.example.gov.vn/services/DocumentExchange12");
            for (String path : List.of("/services/DocumentExchange?wsdl", "/services/DocumentExchange12?wsdl")) {
                String wsdl = rawGet("evil.example", path);
                assertThat(addresses(wsdl)).as(path).isEqualTo(expected);
                assertThat(wsdl).doesNotContain("evil.example")
                        .contains("schemaLocation=\"https://lgsp.example.gov.vn/services/DocumentExchange");
            }
        } finally {
            configuredAddresses.applyTo(cxf11, SoapEndpoints.PATH_SOAP11);
            configuredAddresses.applyTo(cxf12, SoapEndpoints.PATH_SOAP12);
        }
        assertThat(addresses(httpGet(endpoint() + "?wsdl"))).containsValue(endpoint12());
    }

    @Test
    void aBodyThatIsNotTheSoapActionsOperationIsTheClientsMistake(CapturedOutput output) {
        TestIdentity sender = sender();
        String count = "<lgsp:countReceived><lgsp:messageType>edoc</lgsp:messageType></lgsp:countReceived>";
        // Another operation's element than the SOAPAction names.
        String body = assertRawFault(post(new SignedEnvelope(sender).sign(count), "urn:lgsp:listReceived"), "SOAP-107");
        assertThat(body).contains("countReceived").contains("listReceived");
        // An element no operation takes, under a valid SOAPAction; the right name in another namespace.
        String unknown = "noSuchElement" + UUID.randomUUID().toString().replace("-", "");
        assertRawFault(post(new SignedEnvelope(sender).sign("<lgsp:" + unknown + "/>"), COUNT), "SOAP-107");
        String otherNamespace = "urn:other:" + UUID.randomUUID();
        assertRawFault(post(new SignedEnvelope(sender).sign("<x:countReceived xmlns:x=\"" + otherNamespace
                + "\"><x:messageType>edoc</x:messageType></x:countReceived>"), COUNT), "SOAP-107");

        assertLoggedOnceAsARefusal(output, "Expected {" + DocumentExchangePort.NS + "}listReceived");
        assertLoggedOnceAsARefusal(output, unknown);
        assertLoggedOnceAsARefusal(output, otherNamespace);
    }

    @Test
    void aWsdlOrSchemaDocumentThatDoesNotExistIsNotFound(CapturedOutput output) throws Exception {
        String wsdl = "nope-" + UUID.randomUUID() + ".wsdl";
        String xsd = "nope-" + UUID.randomUUID() + ".xsd";
        for (String query : List.of("?wsdl=" + wsdl, "?xsd=" + xsd)) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(404);
            assertThat(response.body()).contains("code=\"SOAP-107\"").doesNotContain("Exception");
        }
        assertLoggedOnceAsARefusal(output, wsdl);
        assertLoggedOnceAsARefusal(output, xsd);
        // The schema the WSDL imports is there.
        assertThat(httpGet(endpoint() + "?xsd=DocumentExchange.xsd")).contains("<xs:schema");
    }

    @Test
    void aMissingOrUnknownMessageTypeIsNotWhatTheContractAllows() {
        TestIdentity sender = sender();
        assertRawFault(post(new SignedEnvelope(sender).sign("<lgsp:countReceived/>"), COUNT), "SOAP-107");
        String body = assertRawFault(post(new SignedEnvelope(sender).sign(
                "<lgsp:listReceived><lgsp:messageType>letter</lgsp:messageType></lgsp:listReceived>"),
                "urn:lgsp:listReceived"), "SOAP-107");
        assertThat(body).contains("messageType (edoc or status) is missing or not valid");
        assertFault("SOAP-107", () -> client(sender).countReceived(new CountReceived(null)));
    }

    private static void assertLoggedOnceAsARefusal(CapturedOutput output, String marker) {
        List<String> lines = output.getAll().lines().filter(line -> line.contains(marker)).toList();
        assertThat(lines).as("log lines naming %s", marker).hasSize(1);
        assertThat(lines.get(0)).contains(" INFO ").contains("SOAP-107").doesNotContain("| at ")
                .doesNotContain("Exception");
    }

    /** Port name → the address the WSDL gives it. */
    private static Map<String, String> addresses(String wsdl) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(wsdl.getBytes(StandardCharsets.UTF_8)));
            Map<String, String> addresses = new LinkedHashMap<>();
            NodeList ports = document.getElementsByTagNameNS(WSDL_NS, "port");
            for (int i = 0; i < ports.getLength(); i++) {
                Element port = (Element) ports.item(i);
                for (String namespace : List.of(ADDRESS_11_NS, ADDRESS_12_NS)) {
                    NodeList address = port.getElementsByTagNameNS(namespace, "address");
                    if (address.getLength() > 0) {
                        addresses.put(port.getAttribute("name"), ((Element) address.item(0)).getAttribute("location"));
                    }
                }
            }
            return addresses;
        } catch (Exception e) {
            throw new IllegalStateException("not a WSDL: " + wsdl, e);
        }
    }

    private static String httpGet(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET with the Host header a client chose (the JDK's client sets its own); returns the body of a 200. */
    private String rawGet(String host, String pathAndQuery) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // HTTP/1.0: the answer is not chunked and ends when the server closes the connection.
            out.write(("GET " + pathAndQuery + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).as(pathAndQuery).startsWith("HTTP/1.1 200");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
