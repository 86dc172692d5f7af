package vn.gov.haiphong.lgsp.exchange.soap;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;

/**
 * SOAP 1.1 requests in the shapes other SOAP stacks put on the wire, signed with the JDK's own XML
 * signature API (JSR 105), not with WSS4J: where each stack puts its Timestamp, token and
 * signature, how it marks the signed elements' ids, and how its key reference names the
 * certificate.
 *
 * <ul>
 *   <li>zeep ({@code zeep.wsse.signature}, xmlsec): the Signature first in the Security header,
 *   unprefixed, then (BinarySignature) the BinarySecurityToken, then the Timestamp; Body and
 *   Timestamp marked {@code wsu:Id="id-…"}; exclusive C14N; the key reference a
 *   SecurityTokenReference holding either a Reference to the token ({@code BinarySignature}) or
 *   the X509Data xmlsec filled: X509IssuerSerial and X509Certificate ({@code Signature}), whose
 *   X509IssuerSerial xmlsec 1.3 leaves empty.</li>
 *   <li>node-soap ({@code WSSecurityCert}, xml-crypto): {@code soap:mustUnderstand="1"}, the
 *   BinarySecurityToken ({@code wsu:Id="x509-…"}), an unprefixed Timestamp in the wsu namespace,
 *   then the Signature last; each reference with the enveloped-signature and exclusive C14N
 *   transforms; ids as xml-crypto sets them: an unqualified {@code Id="_0"} on the Body, or
 *   {@code wsu:Id} with its {@code idMode: 'wssecurity'}. Its default algorithms are RSA-SHA256 and
 *   SHA-256; older releases digest with SHA-1.</li>
 * </ul>
 */
final class ForeignEnvelope {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    static final String BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";

    /** How the signature's KeyInfo names the certificate. */
    enum KeyReference { BINARY_SECURITY_TOKEN, ISSUER_SERIAL_AND_CERTIFICATE, EMPTY_ISSUER_SERIAL_AND_CERTIFICATE }

    private ForeignEnvelope() {
    }

