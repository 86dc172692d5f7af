package vn.gov.haiphong.lgsp.exchange.soap;

import java.math.BigInteger;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.processor.SignatureProcessor;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;

/**
 * WSS4J's signature processing, after a check WSS4J does not make: a {@code ds:X509IssuerSerial}
 * key reference must hold an X.500 issuer name and a decimal serial number. WSS4J reads it
 * unchecked and fails with a NullPointerException (zeep's {@code Signature} with xmlsec 1.3 sends
 * it empty) or a parse error; it is the client's mistake, refused as a signature that cannot be
 * verified.
 */
final class IssuerSerialCheck extends SignatureProcessor {

    @Override
    public List<WSSecurityEngineResult> handleToken(Element signature, RequestData data) throws WSSecurityException {
        NodeList references = signature.getElementsByTagNameNS(WSConstants.SIG_NS, WSConstants.X509_ISSUER_SERIAL_LN);
        for (int i = 0; i < references.getLength(); i++) {
            Element reference = (Element) references.item(i);
            if (!readable(text(reference, "X509IssuerName"), text(reference, "X509SerialNumber"))) {
                throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_CHECK, new LgspException(
                        ErrorCode.SOAP_BAD_SIGNATURE, "the signature's ds:X509IssuerSerial needs an X509IssuerName (an "
                        + "X.500 name) and an X509SerialNumber (decimal): fill both, or send the certificate as a "
                        + "BinarySecurityToken"));
            }
        }
        return super.handleToken(signature, data);
    }

    private static boolean readable(String issuer, String serial) {
        if (issuer == null || issuer.isBlank() || serial == null || !serial.strip().matches("-?\\d{1,200}")) {
            return false;
        }
        try {
            new X500Principal(issuer.strip());
            new BigInteger(serial.strip());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(Element issuerSerial, String child) {
        NodeList found = issuerSerial.getElementsByTagNameNS(WSConstants.SIG_NS, child);
        return found.getLength() == 0 ? null : found.item(0).getTextContent();
    }
}
