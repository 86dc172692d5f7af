package vn.gov.haiphong.lgsp.exchange.soap;

import jakarta.jws.WebService;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.xml.namespace.QName;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.crypto.Merlin;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.exchange.soap.receiver.DocumentReceiverPort;
import vn.gov.haiphong.lgsp.exchange.soap.receiver.ReceiveDocument;
import vn.gov.haiphong.lgsp.exchange.soap.receiver.ReceiveDocumentResponse;

/**
 * A recipient system's own SOAP endpoint, as it would be built from DocumentReceiver.wsdl: CXF in
 * its own embedded Tomcat on a free port, verifying the WS-Security signature and Timestamp with
 * a truststore holding only the certificate it was told to trust (the platform's).
 */
final class TestReceiver implements AutoCloseable {

    /** What arrived: the request as unmarshalled, the package's bytes. */
    record Received(ReceiveDocument request, byte[] content) {
    }

    private final Tomcat tomcat;
    private final Bus bus;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final File baseDir;

    /** @param behaviour what to answer for each request (may throw a fault, or sleep) */
    TestReceiver(X509Certificate trusted, Function<ReceiveDocument, ReceiveDocumentResponse> behaviour) throws Exception {
        baseDir = Files.createTempDirectory("test-receiver").toFile();
        bus = BusFactory.newInstance().createBus();
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", baseDir.getAbsolutePath());
        Tomcat.addServlet(context, "cxf", servlet).setLoadOnStartup(1);
        context.addServletMappingDecoded("/*", "cxf");
        tomcat.getConnector();
        tomcat.start();

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", trusted);
        Merlin crypto = new Merlin();
        crypto.setTrustStore(trust);
        Map<String, Object> security = new HashMap<>();
        security.put(ConfigurationConstants.ACTION, "Timestamp Signature");
        security.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, "receiverCrypto");
        security.put("receiverCrypto", crypto);
        security.put(ConfigurationConstants.EXPAND_XOP_INCLUDE, "true");

        EndpointImpl endpoint = new EndpointImpl(bus, new Implementation(received, behaviour));
        endpoint.setWsdlLocation("classpath:" + DocumentReceiverPort.WSDL);
        endpoint.setServiceName(new QName(DocumentReceiverPort.NS, DocumentReceiverPort.SERVICE));
        endpoint.setEndpointName(new QName(DocumentReceiverPort.NS, DocumentReceiverPort.PORT));
        endpoint.setProperties(Map.of(Message.MTOM_ENABLED, Boolean.TRUE, SecurityConstants.EXPAND_XOP_INCLUDE, Boolean.TRUE));
        endpoint.getInInterceptors().add(new WSS4JInInterceptor(security));
        endpoint.publish("/receiver");
    }

    @WebService(serviceName = DocumentReceiverPort.SERVICE, portName = DocumentReceiverPort.PORT,
            targetNamespace = DocumentReceiverPort.NS,
            endpointInterface = "vn.gov.haiphong.lgsp.exchange.soap.receiver.DocumentReceiverPort")
    public static class Implementation implements DocumentReceiverPort {

        private final List<Received> received;
        private final Function<ReceiveDocument, ReceiveDocumentResponse> behaviour;

        Implementation(List<Received> received, Function<ReceiveDocument, ReceiveDocumentResponse> behaviour) {
            this.received = received;
            this.behaviour = behaviour;
        }

        @Override
        public ReceiveDocumentResponse receiveDocument(ReceiveDocument request) {
            try (InputStream in = request.getContent().getInputStream()) {
                received.add(new Received(request, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return behaviour.apply(request);
        }
    }

    String url() {
        return "http://localhost:" + tomcat.getConnector().getLocalPort() + "/receiver";
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        bus.shutdown(true);
        PlatformTestSupport.deleteTree(baseDir.toPath());
    }
}
