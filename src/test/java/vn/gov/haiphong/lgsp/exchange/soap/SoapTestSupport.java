package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import jakarta.activation.DataHandler;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import org.apache.cxf.attachment.ByteDataSource;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.ws.policy.PolicyConstants;
import org.apache.neethi.Policy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.exchange.soap.api.ErrorDetail;
import vn.gov.haiphong.lgsp.exchange.soap.api.ExchangeFault;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AgencyInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * Helpers for SOAP tests against the shared platform: JAX-WS clients built from the WSDL the
 * platform serves, signing with WSS4J as a real SOAP system would. The test SOAP system
 * {@code test.soap.sender} (agency {@code 000.77.70.H27}) is registered through the registry
 * service with a certificate generated here; the demo ward signs with its dev keystore from
 * {@code etc/dev/soap/}. Registry data SOAP tests create uses codes {@code 000.77.7x.H27}.
 */
abstract class SoapTestSupport extends PlatformTestSupport {

    static final String SENDER_AGENCY = "000.77.70.H27";
    static final String SENDER_SYSTEM = "test.soap.sender";
    static final String WARD = "000.60.71.H27";
    static final String WARD_H26 = "000.01.21.H26";
    static final String WARD_SYSTEM = "hd.phuonghaiduong.qlvb";
    static final QName SERVICE = new QName(DocumentExchangePort.NS, DocumentExchangePort.SERVICE);

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern ERROR_CODE = Pattern.compile("<(?:\\w+:)?error[^>]*\\scode=\"([^\"]+)\"");

    private static TestIdentity senderIdentity;

    @Autowired
    RegistryService registry;
    @Autowired
    AgencyResolver resolver;

    /** The test SOAP system's key, registered once per test JVM. */
    synchronized TestIdentity sender() {
        if (senderIdentity == null) {
            TestIdentity identity = TestIdentity.generate(SENDER_SYSTEM);
            ensureAgency(SENDER_AGENCY, "SOAP test agency");
            registry.createSystem(new SystemInput(SENDER_SYSTEM, "SOAP test system", SENDER_AGENCY,
                    Set.of(SENDER_AGENCY), Set.of(Protocol.SOAP), DeliveryMode.PULL, null, SignaturePolicy.OFF,
                    true, null), "soap-test");
            registry.addCertificate(SENDER_SYSTEM, identity.pem(), "soap-test");
            senderIdentity = identity;
        }
        return senderIdentity;
    }

    /** The demo ward's dev key (etc/dev/soap), registered by the demo data. */
    static TestIdentity ward() {
        return TestIdentity.load(Path.of("etc/dev/soap/hd.phuonghaiduong.qlvb.p12"), WARD_SYSTEM,
                "hd-phuonghd-soap-dev-2025");
    }

    void ensureAgency(String code, String name) {
        if (resolver.snapshot().agency(code).isEmpty()) {
            registry.createAgency(new AgencyInput(code, name, "000.00.00.H27", Region.HP, null, null, null, null, null),
                    "soap-test");
        }
    }

    String endpoint() {
        return baseUrl() + "/services" + SoapEndpoints.PATH_SOAP11;
    }

    String endpoint12() {
        return baseUrl() + "/services" + SoapEndpoints.PATH_SOAP12;
    }

    /** A SOAP 1.1 MTOM client signing as {@code identity}, built from the served WSDL. */
    DocumentExchangePort client(TestIdentity identity) {
        return client(identity, DocumentExchangePort.PORT_SOAP11, endpoint(), SoapSigning.SOAP11_NS);
    }

    /** The same over SOAP 1.2. */
    DocumentExchangePort client12(TestIdentity identity) {
        return client(identity, DocumentExchangePort.PORT_SOAP12, endpoint12(), SoapSigning.SOAP12_NS);
    }

    DocumentExchangePort client(TestIdentity identity, String port, String address, String soapNamespace) {
        DocumentExchangePort proxy = unsignedClient(port, address);
        Client client = ClientProxy.getClient(proxy);
        client.getOutInterceptors().add(SoapSigning.signer(identity.keyStore(), identity.alias(), identity.password(),
                soapNamespace, Duration.ofMinutes(5)));
        return proxy;
    }

