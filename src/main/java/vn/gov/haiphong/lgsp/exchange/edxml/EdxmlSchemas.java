package vn.gov.haiphong.lgsp.exchange.edxml;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The project's edXML schemas ({@code schemas/edxml/}), compiled once: one for document packages,
 * one for status packages, both including the common part. Thread-safe.
 *
 * <p>Schemas are compiled and applied with secure processing on and no external access; the
 * include between our own files is served from memory by a resolver that knows only them.
 */
public final class EdxmlSchemas {

    public static final String DOCUMENT_SCHEMA = "edxml-qcvn102.xsd";
    public static final String STATUS_SCHEMA = "edxml-qcvn102-status.xsd";
    public static final String COMMON_SCHEMA = "edxml-qcvn102-common.xsd";

    private static final String CLASSPATH_DIRECTORY = "schemas/edxml/";
    private static final String CURRENT_ELEMENT_NODE = "http://apache.org/xml/properties/dom/current-element-node";

    /** Validators kept per kind for reuse (see PooledValidator); more than this are let go. */
    private static final int POOLED = 32;

    private final Schema document;
    private final Schema status;
    private final Queue<PooledValidator> documentValidators = new ConcurrentLinkedQueue<>();
    private final Queue<PooledValidator> statusValidators = new ConcurrentLinkedQueue<>();

    private EdxmlSchemas(Map<String, byte[]> files) {
        this.document = compile(DOCUMENT_SCHEMA, files);
        this.status = compile(STATUS_SCHEMA, files);
    }

    /**
     * The bundled schemas: the repository's {@code schemas/edxml/}, packaged on the classpath.
     */
    public static EdxmlSchemas bundled() {
        return Bundled.INSTANCE;
    }

    public static EdxmlSchemas fromDirectory(Path directory) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : new String[] {COMMON_SCHEMA, DOCUMENT_SCHEMA, STATUS_SCHEMA}) {
            try {
                files.put(name, Files.readAllBytes(directory.resolve(name)));
            } catch (IOException e) {
                throw new UncheckedIOException("edXML schema " + name + " not readable in " + directory, e);
            }
        }
        return new EdxmlSchemas(files);
    }

    private static final class Bundled {
        static final EdxmlSchemas INSTANCE = load();

        private static EdxmlSchemas load() {
            Map<String, byte[]> files = new LinkedHashMap<>();
            ClassLoader loader = EdxmlSchemas.class.getClassLoader();
            for (String name : new String[] {COMMON_SCHEMA, DOCUMENT_SCHEMA, STATUS_SCHEMA}) {
                try (InputStream in = loader.getResourceAsStream(CLASSPATH_DIRECTORY + name)) {
                    if (in == null) {
                        throw new IllegalStateException("edXML schema " + name + " is not on the classpath");
                    }
                    files.put(name, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("edXML schema " + name + " not readable from the classpath", e);
                }
            }
            return new EdxmlSchemas(files);
        }
    }

    Schema schemaFor(EdxmlPackage.Kind kind) {
        return kind == EdxmlPackage.Kind.STATUS ? status : document;
    }

    /** Validates the DOM built by {@link HardenedDomBuilder}; the first error refuses the package. */
    void validate(EdxmlPackage.Kind kind, Document dom) {
        Queue<PooledValidator> pool = kind == EdxmlPackage.Kind.STATUS ? statusValidators : documentValidators;
        PooledValidator pooled = pool.poll();
        if (pooled == null) {
            pooled = new PooledValidator(schemaFor(kind).newValidator());
        }
        pooled.validate(kind, dom);
        // Only after a clean run (one that threw is simply dropped), and bounded, so that a burst
        // leaves at most POOLED validators per kind behind.
        if (pool.size() < POOLED) {
            pool.offer(pooled);
        }
    }

    /**
     * A hardened validator kept for the next package: creating one (its component manager and
     * grammar pool) cost about a fifth of the validation itself. {@link Validator#validate} resets
     * it first, and only one thread uses it at a time.
     */
    private static final class PooledValidator implements ErrorHandler {
        private final Validator validator;
        private EdxmlPackage.Kind kind;
        private EdxmlException firstError;

        PooledValidator(Validator validator) {
            this.validator = validator;
            try {
                validator.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            } catch (SAXException e) {
                throw new IllegalStateException("the XML validator cannot be hardened", e);
            }
            validator.setErrorHandler(this);
        }

        void validate(EdxmlPackage.Kind kind, Document dom) {
            this.kind = kind;
            this.firstError = null;
            try {
                validator.validate(new DOMSource(dom));
            } catch (SAXException | IOException e) {
                if (firstError != null) {
                    throw firstError;
                }
                throw new EdxmlException(ErrorCode.EDXML_SCHEMA_INVALID, "schema validation failed: "
                        + HardenedDomBuilder.abbreviate(String.valueOf(e.getMessage())), -1, e);
            }
        }

        @Override
        public void warning(SAXParseException e) {
            // schema warnings (e.g. lax content without a declaration) do not refuse a package
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            // Located while the validator still points at the offending element; thrown as a
            // SAXException so that the validator stops cleanly.
            firstError = invalid(kind, validator, e);
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            error(e);
        }
    }

    private static EdxmlException invalid(EdxmlPackage.Kind kind, Validator validator, SAXParseException e) {
        Node node = null;
        try {
            node = (Node) validator.getProperty(CURRENT_ELEMENT_NODE);
        } catch (SAXException | ClassCastException ignored) {
            // the location is a courtesy; the message stands without it
        }
        Object line = node == null ? null : node.getUserData(HardenedDomBuilder.LINE_KEY);
        String where = node == null ? "" : "<" + node.getNodeName() + ">" + (line == null ? "" : " at line " + line) + ": ";
        String message = String.valueOf(e.getMessage()).replace("\"" + EdxmlNamespaces.EDXML + "\":", "");
        return new EdxmlException(ErrorCode.EDXML_SCHEMA_INVALID,
                where + HardenedDomBuilder.abbreviate(message) + " (" + kind.name().toLowerCase() + " schema)",
                line instanceof Integer number ? number : -1);
    }

    private static Schema compile(String name, Map<String, byte[]> files) {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // Only our own files can be included; anything else falls through to the (forbidden)
            // default resolution and fails compilation.
            factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
                String file = systemId == null ? null : systemId.substring(systemId.lastIndexOf('/') + 1);
                byte[] content = file == null ? null : files.get(file);
                return content == null ? null : new InMemoryInput(CLASSPATH_DIRECTORY + file, content);
            });
            StreamSource source = new StreamSource(new ByteArrayInputStream(files.get(name)), CLASSPATH_DIRECTORY + name);
            return factory.newSchema(source);
        } catch (SAXException e) {
            throw new IllegalStateException("edXML schema " + name + " does not compile: " + e.getMessage(), e);
        }
    }

    /** A schema document held in memory. */
    private record InMemoryInput(String systemId, byte[] content) implements LSInput {
        @Override
        public InputStream getByteStream() {
            return new ByteArrayInputStream(content);
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(Reader characterStream) {
        }

        @Override
        public void setByteStream(InputStream byteStream) {
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {
        }

        @Override
        public void setSystemId(String systemId) {
        }

        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public void setPublicId(String publicId) {
        }

        @Override
        public String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(String baseUri) {
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }
}
