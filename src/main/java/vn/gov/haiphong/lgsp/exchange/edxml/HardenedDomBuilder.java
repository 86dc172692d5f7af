package vn.gov.haiphong.lgsp.exchange.edxml;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import java.io.ByteArrayInputStream;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.DOMException;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Turns package bytes into a namespace-aware DOM through a locked-down StAX reader.
 *
 * <p>Why not a namespace-aware parser: real packages use prefixes outside their declarations (the
 * public sample {@code edoc-new-small.edxml} uses {@code edXML:AttachmentEncoded} after the
 * element declaring {@code edXML} closed, and an {@code xlink:href} never declared), which every
 * namespace-aware parser rejects outright. So the StAX reader runs without namespaces and this
 * class resolves them itself, leniently and with warnings.
 *
 * <p>Hardening: DTDs and entity references are refused as soon as they are met (before any
 * expansion), external resources are never fetched, depth and node count are bounded, and
 * attachment content ({@code ContentTransferEncoded}) is not copied into the DOM, so the tree
 * stays small whatever the attachment size.
 */
final class HardenedDomBuilder {

    static final String LINE_KEY = "edxml.line";

    private static final DOMImplementation DOM = domImplementation();

    private final int maxDepth;
    private final int maxNodes;
    private final int lineOffset;
    private final List<EdxmlWarning> warnings;

    /** Prefix bindings in scope, innermost first; "" is the default namespace. */
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    /** The latest binding of each prefix anywhere in the document, for out-of-scope use. */
    private final Map<String, String> lastBinding = new HashMap<>();
    private final Set<String> reportedPrefixes = new HashSet<>();
    private boolean reportedNotNfc;

    HardenedDomBuilder(int maxDepth, int maxNodes, int lineOffset, List<EdxmlWarning> warnings) {
        this.maxDepth = maxDepth;
        this.maxNodes = maxNodes;
        this.lineOffset = lineOffset;
        this.warnings = warnings;
    }

    Document build(byte[] bytes, int offset) {
        XMLStreamReader reader;
        try {
            reader = newInputFactory().createXMLStreamReader(
                    new ByteArrayInputStream(bytes, offset, bytes.length - offset), "UTF-8");
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        try {
            checkDeclaredEncoding(reader);
            return read(reader);
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing to release beyond the in-memory stream
            }
        }
    }

