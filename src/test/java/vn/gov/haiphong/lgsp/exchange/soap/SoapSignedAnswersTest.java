package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures;
import vn.gov.haiphong.lgsp.exchange.soap.api.CountReceived;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.exchange.soap.api.GetDocument;
import vn.gov.haiphong.lgsp.exchange.soap.api.MessageType;
import vn.gov.haiphong.lgsp.exchange.soap.api.SendDocument;
import vn.gov.haiphong.lgsp.security.PlatformKeystore;

/**
 * The WSDL's WS-SecurityPolicy and the platform's signed answers: a CXF client that is given only
 * keys (its own, and the platform's certificate to trust) configures its WS-Security from the
 * served WSDL, is served, and verifies the answer; a WSS4J client verifies that a real answer,
 * MTOM included, is signed by the platform's key over Body and Timestamp. Answers to requests
 * that did not authenticate are not signed.
 */
class SoapSignedAnswersTest extends SoapTestSupport {

    @Autowired
    PlatformKeystore platformKeystore;

    @Test
    void theServedWsdlPublishesTheSecurityPolicy() throws Exception {
        String wsdl = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(wsdl).contains("<sp:AsymmetricBinding>").contains("<sp:Basic256Sha256/>").contains("<sp:IncludeTimestamp/>")
                .contains("<wsp:PolicyReference URI=\"#DocumentExchangeSecurity\"/>")
                .contains("<wsp:PolicyReference URI=\"#SignedBody\"/>");
    }

