package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import vn.gov.haiphong.lgsp.exchange.soap.ForeignEnvelope.KeyReference;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;

/**
 * SOAP clients the platform's code did not build, as integrators run them: a JAX-WS Dispatch
 * signing with WSS4J set up as WCF and many WSS4J configurations are (the certificate named by
 * X509IssuerSerial, ThumbprintSHA1 or SubjectKeyIdentifier rather than sent), and requests in the
 * shapes zeep and node-soap send ({@link ForeignEnvelope}). Each is served when signed by the
 * test system's registered key; its twin signed by an unregistered key is refused as an unknown
 * certificate (SOAP-103).
 */
class ForeignSoapClientsTest extends SoapTestSupport {

    private static final String COUNT_EDOC = "<lgsp:countReceived><lgsp:messageType>edoc</lgsp:messageType></lgsp:countReceived>";
    private static final String COUNT = "urn:lgsp:countReceived";

    @Test
    void wcfsIssuerSerialReferenceIsResolvedAgainstTheRegisteredCertificates() throws Exception {
        assertThat(count(dispatch(sender(), "IssuerSerial"))).contains("countReceivedResponse");
        assertThat(faultCode(dispatch(TestIdentity.generate("stranger.issuer-serial"), "IssuerSerial")))
                .isEqualTo("SOAP-103");
    }

    @Test
    void aReferenceToARegisteredCertificateSignedWithAnotherKeyIsRefused() throws Exception {
        // Names the test system's registered certificate (issuer and serial) but signs with a stranger's key.
        TestIdentity stranger = TestIdentity.generate("stranger.impostor");
        KeyStore impostor = KeyStore.getInstance("PKCS12");
        impostor.load(null, null);
        impostor.setKeyEntry(stranger.alias(), stranger.keyStore().getKey(stranger.alias(), stranger.password()),
                stranger.password(), new Certificate[] {sender().certificate()});
        TestIdentity claimsToBeTheSender = new TestIdentity(impostor, stranger.alias(), stranger.password(),
                sender().certificate());
        assertThat(faultCode(dispatch(claimsToBeTheSender, "IssuerSerial"))).isEqualTo("SOAP-102");
        assertThat(faultCode(dispatch(claimsToBeTheSender, "Thumbprint"))).isEqualTo("SOAP-102");
    }

    @Test
    void aThumbprintReferenceIsResolvedAgainstTheRegisteredCertificates() throws Exception {
        assertThat(count(dispatch(sender(), "Thumbprint"))).contains("countReceivedResponse");
        assertThat(faultCode(dispatch(TestIdentity.generate("stranger.thumbprint"), "Thumbprint"))).isEqualTo("SOAP-103");
    }

    @Test
    void aSubjectKeyIdentifierReferenceIsResolvedAgainstTheRegisteredCertificates() throws Exception {
        assertThat(count(dispatch(sender(), "SKIKeyIdentifier"))).contains("countReceivedResponse");
        assertThat(faultCode(dispatch(TestIdentity.generate("stranger.ski"), "SKIKeyIdentifier"))).isEqualTo("SOAP-103");
    }

    @Test
    void zeepsBinarySignatureIsServed() {
        assertServed(post(ForeignEnvelope.zeep(sender(), COUNT_EDOC, KeyReference.BINARY_SECURITY_TOKEN), COUNT));
        assertRawFault(post(ForeignEnvelope.zeep(TestIdentity.generate("stranger.zeep-bst"), COUNT_EDOC,
                KeyReference.BINARY_SECURITY_TOKEN), COUNT), "SOAP-103");
    }

    @Test
    void zeepsSignatureWithX509IssuerSerialIsServed() {
        assertServed(post(ForeignEnvelope.zeep(sender(), COUNT_EDOC, KeyReference.ISSUER_SERIAL_AND_CERTIFICATE), COUNT));
        assertRawFault(post(ForeignEnvelope.zeep(TestIdentity.generate("stranger.zeep-is"), COUNT_EDOC,
                KeyReference.ISSUER_SERIAL_AND_CERTIFICATE), COUNT), "SOAP-103");
    }

    @Test
    void zeepsEmptyX509IssuerSerialIsRefusedAsTheClientsMistake() {
        String fault = assertRawFault(post(ForeignEnvelope.zeep(sender(), COUNT_EDOC,
                KeyReference.EMPTY_ISSUER_SERIAL_AND_CERTIFICATE), COUNT), "SOAP-102");
        assertThat(fault).contains("X509IssuerSerial").contains("BinarySecurityToken");
        // A serial number that is not one (the KeyInfo is outside the signature: the rest still verifies).
        String serial = "<X509SerialNumber>" + sender().certificate().getSerialNumber() + "</X509SerialNumber>";
        String filled = ForeignEnvelope.zeep(sender(), COUNT_EDOC, KeyReference.ISSUER_SERIAL_AND_CERTIFICATE);
        assertThat(filled).contains(serial);
        assertRawFault(post(filled.replace(serial, "<X509SerialNumber>twelve</X509SerialNumber>"), COUNT), "SOAP-102");
    }

