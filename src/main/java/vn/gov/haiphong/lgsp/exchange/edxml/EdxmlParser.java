package vn.gov.haiphong.lgsp.exchange.edxml;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Document;

/**
 * Reads an edXML package (QCVN 102) from untrusted bytes into an {@link EdxmlPackage}, or refuses
 * it with an {@link EdxmlException}; nothing else escapes. Thread-safe and reusable.
 *
 * <p>Order of checks: size (while reading), leading bytes and encoding, hardened XML parsing
 * (no DTD, no entities, bounded depth and node count), routing fields, then the project schema
 * ({@code schemas/edxml/}). Real-world variation listed in EDXML.md is tolerated and reported as
 * {@linkplain EdxmlPackage#warnings() warnings}.
 */
public final class EdxmlParser {

    public static final long DEFAULT_MAX_PACKAGE_BYTES = 50L * 1024 * 1024;
    /** edXML itself needs about ten levels; the margin is for extensions. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** Elements plus attributes; real packages hold a few hundred, attachments being text. */
    public static final int DEFAULT_MAX_NODES = 200_000;

    /** Bounds applied to every package. */
    public record Limits(long maxPackageBytes, int maxDepth, int maxNodes) {
        public Limits {
            if (maxPackageBytes < 1 || maxPackageBytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("maxPackageBytes must be between 1 and 2^31 - 17");
            }
            if (maxDepth < 4 || maxNodes < 16) {
                throw new IllegalArgumentException("maxDepth must be at least 4 and maxNodes at least 16");
            }
        }

        public static Limits defaults() {
            return new Limits(DEFAULT_MAX_PACKAGE_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES);
        }

        public Limits withMaxPackageBytes(long bytes) {
            return new Limits(bytes, maxDepth, maxNodes);
        }
    }

    private final Limits limits;
    private final EdxmlSchemas schemas;

    public EdxmlParser() {
        this(Limits.defaults());
    }

    public EdxmlParser(Limits limits) {
        this(limits, EdxmlSchemas.bundled());
    }

    public EdxmlParser(Limits limits, EdxmlSchemas schemas) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
    }

    public Limits limits() {
        return limits;
    }

    /** Reads at most the size limit plus one byte; does not close the stream. */
    public EdxmlPackage parse(InputStream in) {
        Objects.requireNonNull(in, "in");
        return parse(PackageBytes.readLimited(in, limits.maxPackageBytes()));
    }

    public EdxmlPackage parse(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > limits.maxPackageBytes()) {
            throw PackageBytes.tooLarge(limits.maxPackageBytes());
        }
        try {
            List<EdxmlWarning> warnings = new ArrayList<>();
            PackageBytes.Start start = PackageBytes.checkStart(bytes, warnings);
            Document dom = new HardenedDomBuilder(limits.maxDepth(), limits.maxNodes(), start.skippedLines(), warnings)
                    .build(bytes, start.offset());
            EdxmlPackage parsed = new PackageReader(dom, warnings).read();
            schemas.validate(parsed.kind(), dom);
            return parsed;
        } catch (EdxmlException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Safety net: hostile input must end in a refusal, never in an unexplained failure.
            throw new EdxmlException(ErrorCode.EDXML_MALFORMED,
                    "the package could not be interpreted (" + e.getClass().getSimpleName() + ")", -1, e);
        }
    }
}
