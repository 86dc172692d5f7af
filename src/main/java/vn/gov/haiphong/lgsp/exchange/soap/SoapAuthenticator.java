package vn.gov.haiphong.lgsp.exchange.soap;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.w3c.dom.Element;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.security.Certificates;

/**
 * Runs after WSS4J verified the security header: checks that one signature covers exactly the
 * Body and the Timestamp this message is processed with (by element identity, so a wrapped copy
 * does not count), with accepted algorithms, and identifies the calling system by the signing
 * certificate. The system must be enabled and registered for SOAP.
 */
class SoapAuthenticator extends AbstractSoapInterceptor {

    static final Set<String> SIGNATURE_METHODS = Set.of(
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");
    static final Set<String> DIGEST_METHODS = Set.of(
            "http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2001/04/xmldsig-more#sha384",
            "http://www.w3.org/2001/04/xmlenc#sha512");

    private final RegisteredCertificates certificates;

    SoapAuthenticator(RegisteredCertificates certificates) {
        super(Phase.PRE_PROTOCOL);
        addAfter(WSS4JInInterceptor.class.getName());
        this.certificates = certificates;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        @SuppressWarnings("unchecked")
        List<WSHandlerResult> handlerResults = (List<WSHandlerResult>) message.get(WSHandlerConstants.RECV_RESULTS);
        List<WSSecurityEngineResult> results = new ArrayList<>();
        if (handlerResults != null) {
            handlerResults.forEach(r -> results.addAll(r.getResults()));
        }
        List<WSSecurityEngineResult> timestamps = withAction(results, WSConstants.TS);
        List<WSSecurityEngineResult> signatures = withAction(results, WSConstants.SIGN);
        if (timestamps.size() != 1 || signatures.size() != 1) {
            throw new LgspException(ErrorCode.SOAP_UNSIGNED, "the security header must hold one Timestamp and one "
                    + "signature (found " + timestamps.size() + " and " + signatures.size() + ")");
        }
        WSSecurityEngineResult signature = signatures.get(0);
        String method = (String) signature.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD);
        if (!SIGNATURE_METHODS.contains(method)) {
            throw new LgspException(ErrorCode.SOAP_WEAK_ALGORITHM, "signature method " + method + " is not accepted");
        }
        @SuppressWarnings("unchecked")
        List<WSDataRef> references = (List<WSDataRef>) signature.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
        if (references == null) {
            references = List.of();
        }
        for (WSDataRef reference : references) {
            if (!DIGEST_METHODS.contains(reference.getDigestAlgorithm())) {
                throw new LgspException(ErrorCode.SOAP_WEAK_ALGORITHM,
                        "digest method " + reference.getDigestAlgorithm() + " is not accepted");
            }
        }
        Element timestamp = (Element) timestamps.get(0).get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT);
        Element body = body(message);
        if (!signs(references, body) || !signs(references, timestamp)) {
            throw new LgspException(ErrorCode.SOAP_UNSIGNED, "the signature must cover the soap:Body and the Timestamp");
        }
        X509Certificate certificate = (X509Certificate) signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
        if (certificate == null) {
            throw new LgspException(ErrorCode.SOAP_UNKNOWN_CERTIFICATE, "the signature names no X.509 certificate");
        }
        String fingerprint = Certificates.fingerprint(certificate);
        ConnectedSystem system = certificates.systemOf(fingerprint).orElseThrow(() -> new LgspException(
                ErrorCode.SOAP_UNKNOWN_CERTIFICATE, "certificate " + fingerprint + " is not registered"));
        if (!system.enabled()) {
            throw new LgspException(ErrorCode.EXCHANGE_SYSTEM_DISABLED,
                    "Connected system '" + system.systemId() + "' is disabled");
        }
        if (!system.protocols().contains(Protocol.SOAP)) {
            throw new LgspException(ErrorCode.EXCHANGE_PROTOCOL_NOT_ALLOWED,
                    "Connected system '" + system.systemId() + "' is not registered for SOAP");
        }
        message.getExchange().put(SoapCaller.class, new SoapCaller(system, fingerprint));
    }

    private static List<WSSecurityEngineResult> withAction(List<WSSecurityEngineResult> results, int action) {
        return results.stream().filter(r -> Integer.valueOf(action).equals(r.get(WSSecurityEngineResult.TAG_ACTION)))
                .toList();
    }

    private static boolean signs(List<WSDataRef> references, Element element) {
        return element != null && references.stream().map(WSDataRef::getProtectedElement).anyMatch(protectedElement ->
                protectedElement == element || (protectedElement != null && (protectedElement.isSameNode(element)
                        || element.isSameNode(protectedElement))));
    }

    private static Element body(SoapMessage message) {
        SOAPMessage saaj = message.getContent(SOAPMessage.class);
        if (saaj == null) {
            return null;
        }
        try {
            return saaj.getSOAPBody();
        } catch (SOAPException e) {
            return null;
        }
    }
}
