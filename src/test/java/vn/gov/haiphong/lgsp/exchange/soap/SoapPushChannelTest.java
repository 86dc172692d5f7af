package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.binding.soap.SoapFault;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.exchange.delivery.DeliveryChannel;
import vn.gov.haiphong.lgsp.exchange.delivery.DeliveryFailure;
import vn.gov.haiphong.lgsp.exchange.delivery.OutgoingPackage;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures;
import vn.gov.haiphong.lgsp.exchange.soap.receiver.ReceiveDocumentResponse;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.security.PlatformKeystore;

/**
 * Push delivery to a SOAP recipient: a real CXF endpoint of DocumentReceiver.wsdl on its own port
 * that verifies the platform's WS-Security signature (trusting etc/dev/platform-dev.crt) gets
 * the package byte for byte; its faults and silences become the right {@link DeliveryFailure}.
 */
class SoapPushChannelTest extends SoapTestSupport {

    @Autowired
    SoapPushChannel channel;
    @Autowired
    List<DeliveryChannel> channels;
    @Autowired
    PlatformKeystore platformKeystore;
    @Autowired
    Bus bus;

    private static final X509Certificate PLATFORM = TestIdentity.load(Path.of("etc/dev/platform-keystore-dev.p12"),
            "lgsp-platform", "lgsp-platform-dev-2025").certificate();

    @Test
    void theChannelIsABeanServingPushSoapSystemsOnly() {
        assertThat(channels).contains(channel);
        assertThat(channel.name()).isEqualTo("soap-push");
        assertThat(channel.serves(recipient("http://localhost/x", DeliveryMode.PUSH, Protocol.SOAP))).isTrue();
        assertThat(channel.serves(recipient("http://localhost/x", DeliveryMode.PULL, Protocol.SOAP))).isFalse();
        assertThat(channel.serves(recipient("http://localhost/x", DeliveryMode.PUSH, Protocol.VDXP_REST))).isFalse();
        assertThat(channel.serves(recipient("http://localhost/x", DeliveryMode.RELAY, Protocol.SOAP))).isFalse();
    }

    @Test
    void thePackageArrivesSignedByThePlatformAndUnchanged() throws Exception {
        try (TestReceiver receiver = new TestReceiver(PLATFORM, request -> new ReceiveDocumentResponse("R-" + request.getDocId()))) {
            OutgoingPackage pkg = pkg(receiver.url());
            String receipt = channel.deliver(pkg);

            assertThat(receipt).isEqualTo("R-" + pkg.docId());
            assertThat(receiver.received()).hasSize(1);
            TestReceiver.Received received = receiver.received().get(0);
            assertThat(received.content()).isEqualTo(pkg.content());
            assertThat(received.request().getDeliveryKey()).isEqualTo(pkg.deliveryKey());
            assertThat(received.request().getDocId()).isEqualTo(pkg.docId());
            assertThat(received.request().getMessageType()).isEqualTo("edoc");
            assertThat(received.request().getFrom()).isEqualTo(SENDER_AGENCY);
            assertThat(received.request().getTo()).isEqualTo(WARD);
            // Delivered again (the routes redeliver after a lost answer): the same key, a fresh signature.
            assertThat(channel.deliver(pkg)).isEqualTo(receipt);
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void aRecipientThatDoesNotTrustThePlatformRefusesAndItIsRetried() throws Exception {
        X509Certificate someoneElse = TestIdentity.generate("not-the-platform").certificate();
        try (TestReceiver receiver = new TestReceiver(someoneElse, request -> new ReceiveDocumentResponse(null))) {
            DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> channel.deliver(pkg(receiver.url())));
            assertThat(failure).isNotNull();
            assertThat(failure.permanent()).isFalse();
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void aClientFaultIsPermanentAServerFaultIsNot() throws Exception {
        try (TestReceiver receiver = new TestReceiver(PLATFORM, request -> {
            throw new SoapFault("package refused: unknown recipient",
                    new QName(SoapSigning.SOAP11_NS, request.getDocId().startsWith("client") ? "Client" : "Server"));
        })) {
            DeliveryFailure client = catchThrowableOfType(DeliveryFailure.class,
                    () -> channel.deliver(pkg(receiver.url(), "client-" + System.nanoTime())));
            assertThat(client.permanent()).isTrue();
            assertThat(client.getMessage()).contains("package refused");
            DeliveryFailure server = catchThrowableOfType(DeliveryFailure.class,
                    () -> channel.deliver(pkg(receiver.url(), "server-" + System.nanoTime())));
            assertThat(server.permanent()).isFalse();
        }
    }

    @Test
    void noListenerOrNoAnswerInTimeIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DeliveryFailure refused = catchThrowableOfType(DeliveryFailure.class,
                () -> channel.deliver(pkg("http://localhost:" + closedPort + "/receiver")));
        assertThat(refused.permanent()).isFalse();

        SoapPushChannel impatient = new SoapPushChannel(bus, platformKeystore, Duration.ofSeconds(2),
                Duration.ofMillis(500), Duration.ofMinutes(5));
        try (TestReceiver slow = new TestReceiver(PLATFORM, request -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ReceiveDocumentResponse("late");
        })) {
            DeliveryFailure timeout = catchThrowableOfType(DeliveryFailure.class, () -> impatient.deliver(pkg(slow.url())));
            assertThat(timeout.permanent()).isFalse();
            assertThat(timeout.getMessage()).contains("in time");
        }
        DeliveryFailure noUrl = catchThrowableOfType(DeliveryFailure.class, () -> channel.deliver(pkg("ftp://example/x")));
        assertThat(noUrl.permanent()).isFalse();
    }

    private static OutgoingPackage pkg(String url) {
        return pkg(url, UUID.randomUUID().toString());
    }

    private static OutgoingPackage pkg(String url, String docId) {
        ConnectedSystem recipient = recipient(url, DeliveryMode.PUSH, Protocol.SOAP);
        byte[] content = EdxmlFixtures.document(SENDER_AGENCY, EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-PUSH"), WARD);
        return new OutgoingPackage(docId + "/" + recipient.systemId(), docId, "edoc", SENDER_AGENCY, WARD, recipient, content);
    }

    private static ConnectedSystem recipient(String url, DeliveryMode mode, Protocol protocol) {
        return new ConnectedSystem("test.soap.push", "Push recipient", WARD, Set.of(WARD), Set.of(protocol), mode, url,
                SignaturePolicy.OFF, true, null, List.of());
    }
}
