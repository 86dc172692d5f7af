package vn.gov.haiphong.lgsp.security.xmldsig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The package as XML-DSig needs it: a namespace-aware DOM that keeps every text node as written
 * (whitespace, attachment content, non-NFC text), which the exchange's own parser deliberately does
 * not (it normalises text and leaves attachments out), so its DOM cannot be canonicalised.
 *
 * <p>Hardened: DOCTYPE refused outright (no DTD, no entities, nothing external is ever fetched),
 * XInclude off, JAXP secure processing on with the JDK's entity and size limits, element depth
 * bounded. The exchange has already checked the same bytes (size, depth, node count, UTF-8) before
 * they get here; these limits stand on their own anyway.
 */
final class SignatureDom {

    static final int MAX_DEPTH = 64;

    private static final DocumentBuilderFactory FACTORY = factory();
    /** DocumentBuilders are not thread-safe and costly to create: one per thread (parse starts afresh). */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SignatureDom::newBuilder);

    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings (none expected without validation) do not make the document unusable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private SignatureDom() {
    }

    /** Thrown when the bytes are not namespace-well-formed XML. The message names the line. */
    static final class NotParseable extends Exception {
        NotParseable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Document parse(byte[] bytes) throws NotParseable {
        int offset = startOfXml(bytes);
        DocumentBuilder builder = BUILDERS.get();
        try {
            return builder.parse(new ByteArrayInputStream(bytes, offset, bytes.length - offset));
        } catch (SAXParseException e) {
            throw new NotParseable("line " + e.getLineNumber() + ": " + oneLine(e.getMessage()), e);
        } catch (SAXException | IOException e) {
            throw new NotParseable(oneLine(e.getMessage()), e);
        }
    }

    /**
     * Past a UTF-8 byte-order mark and whitespace, which the exchange tolerates before the XML
     * declaration (a parser would not). Nothing is removed from the stored bytes.
     */
    static int startOfXml(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                ? 3 : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "not parseable";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private static DocumentBuilderFactory factory() {
        // The JDK's own parser, never one picked up from the classpath by service lookup.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setIgnoringComments(false);
        factory.setCoalescing(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            // The whole tree is walked (canonicalisation): building it at once is cheaper than on demand.
            factory.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser cannot be hardened", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
        return factory;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(FAIL_ON_ERROR);
            // Never reached with DOCTYPE refused; a resolver that fetches nothing, should that change.
            // (No reset() between parses: it would drop these two handlers.)
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No hardened XML parser", e);
        }
    }
}