    DocumentExchangePort unsignedClient(String port, String address) {
        try {
            // The contract as the platform serves it (both ports are in the one WSDL).
            Service service = Service.create(new URL(endpoint() + "?wsdl"), SERVICE);
            DocumentExchangePort proxy = service.getPort(new QName(DocumentExchangePort.NS, port), DocumentExchangePort.class);
            // WS-Security configured by hand (the interceptors below), not by the WSDL's policy: as
            // a client built before the WSDL published one does it.
            ClientProxy.getClient(proxy).getEndpoint().put(PolicyConstants.POLICY_OVERRIDE, new Policy());
            BindingProvider provider = (BindingProvider) proxy;
            provider.getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
            ((SOAPBinding) provider.getBinding()).setMTOMEnabled(true);
            return proxy;
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static DataHandler attachment(byte[] bytes) {
        return new DataHandler(new ByteDataSource(bytes, "application/octet-stream"));
    }

    static byte[] bytes(DataHandler handler) {
        try (InputStream in = handler.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a call that must fail with the fault {@code error} and this code; returns the detail. */
    static ErrorDetail assertFault(String code, ThrowingCallable call) {
        ExchangeFault fault = catchThrowableOfType(ExchangeFault.class, call);
        assertThat(fault).as("an ExchangeFault with %s", code).isNotNull();
        assertThat(fault.getFaultInfo()).isNotNull();
        assertThat(fault.getFaultInfo().getCode()).as(fault.getMessage()).isEqualTo(code);
        assertThat(fault.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
        return fault.getFaultInfo();
    }

    /** A request as a client put it on the wire: its Content-Type and body. */
    record Captured(String contentType, byte[] body) {
    }

    /**
     * Makes one call with a signing client pointed at a local recorder instead of the platform,
     * and returns the request it sent (the call itself fails: the recorder answers nothing useful).
     */
    Captured capture(TestIdentity identity, Consumer<DocumentExchangePort> call) {
        AtomicReference<Captured> captured = new AtomicReference<>();
        HttpServer recorder;
        try {
            recorder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        recorder.createContext("/", exchange -> {
            captured.set(new Captured(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        recorder.start();
        try {
            DocumentExchangePort port = client(identity, DocumentExchangePort.PORT_SOAP11,
                    "http://127.0.0.1:" + recorder.getAddress().getPort() + "/", SoapSigning.SOAP11_NS);
            try {
                call.accept(port);
            } catch (RuntimeException expected) {
                // the recorder's 503
            }
        } finally {
            recorder.stop(0);
        }
        assertThat(captured.get()).as("a request reached the recorder").isNotNull();
        return captured.get();
    }

    /** Posts raw SOAP 1.1 text (or a captured MTOM body with its Content-Type) to the SOAP 1.1 endpoint. */
    HttpResponse<String> post(String contentType, byte[] body, String action) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint())).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", contentType).header("SOAPAction", "\"" + action + "\"")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String envelope, String action) {
        return post("text/xml; charset=UTF-8", envelope.getBytes(StandardCharsets.UTF_8), action);
    }

    /** Asserts a SOAP 1.1 fault with this catalogue code in its detail, and no stack trace; returns the body. */
    static String assertRawFault(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        Matcher matcher = ERROR_CODE.matcher(response.body());
        assertThat(matcher.find()).as("lgsp:error in %s", response.body()).isTrue();
        assertThat(matcher.group(1)).as(response.body()).isEqualTo(code);
        assertThat(response.body()).contains("<faultcode>soap:" + (code.equals("LGSP-500") ? "Server" : "Client"))
                .doesNotContain("Exception").doesNotContain("\tat ");
        return response.body();
    }

    static <T> List<T> only(List<T> items, Predicate<T> predicate) {
        return items.stream().filter(predicate).toList();
    }
}