    /** What zeep's {@code BinarySignature} or {@code Signature} sends (RSA-SHA256, SHA-256 configured). */
    static String zeep(TestIdentity identity, String bodyContent, KeyReference keyReference) {
        try {
            Document document = envelope(bodyContent, "soap-env");
            Element security = security(document, "soap-env", false);
            Element timestamp = timestamp(document, "wsu:Timestamp", "wsu:");
            timestamp.setAttributeNS(WSU, "wsu:Id", "id-" + UUID.randomUUID());
            timestamp.setIdAttributeNS(WSU, "Id", true);
            Element body = body(document);
            body.setAttributeNS(WSU, "wsu:Id", "id-" + UUID.randomUUID());
            body.setIdAttributeNS(WSU, "Id", true);
            Element token = null;
            if (keyReference == KeyReference.BINARY_SECURITY_TOKEN) {
                token = binarySecurityToken(document, identity, "id-" + UUID.randomUUID());
                security.appendChild(token);
            }
            security.appendChild(timestamp);
            Element str = document.createElementNS(WSSE, "wsse:SecurityTokenReference");
            if (token != null) {
                Element reference = document.createElementNS(WSSE, "wsse:Reference");
                reference.setAttribute("ValueType", X509V3);
                reference.setAttribute("URI", "#" + token.getAttributeNS(WSU, "Id"));
                str.appendChild(reference);
            } else {
                Element x509Data = document.createElementNS(DS, "X509Data");
                Element issuerSerial = document.createElementNS(DS, "X509IssuerSerial");
                if (keyReference == KeyReference.ISSUER_SERIAL_AND_CERTIFICATE) {
                    issuerSerial.appendChild(text(document, DS, "X509IssuerName",
                            identity.certificate().getIssuerX500Principal().getName()));
                    issuerSerial.appendChild(text(document, DS, "X509SerialNumber",
                            identity.certificate().getSerialNumber().toString()));
                }
                x509Data.appendChild(issuerSerial);
                x509Data.appendChild(text(document, DS, "X509Certificate", base64(identity)));
                str.appendChild(x509Data);
            }
            sign(identity, security, security.getFirstChild(), str, List.of(body, timestamp), false,
                    SoapSigning.SHA256);
            return text(document);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What node-soap's {@code WSSecurityCert} sends.
     *
     * @param wsuIds    xml-crypto's {@code idMode: 'wssecurity'} ({@code wsu:Id}) instead of its plain {@code Id}
     * @param digest    the references' digest method
     */
    static String nodeSoap(TestIdentity identity, String bodyContent, boolean wsuIds, String digest) {
        try {
            Document document = envelope(bodyContent, "soap");
            Element security = security(document, "soap", true);
            security.appendChild(binarySecurityToken(document, identity, "x509-" + UUID.randomUUID().toString()
                    .replace("-", "")));
            Element timestamp = timestamp(document, "Timestamp", "");
            security.appendChild(timestamp);
            Element body = body(document);
            if (wsuIds) {
                timestamp.setAttributeNS(WSU, "wsu:Id", "_1");
                timestamp.setIdAttributeNS(WSU, "Id", true);
                body.setAttributeNS(WSU, "wsu:Id", "_0");
                body.setIdAttributeNS(WSU, "Id", true);
            } else {
                timestamp.setAttributeNS(null, "Id", "_1");
                timestamp.setIdAttributeNS(null, "Id", true);
                body.setAttributeNS(null, "Id", "_0");
                body.setIdAttributeNS(null, "Id", true);
            }
            Element str = document.createElementNS(WSSE, "wsse:SecurityTokenReference");
            Element reference = document.createElementNS(WSSE, "wsse:Reference");
            reference.setAttribute("URI", "#" + ((Element) security.getFirstChild()).getAttributeNS(WSU, "Id"));
            reference.setAttribute("ValueType", X509V3);
            str.appendChild(reference);
            sign(identity, security, null, str, List.of(body, timestamp), true, digest);
            return text(document);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document envelope(String bodyContent, String soapPrefix) throws Exception {
        String envelope = "<" + soapPrefix + ":Envelope xmlns:" + soapPrefix + "=\"" + SoapSigning.SOAP11_NS
                + "\" xmlns:lgsp=\"" + DocumentExchangePort.NS + "\"><" + soapPrefix + ":Header/><" + soapPrefix
                + ":Body>" + bodyContent + "</" + soapPrefix + ":Body></" + soapPrefix + ":Envelope>";
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element security(Document document, String soapPrefix, boolean mustUnderstand) {
        Element security = document.createElementNS(WSSE, "wsse:Security");
        security.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU);
        if (mustUnderstand) {
            security.setAttributeNS(SoapSigning.SOAP11_NS, soapPrefix + ":mustUnderstand", "1");
        }
        ((Element) document.getDocumentElement().getFirstChild()).appendChild(security);
        return security;
    }

    /** The Body, declaring the wsu namespace where its id will use it. */
    private static Element body(Document document) {
        Element body = (Element) document.getDocumentElement().getElementsByTagNameNS(SoapSigning.SOAP11_NS, "Body").item(0);
        body.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU);
        return body;
    }

    private static Element timestamp(Document document, String name, String childPrefix) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Element timestamp = document.createElementNS(WSU, name);
        if (childPrefix.isEmpty()) {
            // Declared as node-soap writes it: the signature covers the declaration.
            timestamp.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", WSU);
        }
        timestamp.appendChild(text(document, WSU, childPrefix + "Created", now.toString()));
        timestamp.appendChild(text(document, WSU, childPrefix + "Expires", now.plusSeconds(600).toString()));
        return timestamp;
    }

    private static Element binarySecurityToken(Document document, TestIdentity identity, String id) {
        Element token = text(document, WSSE, "wsse:BinarySecurityToken", base64(identity));
        token.setAttribute("EncodingType", BASE64);
        token.setAttribute("ValueType", X509V3);
        token.setAttributeNS(WSU, "wsu:Id", id);
        token.setIdAttributeNS(WSU, "Id", true);
        return token;
    }

    private static void sign(TestIdentity identity, Element parent, org.w3c.dom.Node before, Element keyReference,
                             List<Element> signed, boolean envelopedTransform, String digest)
            throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        List<Reference> references = new ArrayList<>();
        for (Element element : signed) {
            String id = element.hasAttributeNS(WSU, "Id") ? element.getAttributeNS(WSU, "Id") : element.getAttribute("Id");
            List<Transform> transforms = new ArrayList<>();
            if (envelopedTransform) {
                transforms.add(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null));
            }
            transforms.add(factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
            references.add(factory.newReference("#" + id, factory.newDigestMethod(digest, null), transforms, null, null));
        }
        SignedInfo signedInfo = factory.newSignedInfo(
                factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                factory.newSignatureMethod(SoapSigning.RSA_SHA256, null), references);
        KeyInfoFactory keyInfos = factory.getKeyInfoFactory();
        PrivateKey key = (PrivateKey) identity.keyStore().getKey(identity.alias(), identity.password());
        DOMSignContext context = before == null ? new DOMSignContext(key, parent) : new DOMSignContext(key, parent, before);
        factory.newXMLSignature(signedInfo, keyInfos.newKeyInfo(List.of(new DOMStructure(keyReference))))
                .sign(context);
    }

    private static Element text(Document document, String namespace, String name, String value) {
        Element element = document.createElementNS(namespace, name);
        element.setTextContent(value);
        return element;
    }

    private static String base64(TestIdentity identity) {
        try {
            return Base64.getEncoder().encodeToString(identity.certificate().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Document document) throws Exception {
        StringWriter out = new StringWriter();
        javax.xml.transform.Transformer transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.transform(new DOMSource(document), new StreamResult(out));
        return out.toString();
    }
}
