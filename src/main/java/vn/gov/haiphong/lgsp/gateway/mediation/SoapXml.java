package vn.gov.haiphong.lgsp.gateway.mediation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/**
 * Hardened XML for the gateway: no DTD (so no entity expansion, internal or external), no
 * external resources, bounded depth. SOAP requests are only sniffed (envelope version and
 * operation, streaming, stopping at the first element of the Body); the provider parses the rest.
 */
public final class SoapXml {

    private static final int MAX_SNIFF_DEPTH = 64;
    private static final XMLInputFactory STAX = stax();

    private SoapXml() {
    }

    /** What the gateway needs to know of a SOAP request. */
    public record Envelope(boolean soap12, String operation) {
    }

    private static XMLInputFactory stax() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /** Checks the body is a SOAP envelope of the expected version and names the operation (Body's first element). */
    public static Envelope sniff(byte[] body, boolean expectSoap12) {
        XMLStreamReader reader = null;
        try {
            reader = STAX.createXMLStreamReader(new ByteArrayInputStream(body));
            String envNs = null;
            int depth = 0;
            boolean inBody = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw notSoap("DOCTYPE declarations and entity references are not accepted");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth > MAX_SNIFF_DEPTH) {
                        throw notSoap("the envelope nests too deeply before its Body");
                    }
                    if (depth == 1) {
                        envNs = reader.getNamespaceURI();
                        boolean is12 = SoapFaults.SOAP12_NS.equals(envNs);
                        if (!"Envelope".equals(reader.getLocalName()) || !(is12 || SoapFaults.SOAP11_NS.equals(envNs))) {
                            throw notSoap("the root element is not a SOAP 1.1 or 1.2 Envelope");
                        }
                        if (is12 != expectSoap12) {
                            throw notSoap("a SOAP " + (is12 ? "1.2" : "1.1") + " envelope was sent as "
                                    + (expectSoap12 ? "application/soap+xml (SOAP 1.2)" : "text/xml (SOAP 1.1)"));
                        }
                    } else if (depth == 2 && "Body".equals(reader.getLocalName()) && envNs.equals(reader.getNamespaceURI())) {
                        inBody = true;
                    } else if (depth == 3 && inBody) {
                        String ns = reader.getNamespaceURI();
                        return new Envelope(expectSoap12, (ns == null || ns.isEmpty() ? "" : "{" + ns + "}") + reader.getLocalName());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && inBody) {
                        return new Envelope(expectSoap12, "");
                    }
                    depth--;
                }
            }
            throw notSoap("the envelope has no Body");
        } catch (XMLStreamException e) {
            throw notSoap("the body is not well-formed XML");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static GatewayFailure notSoap(String why) {
        return new GatewayFailure(ErrorCode.GW_NOT_SOAP, "Not a SOAP request: " + why);
    }

    /** A namespace-aware DOM builder refusing DTDs and external resources. */
    public static DocumentBuilder documentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses bytes into a DOM with {@link #documentBuilder()}; null when they are not well-formed or hold a DTD. */
    public static Document parse(byte[] bytes) {
        try {
            return documentBuilder().parse(new ByteArrayInputStream(bytes));
        } catch (SAXException | java.io.IOException e) {
            return null;
        }
    }

    public static byte[] serialize(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
