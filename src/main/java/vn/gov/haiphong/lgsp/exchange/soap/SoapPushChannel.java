package vn.gov.haiphong.lgsp.exchange.soap;

import jakarta.activation.DataHandler;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.attachment.ByteDataSource;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPException;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.exchange.delivery.DeliveryChannel;
import vn.gov.haiphong.lgsp.exchange.delivery.DeliveryFailure;
import vn.gov.haiphong.lgsp.exchange.delivery.OutgoingPackage;
import vn.gov.haiphong.lgsp.exchange.soap.receiver.DocumentReceiverPort;
import vn.gov.haiphong.lgsp.exchange.soap.receiver.ReceiveDocument;
import vn.gov.haiphong.lgsp.exchange.soap.receiver.ReceiveDocumentResponse;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.security.PlatformKeystore;
import vn.gov.haiphong.lgsp.security.PlatformKeystore.SigningKey;

/**
 * Push delivery to SOAP systems ({@code deliveryMode PUSH}, protocol {@code SOAP}): calls
 * {@code receiveDocument} of {@code schemas/soap/DocumentReceiver.wsdl} at the system's
 * {@code deliveryUrl}, the package as an MTOM attachment, signed with the platform's key
 * ({@link PlatformKeystore}) in the same WS-Security profile the platform requires of callers.
 *
 * <p>Outcomes: an answer is acceptance (its {@code receiptId} is returned); a {@code soap:Client}
 * ({@code env:Sender}) fault, or HTTP 413, refuses the package itself and is a permanent
 * {@link DeliveryFailure}; every other fault (server, WS-Security, ...), HTTP error, connection
 * failure or timeout ({@code lgsp.soap.push.connect-timeout}, {@code receive-timeout}) is transient
 * and left to the delivery routes' redelivery.
 */
@Component
public class SoapPushChannel implements DeliveryChannel {

    public static final String NAME = "soap-push";
    private static final Logger log = LoggerFactory.getLogger(SoapPushChannel.class);
    private static final int MAX_CLIENTS = 200;
    private static final int MAX_REASON = 300;

    private final Bus bus;
    private final PlatformKeystore keystore;
    private final Duration connectTimeout;
    private final Duration receiveTimeout;
    private final Duration timestampTtl;
    /** One client per recipient address (CXF clients are thread-safe once configured). */
    private final Map<String, DocumentReceiverPort> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DocumentReceiverPort> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    @Autowired
    public SoapPushChannel(Bus bus, PlatformKeystore keystore,
                           @Value("${lgsp.soap.push.connect-timeout:10s}") Duration connectTimeout,
                           @Value("${lgsp.soap.push.receive-timeout:60s}") Duration receiveTimeout,
                           @Value("${lgsp.soap.timestamp-ttl:300s}") Duration timestampTtl) {
        this.bus = bus;
        this.keystore = keystore;
        this.connectTimeout = connectTimeout;
        this.receiveTimeout = receiveTimeout;
        this.timestampTtl = timestampTtl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean serves(ConnectedSystem recipient) {
        return recipient.deliveryMode() == DeliveryMode.PUSH && recipient.protocols().contains(Protocol.SOAP);
    }

    @Override
    public String deliver(OutgoingPackage pkg) {
        ConnectedSystem recipient = pkg.recipient();
        String url = recipient.deliveryUrl();
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new DeliveryFailure("system " + recipient.systemId() + " has no http(s) deliveryUrl", false);
        }
        DocumentReceiverPort client = client(url);
        ReceiveDocument request = new ReceiveDocument(pkg.deliveryKey(), pkg.docId(), pkg.messageType(),
                pkg.fromCode(), pkg.recipientCode(), new DataHandler(new ByteDataSource(pkg.content(),
                DocumentExchangeSoapService.OCTET_STREAM)));
        try {
            ReceiveDocumentResponse response = client.receiveDocument(request);
            String receipt = response == null ? null : response.getReceiptId();
            log.info("Pushed {} to {} at {} (receipt {})", pkg.deliveryKey(), recipient.systemId(), url, receipt);
            return receipt;
        } catch (SOAPFaultException e) {
            QName code = e.getFault().getFaultCodeAsQName();
            boolean permanent = code != null && isSoapEnvelope(code.getNamespaceURI())
                    && ("Client".equals(code.getLocalPart()) || "Sender".equals(code.getLocalPart()));
            throw failure(pkg, (permanent ? "refused by the recipient: " : "fault from the recipient: ")
                    + (code == null ? "" : code.getLocalPart() + " ") + e.getFault().getFaultString(), permanent, e);
        } catch (WebServiceException e) {
            Optional<Integer> status = httpStatus(e);
            if (status.isPresent()) {
                throw failure(pkg, "HTTP " + status.get() + " from the recipient", status.get() == 413, e);
            }
            throw failure(pkg, transportProblem(e), false, e);
        }
    }

    private DeliveryFailure failure(OutgoingPackage pkg, String reason, boolean permanent, Exception cause) {
        String shown = SoapFaults.printable(reason);
        if (shown.length() > MAX_REASON) {
            shown = shown.substring(0, MAX_REASON) + "...";
        }
        log.info("Push of {} to {} failed ({}): {}", pkg.deliveryKey(), pkg.recipient().systemId(),
                permanent ? "permanent" : "will be retried", shown);
        return new DeliveryFailure(shown, permanent, cause);
    }

    private static boolean isSoapEnvelope(String namespace) {
        return SoapSigning.SOAP11_NS.equals(namespace) || SoapSigning.SOAP12_NS.equals(namespace);
    }

    private static Optional<Integer> httpStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HTTPException http) {
                return Optional.of(http.getResponseCode());
            }
        }
        return Optional.empty();
    }

    private static String transportProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return "no answer in time (" + t.getClass().getSimpleName() + ")";
            }
            if (t instanceof ConnectException) {
                return "connection refused or unreachable";
            }
            if (t instanceof IOException) {
                return "I/O error: " + t.getClass().getSimpleName();
            }
        }
        return "the call failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage().toLowerCase(Locale.ROOT));
    }

    private DocumentReceiverPort client(String url) {
        synchronized (clients) {
            DocumentReceiverPort client = clients.get(url);
            if (client == null) {
                client = newClient(url);
                clients.put(url, client);
            }
            return client;
        }
    }

    private DocumentReceiverPort newClient(String url) {
        SigningKey key = keystore.key().orElseThrow(() -> new DeliveryFailure(
                "no platform keystore is configured (lgsp.security.platform-keystore.path): cannot sign", false));
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(DocumentReceiverPort.class);
        factory.setAddress(URI.create(url).toString());
        factory.setServiceName(new QName(DocumentReceiverPort.NS, DocumentReceiverPort.SERVICE));
        factory.setEndpointName(new QName(DocumentReceiverPort.NS, DocumentReceiverPort.PORT));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(Message.MTOM_ENABLED, Boolean.TRUE);
        factory.setProperties(properties);
        factory.getOutInterceptors().add(SoapSigning.signer(key.keyStore(), key.alias(), key.keyPassword(),
                SoapSigning.SOAP11_NS, timestampTtl));
        DocumentReceiverPort port = factory.create(DocumentReceiverPort.class);
        Client client = ClientProxy.getClient(port);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(connectTimeout.toMillis());
        policy.setReceiveTimeout(receiveTimeout.toMillis());
        policy.setAutoRedirect(false);
        ((HTTPConduit) client.getConduit()).setClient(policy);
        return port;
    }
}