    @Test
    void aClientConfiguredByThePolicyIsServedAndVerifiesTheAnswer() throws Exception {
        Bus bus = BusFactory.newInstance().createBus();
        try {
            DocumentExchangePort port = policyClient(bus, sender());
            assertThat(port.countReceived(new CountReceived(MessageType.EDOC)).getCount()).isNotNegative();
            // The exchange's refusals reach it with their codes.
            assertFault("EXC-308", () -> port.getDocument(new GetDocument("no-such-document")));
            // The same client trusting another platform certificate refuses the answer.
            DocumentExchangePort distrustful = policyClient(bus, sender(), TestIdentity.generate("not.the.platform")
                    .certificate());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> distrustful.countReceived(
                    new CountReceived(MessageType.EDOC))).isInstanceOf(jakarta.xml.ws.soap.SOAPFaultException.class);
        } finally {
            bus.shutdown(true);
        }
    }

    @Test
    void aWss4jClientVerifiesThePlatformsSignatureOnRealAnswers() throws Exception {
        List<WSSecurityEngineResult> verified = new CopyOnWriteArrayList<>();
        DocumentExchangePort sender = verifyingClient(sender(), verified);

        assertThat(sender.countReceived(new CountReceived(MessageType.EDOC)).getCount()).isNotNegative();
        assertSignedByThePlatform(verified);

        // An MTOM answer: the attachment's bytes are covered too.
        byte[] pkg = EdxmlFixtures.document(SENDER_AGENCY, EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-SOAP-SIGNED"), WARD);
        String docId = client(sender()).sendDocument(new SendDocument(MessageType.EDOC, attachment(pkg))).getDocId();
        verified.clear();
        assertThat(bytes(sender.getDocument(new GetDocument(docId)).getContent())).isEqualTo(pkg);
        assertSignedByThePlatform(verified);
    }

    @Test
    void answersAreSignedOnlyForRequestsThatAuthenticated() {
        String signed = post(new SignedEnvelope(sender()).sign(
                "<lgsp:countReceived><lgsp:messageType>edoc</lgsp:messageType></lgsp:countReceived>"),
                "urn:lgsp:countReceived").body();
        assertThat(signed).contains("countReceivedResponse").contains("BinarySecurityToken").contains("SignatureValue")
                .doesNotContain("mustUnderstand=\"1\"");
        String refused = assertRawFault(post("<soap:Envelope xmlns:soap=\"" + SoapSigning.SOAP11_NS + "\" xmlns:lgsp=\""
                + DocumentExchangePort.NS + "\"><soap:Body><lgsp:countReceived><lgsp:messageType>edoc</lgsp:messageType>"
                + "</lgsp:countReceived></soap:Body></soap:Envelope>", "urn:lgsp:countReceived"), "SOAP-101");
        assertThat(refused).doesNotContain("SignatureValue");
    }

    private void assertSignedByThePlatform(List<WSSecurityEngineResult> verified) {
        X509Certificate platform = platformKeystore.key().orElseThrow().certificate();
        List<WSSecurityEngineResult> signatures = verified.stream()
                .filter(r -> Integer.valueOf(WSConstants.SIGN).equals(r.get(WSSecurityEngineResult.TAG_ACTION))).toList();
        assertThat(signatures).hasSize(1);
        assertThat(signatures.get(0).get(WSSecurityEngineResult.TAG_X509_CERTIFICATE)).isEqualTo(platform);
        assertThat(signatures.get(0).get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD)).isEqualTo(SoapSigning.RSA_SHA256);
        @SuppressWarnings("unchecked")
        List<WSDataRef> references = (List<WSDataRef>) signatures.get(0).get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
        assertThat(references).extracting(r -> r.getName().getLocalPart()).contains("Body", "Timestamp");
    }

    /**
     * The test client of {@link SoapTestSupport} (signing with WSS4J), which also verifies answers
     * as WSS4J does: Timestamp and signature required, trusting the platform's certificate only.
     */
    private DocumentExchangePort verifyingClient(TestIdentity identity, List<WSSecurityEngineResult> verified)
            throws Exception {
        DocumentExchangePort port = client(identity);
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION, "Timestamp Signature");
        properties.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, "platformTrust");
        properties.put("platformTrust", trusting(platformKeystore.key().orElseThrow().certificate()));
        properties.put(ConfigurationConstants.EXPAND_XOP_INCLUDE, "true");
        Client client = ClientProxy.getClient(port);
        client.getInInterceptors().add(new WSS4JInInterceptor(properties));
        client.getInInterceptors().add(new AbstractSoapInterceptor(Phase.PRE_PROTOCOL) {
            {
                addAfter(WSS4JInInterceptor.class.getName());
            }

            @Override
            public void handleMessage(SoapMessage message) {
                @SuppressWarnings("unchecked")
                List<WSHandlerResult> results = (List<WSHandlerResult>) message.get(WSHandlerConstants.RECV_RESULTS);
                List<WSSecurityEngineResult> all = new ArrayList<>();
                if (results != null) {
                    results.forEach(r -> all.addAll(r.getResults()));
                }
                verified.addAll(all);
            }
        });
        return port;
    }

    private DocumentExchangePort policyClient(Bus bus, TestIdentity identity) throws Exception {
        return policyClient(bus, identity, platformKeystore.key().orElseThrow().certificate());
    }

    /**
     * A CXF client on a bus of its own (CXF's policy engine on, as by default) built from the
     * served WSDL, given keys and nothing else: what to sign, how, and what to check in the answer
     * come from the WSDL's policy.
     */
    private DocumentExchangePort policyClient(Bus bus, TestIdentity identity, X509Certificate platform) throws Exception {
        Merlin own = new Merlin();
        own.setKeyStore(identity.keyStore());
        CallbackHandler passwords = callbacks -> {
            for (Callback callback : callbacks) {
                ((WSPasswordCallback) callback).setPassword(new String(identity.password()));
            }
        };
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(DocumentExchangePort.class);
        factory.setWsdlURL(endpoint() + "?wsdl");
        factory.setServiceName(SERVICE);
        factory.setEndpointName(new QName(DocumentExchangePort.NS, DocumentExchangePort.PORT_SOAP11));
        factory.setAddress(endpoint());
        Map<String, Object> properties = new HashMap<>();
        properties.put(SecurityConstants.SIGNATURE_USERNAME, identity.alias());
        properties.put(SecurityConstants.SIGNATURE_CRYPTO, own);
        properties.put(SecurityConstants.CALLBACK_HANDLER, passwords);
        // Answers are verified with the recipient's (the platform's) certificate.
        properties.put(SecurityConstants.ENCRYPT_CRYPTO, trusting(platform));
        // WS-SecurityPolicy 1.2 gives Basic256Sha256 RSA-SHA1 signatures; WCF and the platform use RSA-SHA256.
        properties.put(SecurityConstants.ASYMMETRIC_SIGNATURE_ALGORITHM, SoapSigning.RSA_SHA256);
        factory.setProperties(properties);
        return factory.create(DocumentExchangePort.class);
    }

    private static Merlin trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", certificate);
        Merlin crypto = new Merlin();
        crypto.setTrustStore(trust);
        return crypto;
    }
}