    @Test
    void nodeSoapsWsSecurityCertIsServed() {
        assertServed(post(ForeignEnvelope.nodeSoap(sender(), COUNT_EDOC, false, SoapSigning.SHA256), COUNT));
        assertServed(post(ForeignEnvelope.nodeSoap(sender(), COUNT_EDOC, true, SoapSigning.SHA256), COUNT));
        assertRawFault(post(ForeignEnvelope.nodeSoap(TestIdentity.generate("stranger.node-soap"), COUNT_EDOC, true,
                SoapSigning.SHA256), COUNT), "SOAP-103");
        // Older node-soap releases digest with SHA-1: still refused, with the code that says so.
        assertRawFault(post(ForeignEnvelope.nodeSoap(sender(), COUNT_EDOC, false, ForeignEnvelope.SHA1), COUNT),
                "SOAP-106");
    }

    private static void assertServed(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("countReceivedResponse");
    }

    /**
     * A Dispatch client without the platform's WSDL or classes, signing with WSS4J: Timestamp, then
     * RSA-SHA256 / SHA-256 over Body and Timestamp, the certificate named as {@code keyIdentifier}
     * says (WSS4J's {@code signatureKeyIdentifier}).
     */
    private Dispatch<Source> dispatch(TestIdentity identity, String keyIdentifier) {
        QName port = new QName(DocumentExchangePort.NS, DocumentExchangePort.PORT_SOAP11);
        Service service = Service.create(SERVICE);
        service.addPort(port, SOAPBinding.SOAP11HTTP_BINDING, endpoint());
        Dispatch<Source> dispatch = service.createDispatch(port, Source.class, Service.Mode.PAYLOAD);
        dispatch.getRequestContext().put(BindingProvider.SOAPACTION_USE_PROPERTY, true);
        dispatch.getRequestContext().put(BindingProvider.SOAPACTION_URI_PROPERTY, COUNT);
        Merlin crypto = new Merlin();
        crypto.setKeyStore(identity.keyStore());
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.ACTION, "Timestamp Signature");
        properties.put(ConfigurationConstants.USER, identity.alias());
        properties.put(ConfigurationConstants.SIG_KEY_ID, keyIdentifier);
        properties.put(ConfigurationConstants.SIG_ALGO, SoapSigning.RSA_SHA256);
        properties.put(ConfigurationConstants.SIG_DIGEST_ALGO, SoapSigning.SHA256);
        properties.put(ConfigurationConstants.SIGNATURE_PARTS, "{Element}{" + SoapSigning.SOAP11_NS
                + "}Body;{Element}{" + ForeignEnvelope.WSU + "}Timestamp");
        properties.put(ConfigurationConstants.SIG_PROP_REF_ID, "clientCrypto");
        properties.put("clientCrypto", crypto);
        properties.put(ConfigurationConstants.PW_CALLBACK_REF, (javax.security.auth.callback.CallbackHandler) callbacks -> {
            for (Callback callback : callbacks) {
                ((WSPasswordCallback) callback).setPassword(new String(identity.password()));
            }
        });
        ((DispatchImpl<?>) dispatch).getClient().getOutInterceptors().add(new WSS4JOutInterceptor(properties));
        return dispatch;
    }

    private static String count(Dispatch<Source> dispatch) throws Exception {
        Source answer = dispatch.invoke(new StreamSource(new StringReader(COUNT_EDOC.replace("<lgsp:countReceived>",
                "<lgsp:countReceived xmlns:lgsp=\"" + DocumentExchangePort.NS + "\">"))));
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(answer, new StreamResult(out));
        return out.toString();
    }

    /** The catalogue code of the fault the call answers (it must fail). */
    private static String faultCode(Dispatch<Source> dispatch) {
        SOAPFaultException fault = catchThrowableOfType(SOAPFaultException.class, () -> count(dispatch));
        assertThat(fault).as("a SOAP fault").isNotNull();
        assertThat(fault.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
        Element error = (Element) fault.getFault().getDetail().getElementsByTagNameNS(DocumentExchangePort.NS, "error").item(0);
        assertThat(error).as(fault.getMessage()).isNotNull();
        return error.getAttribute("code");
    }
}
