package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures;
import vn.gov.haiphong.lgsp.exchange.soap.api.Acknowledge;
import vn.gov.haiphong.lgsp.exchange.soap.api.CountReceived;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.exchange.soap.api.GetDocument;
import vn.gov.haiphong.lgsp.exchange.soap.api.MessageType;
import vn.gov.haiphong.lgsp.exchange.soap.api.SendDocument;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.security.gateway.NonceStore;

/**
 * Hostile and careless SOAP callers: every request without a fresh, unique signature by a
 * registered certificate of an enabled SOAP system over its Body and Timestamp is refused with
 * its SOAP-10x (or EXC-30x) code; the exchange's own refusals keep their codes. Never a stack
 * trace. Codes: 000.77.71.H27.
 */
class SoapSecurityTest extends SoapTestSupport {

    private static final String OTHER_AGENCY = "000.77.71.H27";
    private static final String COUNT_EDOC = "<lgsp:countReceived><lgsp:messageType>edoc</lgsp:messageType></lgsp:countReceived>";
    private static final String COUNT = "urn:lgsp:countReceived";

    @Value("${lgsp.limits.vdxp-request-body:50MB}")
    DataSize packageLimit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NonceStore nonces;

    @Test
    void aCorrectlySignedRawRequestIsServedWithTheAnswerInline() {
        HttpResponse<String> response = post(new SignedEnvelope(sender()).sign(COUNT_EDOC), COUNT);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(response.body()).contains("countReceivedResponse").containsPattern("<(\\w+:)?count>\\d+<");
    }

    @Test
    void anUnsignedRequestIsRefused() {
        DocumentExchangePort unsigned = unsignedClient(DocumentExchangePort.PORT_SOAP11, endpoint());
        assertFault("SOAP-101", () -> unsigned.countReceived(new CountReceived(MessageType.EDOC)));
        assertRawFault(post("<soap:Envelope xmlns:soap=\"" + SoapSigning.SOAP11_NS + "\" xmlns:lgsp=\""
                + DocumentExchangePort.NS + "\"><soap:Body>" + COUNT_EDOC + "</soap:Body></soap:Envelope>", COUNT), "SOAP-101");
    }

    @Test
    void aSignatureThatLeavesTheBodyOutIsRefused() {
        assertRawFault(post(new SignedEnvelope(sender()).timestampOnly().sign(COUNT_EDOC), COUNT), "SOAP-101");
    }

    @Test
    void aSignatureByAnUnregisteredCertificateIsRefused() {
        DocumentExchangePort stranger = client(TestIdentity.generate("stranger.soap"));
        assertFault("SOAP-103", () -> stranger.countReceived(new CountReceived(MessageType.EDOC)));
    }