    private Document read(XMLStreamReader reader) throws XMLStreamException {
        Document document = DOM.createDocument(null, null, null);
        Node current = document;
        StringBuilder text = new StringBuilder();
        int depth = 0;
        int nodes = 0;
        int skipTextDepth = -1;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    flushText(text, current, skipTextDepth >= 0);
                    depth++;
                    if (depth > maxDepth) {
                        throw new EdxmlException(ErrorCode.EDXML_TOO_DEEP, "element <" + reader.getLocalName()
                                + "> at line " + line(reader) + " nests deeper than " + maxDepth + " levels",
                                line(reader));
                    }
                    nodes += 1 + reader.getAttributeCount();
                    if (nodes > maxNodes) {
                        throw new EdxmlException(ErrorCode.EDXML_TOO_LARGE, "more than " + maxNodes
                                + " elements and attributes (limit reached at line " + line(reader) + ")",
                                line(reader));
                    }
                    Element element = startElement(reader, document);
                    current.appendChild(element);
                    current = element;
                    if (skipTextDepth < 0 && isAttachmentContent(element)) {
                        skipTextDepth = depth;
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    flushText(text, current, skipTextDepth >= 0);
                    if (depth == skipTextDepth) {
                        skipTextDepth = -1;
                    }
                    depth--;
                    scopes.pop();
                    current = current.getParentNode();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (skipTextDepth < 0 && current != document) {
                        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                    }
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION,
                        XMLStreamConstants.NOTATION_DECLARATION -> throw new EdxmlException(
                        ErrorCode.EDXML_DTD_FORBIDDEN,
                        "a DOCTYPE declaration at line " + line(reader) + " is not allowed in an edXML package",
                        line(reader));
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new EdxmlException(ErrorCode.EDXML_DTD_FORBIDDEN,
                        "entity reference &" + reader.getLocalName() + "; at line " + line(reader)
                                + " is not allowed (only the five predefined entities and character references are)",
                        line(reader));
                default -> {
                    // comments, processing instructions, ignorable whitespace, document start/end
                }
            }
        }
        if (document.getDocumentElement() == null) {
            throw new EdxmlException(ErrorCode.EDXML_MALFORMED, "the package has no root element");
        }
        return document;
    }

    private Element startElement(XMLStreamReader reader, Document document) {
        int line = line(reader);
        Map<String, String> declared = new HashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String name = attributeName(reader, i);
            if (name.equals("xmlns")) {
                declared.put("", reader.getAttributeValue(i));
            } else if (name.startsWith("xmlns:")) {
                declared.put(name.substring("xmlns:".length()), reader.getAttributeValue(i));
            }
        }
        scopes.push(declared);
        lastBinding.putAll(declared);

        String qualifiedName = reader.getLocalName();
        String prefix = prefixOf(qualifiedName, line);
        String namespace = resolve(prefix, line, "element <" + qualifiedName + ">");
        if (namespace == null && !prefix.isEmpty()) {
            throw new EdxmlException(ErrorCode.EDXML_MALFORMED, "the prefix '" + prefix + "' of element <"
                    + qualifiedName + "> at line " + line + " is not declared anywhere in the package", line);
        }
        Element element;
        try {
            element = document.createElementNS(emptyToNull(namespace), qualifiedName);
            for (Map.Entry<String, String> binding : declared.entrySet()) {
                String attribute = binding.getKey().isEmpty() ? "xmlns" : "xmlns:" + binding.getKey();
                element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute, binding.getValue());
            }
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                String name = attributeName(reader, i);
                if (name.equals("xmlns") || name.startsWith("xmlns:")) {
                    continue;
                }
                String attributePrefix = prefixOf(name, line);
                if (attributePrefix.isEmpty()) {
                    element.setAttributeNS(null, name, reader.getAttributeValue(i));
                    continue;
                }
                String attributeNamespace = resolve(attributePrefix, line, "attribute " + name);
                if (attributeNamespace == null || attributeNamespace.isEmpty()) {
                    if (reportedPrefixes.add("@" + attributePrefix)) {
                        warnings.add(new EdxmlWarning(EdxmlWarningCode.UNDECLARED_ATTRIBUTE_PREFIX,
                                "attribute " + name + " on <" + qualifiedName + "> at line " + line
                                        + " uses the undeclared prefix '" + attributePrefix + "' and was ignored"));
                    }
                    continue;
                }
                element.setAttributeNS(attributeNamespace, name, reader.getAttributeValue(i));
            }
        } catch (DOMException e) {
            throw new EdxmlException(ErrorCode.EDXML_MALFORMED, "element <" + qualifiedName + "> at line " + line
                    + " has an invalid name or attribute (" + e.getMessage() + ")", line);
        }
        element.setUserData(LINE_KEY, line, null);
        return element;
    }

    /** In-scope binding, else the document's latest binding of that prefix (with a warning), else null. */
    private String resolve(String prefix, int line, String what) {
        if (prefix.equals("xml")) {
            return XMLConstants.XML_NS_URI;
        }
        for (Map<String, String> scope : scopes) {
            String namespace = scope.get(prefix);
            if (namespace != null) {
                return namespace;
            }
        }
        if (prefix.isEmpty()) {
            return null;
        }
        String earlier = lastBinding.get(prefix);
        if (earlier != null && !earlier.isEmpty() && reportedPrefixes.add(prefix)) {
            warnings.add(new EdxmlWarning(EdxmlWarningCode.PREFIX_OUT_OF_SCOPE, what + " at line " + line
                    + " uses the prefix '" + prefix + "' outside its declaration; resolved to " + earlier));
        }
        return earlier;
    }

    private static String prefixOf(String qualifiedName, int line) {
        int colon = qualifiedName.indexOf(':');
        if (colon < 0) {
            return "";
        }
        if (colon == 0 || colon == qualifiedName.length() - 1 || qualifiedName.indexOf(':', colon + 1) >= 0) {
            throw new EdxmlException(ErrorCode.EDXML_MALFORMED,
                    "the name '" + qualifiedName + "' at line " + line + " is not a valid qualified name", line);
        }
        return qualifiedName.substring(0, colon);
    }

    /** The raw attribute name: the reader splits it at the colon even without namespaces. */
    private static String attributeName(XMLStreamReader reader, int index) {
        String prefix = reader.getAttributePrefix(index);
        String local = reader.getAttributeLocalName(index);
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private void flushText(StringBuilder text, Node parent, boolean skipping) {
        if (text.length() == 0) {
            return;
        }
        if (!skipping && !isBlank(text)) {
            String value = text.toString();
            if (!Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
                value = Normalizer.normalize(value, Normalizer.Form.NFC);
                if (!reportedNotNfc) {
                    reportedNotNfc = true;
                    Object line = parent.getUserData(LINE_KEY);
                    warnings.add(new EdxmlWarning(EdxmlWarningCode.TEXT_NOT_NFC, "text in <" + parent.getNodeName()
                            + "> at line " + line + " is decomposed (NFD); all text was normalised to NFC"));
                }
            }
            parent.appendChild(parent.getOwnerDocument().createTextNode(value));
        }
        text.setLength(0);
    }

    private static boolean isBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAttachmentContent(Element element) {
        return "ContentTransferEncoded".equals(element.getLocalName())
                && EdxmlNamespaces.EDXML.equals(element.getNamespaceURI());
    }

    private void checkDeclaredEncoding(XMLStreamReader reader) {
        String declared = reader.getCharacterEncodingScheme();
        if (declared != null && !declared.equalsIgnoreCase("UTF-8") && !declared.equalsIgnoreCase("UTF8")) {
            throw new EdxmlException(ErrorCode.EDXML_NOT_UTF8,
                    "the XML declaration names encoding '" + abbreviate(declared) + "'; packages must be UTF-8",
                    1 + lineOffset);
        }
    }

    private int line(XMLStreamReader reader) {
        return reader.getLocation().getLineNumber() + lineOffset;
    }

    private EdxmlException malformed(XMLStreamException e) {
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber() + lineOffset;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int marker = message.indexOf("Message: ");
        if (marker >= 0) {
            message = message.substring(marker + "Message: ".length());
        }
        return new EdxmlException(ErrorCode.EDXML_MALFORMED,
                (line > 0 ? "line " + line + ": " : "") + abbreviate(message.replaceAll("\\s+", " ").strip()), line, e);
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String emptyToNull(String namespace) {
        return namespace == null || namespace.isEmpty() ? null : namespace;
    }

    /**
     * The JDK's own StAX implementation (never a classpath one picked by service lookup), with
     * DTD support, entity replacement and external entities off and no external access at all.
     * A new factory per parse: the JDK factory is not documented as thread-safe.
     */
    private static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        // Not coalescing: text arrives in chunks that read() joins itself, so attachment content
        // that is skipped is never gathered into one huge string by the reader either.
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource " + systemId + " refused");
        });
        return factory;
    }

    /** Only creates empty documents; nothing is ever parsed by this DOM implementation. */
    private static DOMImplementation domImplementation() {
        try {
            return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().getDOMImplementation();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no DOM implementation", e);
        }
    }
}
