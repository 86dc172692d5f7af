package vn.gov.haiphong.lgsp.exchange.soap;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.w3c.dom.Document;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;

/**
 * A SOAP 1.1 request signed with WSS4J's DOM API directly, so that a test controls what a normal
 * client never gets wrong: the Timestamp's time, the algorithms, what is signed. The result is
 * text, sent with a plain HTTP client (and altered first, for tamper tests).
 */
final class SignedEnvelope {

    static {
        WSSConfig.init();
    }

    private final TestIdentity identity;
    private Instant created = Instant.now();
    private int ttlSeconds = 300;
    private String signatureAlgorithm = SoapSigning.RSA_SHA256;
    private String digestAlgorithm = SoapSigning.SHA256;
    private boolean signBody = true;

    SignedEnvelope(TestIdentity identity) {
        this.identity = identity;
    }

    SignedEnvelope created(Instant at) {
        this.created = at;
        return this;
    }

    SignedEnvelope ttl(int seconds) {
        this.ttlSeconds = seconds;
        return this;
    }

    SignedEnvelope algorithms(String signature, String digest) {
        this.signatureAlgorithm = signature;
        this.digestAlgorithm = digest;
        return this;
    }

    SignedEnvelope timestampOnly() {
        this.signBody = false;
        return this;
    }

    /** The signed envelope around {@code bodyContent} (one element in the lgsp namespace, prefix lgsp). */
    String sign(String bodyContent) {
        try {
            String envelope = "<soap:Envelope xmlns:soap=\"" + SoapSigning.SOAP11_NS + "\" xmlns:lgsp=\""
                    + DocumentExchangePort.NS + "\"><soap:Header/><soap:Body>"
                    + bodyContent + "</soap:Body></soap:Envelope>";
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)));
            WSSecHeader header = new WSSecHeader(document);
            header.insertSecurityHeader();
            WSSecTimestamp timestamp = new WSSecTimestamp(header);
            timestamp.setTimeToLive(ttlSeconds);
            timestamp.setWsTimeSource(() -> created);
            timestamp.build();
            WSSecSignature signature = new WSSecSignature(header);
            signature.setUserInfo(identity.alias(), new String(identity.password()));
            signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
            signature.setSignatureAlgorithm(signatureAlgorithm);
            signature.setDigestAlgo(digestAlgorithm);
            if (signBody) {
                signature.getParts().add(new WSEncryptionPart("Body", SoapSigning.SOAP11_NS, "Element"));
            }
            signature.getParts().add(new WSEncryptionPart("Timestamp", WSConstants.WSU_NS, "Element"));
            Merlin crypto = new Merlin();
            crypto.setKeyStore(identity.keyStore());
            signature.build(crypto);
            StringWriter out = new StringWriter();
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