    @Test
    void anExpiredRegisteredCertificateIsRefused() {
        sender();
        TestIdentity expired = TestIdentity.generate("test.soap.expired", Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        registry.addCertificate(SENDER_SYSTEM, expired.pem(), "soap-test");
        assertFault("SOAP-103", () -> client(expired).countReceived(new CountReceived(MessageType.EDOC)));
    }

    @Test
    void aSystemNotRegisteredForSoapOrDisabledIsRefused() {
        ensureAgency(OTHER_AGENCY, "SOAP test agency 2");
        TestIdentity vdxpOnly = TestIdentity.generate("test.soap.vdxp-only");
        registry.createSystem(new SystemInput("test.soap.vdxp-only", "VDXP only", OTHER_AGENCY, Set.of(OTHER_AGENCY),
                Set.of(Protocol.VDXP_REST), DeliveryMode.PULL, null, SignaturePolicy.OFF, true,
                "vdxp-only-test-secret-0123456789"), "soap-test");
        registry.addCertificate("test.soap.vdxp-only", vdxpOnly.pem(), "soap-test");
        assertFault("EXC-303", () -> client(vdxpOnly).countReceived(new CountReceived(MessageType.EDOC)));

        TestIdentity disabled = TestIdentity.generate("test.soap.disabled");
        registry.createSystem(new SystemInput("test.soap.disabled", "Disabled", OTHER_AGENCY, Set.of(OTHER_AGENCY),
                Set.of(Protocol.SOAP), DeliveryMode.PULL, null, SignaturePolicy.OFF, false, null), "soap-test");
        registry.addCertificate("test.soap.disabled", disabled.pem(), "soap-test");
        assertFault("EXC-302", () -> client(disabled).countReceived(new CountReceived(MessageType.EDOC)));
    }

    @Test
    void aTamperedBodyIsRefused() {
        String signed = new SignedEnvelope(sender()).sign(COUNT_EDOC);
        String tampered = EdxmlFixtures.replaceOnce(signed, ">edoc<", ">status<");
        assertRawFault(post(tampered, COUNT), "SOAP-102");
    }

    @Test
    void aTamperedMtomAttachmentIsRefused() {
        String edxmlId = EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-SOAP-TAMPER");
        Captured captured = captureSend(EdxmlFixtures.document(SENDER_AGENCY, edxmlId, WARD));
        assertThat(captured.contentType()).contains("multipart/related").contains("application/xop+xml");
        String body = new String(captured.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains(edxmlId);
        // Same length, another recipient: only the attachment's bytes change, not the envelope.
        String tampered = EdxmlFixtures.replaceOnce(body, "<edXML:OrganId>" + WARD + "</edXML:OrganId>",
                "<edXML:OrganId>000.00.02.H27</edXML:OrganId>");
        assertRawFault(post(captured.contentType(), tampered.getBytes(StandardCharsets.ISO_8859_1),
                "urn:lgsp:sendDocument"), "SOAP-102");
    }

    @Test
    void aReplayedMtomRequestIsAcceptedOnceOnly() {
        Captured captured = captureSend(EdxmlFixtures.document(SENDER_AGENCY,
                EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-SOAP-REPLAY"), WARD));
        HttpResponse<String> accepted = post(captured.contentType(), captured.body(), "urn:lgsp:sendDocument");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("sendDocumentResponse");
        assertRawFault(post(captured.contentType(), captured.body(), "urn:lgsp:sendDocument"), "SOAP-105");
    }

    private Captured captureSend(byte[] pkg) {
        return capture(sender(), port -> {
            try {
                port.sendDocument(new SendDocument(MessageType.EDOC, attachment(pkg)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aStaleExpiredOrFutureTimestampIsRefused() {
        TestIdentity sender = sender();
        Instant now = Instant.now();
        // Created 10 minutes ago, still not expired: older than the 300 s TTL.
        assertRawFault(post(new SignedEnvelope(sender).created(now.minus(Duration.ofMinutes(10))).ttl(3600)
                .sign(COUNT_EDOC), COUNT), "SOAP-104");
        // Expired.
        assertRawFault(post(new SignedEnvelope(sender).created(now.minus(Duration.ofMinutes(2))).ttl(60)
                .sign(COUNT_EDOC), COUNT), "SOAP-104");
        // Created 10 minutes from now.
        assertRawFault(post(new SignedEnvelope(sender).created(now.plus(Duration.ofMinutes(10))).sign(COUNT_EDOC),
                COUNT), "SOAP-104");
    }

    @Test
    void aReplayedMessageIsRefused() {
        String signed = new SignedEnvelope(sender()).sign(COUNT_EDOC);
        long claims = replayClaims();
        assertThat(post(signed, COUNT).statusCode()).isEqualTo(200);
        assertThat(replayClaims()).as("claimed in the nonce store (this platform's mode: journaled)")
                .isEqualTo(claims + 1);
        assertRawFault(post(signed, COUNT), "SOAP-105");
    }

    private long replayClaims() {
        try (Stream<Path> segments = Files.list(nonces.journalDirectory())) {
            long claims = 0;
            for (Path segment : segments.toList()) {
                claims += Files.readAllLines(segment).stream()
                        .filter(line -> line.contains("\t" + SoapReplayCache.CLAIMANT + "\t")).count();
            }
            return claims;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWeakSignatureAlgorithmIsRefused() {
        assertRawFault(post(new SignedEnvelope(sender()).algorithms("http://www.w3.org/2000/09/xmldsig#rsa-sha1",
                "http://www.w3.org/2000/09/xmldsig#sha1").sign(COUNT_EDOC), COUNT), "SOAP-106");
    }

    @Test
    void aDoctypeInTheEnvelopeIsRefusedWithoutExpandingIt() {
        String envelope = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY lol \"lol\">]><soap:Envelope xmlns:soap=\""
                + SoapSigning.SOAP11_NS + "\"><soap:Body><x>&lol;</x></soap:Body></soap:Envelope>";
        String body = assertRawFault(post(envelope, COUNT), "SOAP-107");
        assertThat(body).doesNotContain("lollol").contains("DOCTYPE declarations are not allowed")
                .doesNotContain("Received event");
    }

    @Test
    void aSignedRequestForAnUnknownOperationIsRefused() {
        assertRawFault(post(new SignedEnvelope(sender()).sign("<lgsp:deleteEverything/>"), "urn:lgsp:deleteEverything"),
                "SOAP-107");
    }

    @Test
    void soap12FaultsSayWhoseFaultItIsWithTheSameCodes() throws Exception {
        String envelope = "<env:Envelope xmlns:env=\"" + SoapSigning.SOAP12_NS + "\" xmlns:lgsp=\"" + DocumentExchangePort.NS
                + "\"><env:Body>" + COUNT_EDOC + "</env:Body></env:Envelope>";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint12()))
                .header("Content-Type", "application/soap+xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/soap+xml");
        assertThat(response.body()).contains("Sender").contains("code=\"SOAP-101\"").doesNotContain("Exception");
    }

    @Test
    void malformedXmlIsRefused() {
        assertRawFault(post("<soap:Envelope xmlns:soap=\"" + SoapSigning.SOAP11_NS + "\"><soap:Body><oops>",
                COUNT), "SOAP-107");
    }

    @Test
    void theExchangeRefusesWithItsOwnCodes() throws Exception {
        DocumentExchangePort sender = client(sender());
        // Not edXML at all, then a DOCTYPE in the package.
        assertFault("PKG-201", () -> sender.sendDocument(new SendDocument(MessageType.EDOC,
                attachment("<edXML:edXML".getBytes(StandardCharsets.UTF_8)))));
        String withDoctype = "<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x \"y\">]>"
                + EdxmlFixtures.documentText(SENDER_AGENCY, EdxmlFixtures.newDocumentId(SENDER_AGENCY, "T"), WARD)
                .replaceFirst("<\\?xml[^>]*\\?>", "");
        assertFault("PKG-202", () -> sender.sendDocument(new SendDocument(MessageType.EDOC,
                attachment(withDoctype.getBytes(StandardCharsets.UTF_8)))));
        // From an agency it does not act for.
        assertFault("EXC-304", () -> sender.sendDocument(new SendDocument(MessageType.EDOC, attachment(
                EdxmlFixtures.document(WARD, EdxmlFixtures.newDocumentId(WARD, "T"), SENDER_AGENCY)))));
        // To a code no registry knows.
        assertFault("EXC-305", () -> sender.sendDocument(new SendDocument(MessageType.EDOC, attachment(
                EdxmlFixtures.document(SENDER_AGENCY, EdxmlFixtures.newDocumentId(SENDER_AGENCY, "T"), "999.99.99.H99")))));
        assertFault("EXC-308", () -> sender.getDocument(new GetDocument("no-such-document")));
        // Somebody else's document.
        DocumentExchangePort ward = client(ward());
        String wardsOwn = ward.sendDocument(new SendDocument(MessageType.EDOC, attachment(EdxmlFixtures.document(
                WARD, EdxmlFixtures.newDocumentId(WARD, "T"), "000.00.02.H27")))).getDocId();
        assertFault("EXC-309", () -> sender.getDocument(new GetDocument(wardsOwn)));
        assertFault("EXC-309", () -> sender.acknowledge(new Acknowledge(wardsOwn, "done")));
    }

    @Test
    void aRequestOverThePackageLimitIsRefusedBeforeItIsRead() throws Exception {
        long declared = packageLimit.toBytes() + SoapBodyLimit.ENVELOPE_ALLOWANCE + 1;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /services/DocumentExchange HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\n"
                    + "SOAPAction: \"urn:lgsp:sendDocument\"\r\nContent-Length: " + declared + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The server answers at once and would wait for the body it was promised: read until the envelope ends.
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while (!response.toString(StandardCharsets.UTF_8).contains("</soap:Envelope>") && (n = in.read(buffer)) > 0) {
                response.write(buffer, 0, n);
            }
            String text = response.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 500").contains("text/xml").contains("<faultcode>soap:Client</faultcode>")
                    .contains("code=\"PKG-203\"");
        }
    }
}
