package vn.gov.haiphong.lgsp.security.xmldsig;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.gov.haiphong.lgsp.registry.SystemCertificate;
import vn.gov.haiphong.lgsp.security.Certificates;

/**
 * Verifies the enveloped XML-DSig signature of an edXML package (EDXML.md "Signatures") with Apache
 * Santuario, on the package's bytes exactly as received. Thread-safe; meant to be shared.
 *
 * <p>What is accepted, and nothing else:
 * <ul>
 *   <li>exactly one {@code ds:Signature} in the whole package, a child of
 *       {@code edXML/edXMLEnvelope/edXMLHeader} (a second one, or one elsewhere, is a wrapping attempt);
 *   <li>exactly one Reference, {@code URI=""} (the whole package; nothing external, no part
 *       chosen by Id), with the enveloped-signature transform and otherwise only canonicalisation;
 *   <li>SignatureMethod RSA-SHA256 or ECDSA-SHA256, DigestMethod SHA-256; RSA-SHA1 and SHA-1 too
 *       while {@code acceptRsaSha1} (older agency software signs so, EDXML.md);
 *   <li>Santuario's secure validation on;
 *   <li>the signer's certificate, read from {@code KeyInfo/X509Data/X509Certificate} (further
 *       certificates there serve only to build a path), is registered for the sending system or
 *       chains to a trust-store anchor, and is valid now (the time of receipt: a SigningTime would sit
 *       outside the enveloped reference, so it is not signed and cannot be trusted).
 * </ul>
 * Parsed certificates and trust-store path results are cached, so a busy sender's certificate is
 * decoded and path-validated once, not per package.
 */
public final class PackageSignatureVerifier {

    public static final String XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    /** QCVN 102 (the same constant as the exchange's EdxmlNamespaces, kept here so security does not depend on exchange). */
    static final String EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

    static final Set<String> C14N = Set.of(Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_WITH_COMMENTS, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_EXCL_WITH_COMMENTS, Canonicalizer.ALGO_ID_C14N11_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N11_WITH_COMMENTS);

    private static final Logger log = LoggerFactory.getLogger(PackageSignatureVerifier.class);
    private static final int MAX_CERTIFICATES = 10;
    private static final int MAX_CERTIFICATE_CHARS = 64 * 1024;
    private static final int MAX_CACHED = 10_000;
    /** A subject is shown in refusals and events; a hostile certificate may carry a huge one. */
    private static final int MAX_SUBJECT_CHARS = 500;
    private static final Duration PATH_CACHE_TIME = Duration.ofMinutes(10);

    static {
        // Through WSS4J, which also installs its message bundle: initialising Santuario alone
        // first leaves WS-Security faults without their texts.
        org.apache.wss4j.common.crypto.WSProviderConfig.init();
        Init.init();
    }

    private final TrustAnchors anchors;
    private final Clock clock;
    private final Set<String> signatureMethods;
    private final Set<String> digestMethods;

    /** Certificates as found in KeyInfo (the element's text as written) → parsed, with fingerprint. */
    private final Map<String, ParsedCertificate> parsed = new ConcurrentHashMap<>();
    /** Signer and intermediates (fingerprints) → outcome of trust-store path validation. */
    private final Map<String, PathCheck> paths = new ConcurrentHashMap<>();

    private record ParsedCertificate(X509Certificate certificate, String fingerprint, String subject) {
    }

    private record PathCheck(String problem, Instant checkedAt) {
    }

    public PackageSignatureVerifier(TrustAnchors anchors, boolean acceptRsaSha1, Clock clock) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signatureMethods = acceptRsaSha1
                ? Set.of(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256,
                        XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1)
                : Set.of(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256);
        this.digestMethods = acceptRsaSha1
                ? Set.of(MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1)
                : Set.of(MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
    }

    /**
     * The package's signature checked against the sending system's registered certificates and the
     * trust store. ABSENT when the package holds no XML-DSig Signature element at all.
     */
    public SignatureResult verify(byte[] pkg, Collection<SystemCertificate> registered) {
        return verify(pkg, registered, null);
    }

    /**
     * As {@link #verify(byte[], Collection)}, for bytes an earlier parse already found not
     * namespace-well-formed ({@code namespaceProblem}, its reason; null when it found nothing): they
     * are not parsed again only to fail the same way (a fifth of a request's time on such packages).
     */
    public SignatureResult verify(byte[] pkg, Collection<SystemCertificate> registered, String namespaceProblem) {
        Objects.requireNonNull(pkg, "pkg");
        // Latin-1 maps bytes to chars one to one, and String.indexOf is a vectorised intrinsic.
        if (new String(pkg, StandardCharsets.ISO_8859_1).indexOf(XMLDSIG_NS) < 0) {
            return SignatureResult.absent(); // no element can be in a namespace the package never names
        }
        if (namespaceProblem != null) {
            return notNamespaceWellFormed(namespaceProblem);
        }
        Document dom;
        try {
            dom = SignatureDom.parse(pkg);
        } catch (SignatureDom.NotParseable e) {
            return notNamespaceWellFormed(e.getMessage());
        }
        NodeList signatures = dom.getElementsByTagNameNS(XMLDSIG_NS, "Signature");
        if (signatures.getLength() == 0) {
            return SignatureResult.absent();
        }
        if (signatures.getLength() > 1) {
            return SignatureResult.doesNotVerify(signatures.getLength()
                    + " XML-DSig Signature elements; a package carries exactly one, in edXMLHeader");
        }
        Element signature = (Element) signatures.item(0);
        if (!isInHeader(signature)) {
            return SignatureResult.doesNotVerify("the Signature is not a child of edXML/edXMLEnvelope/edXMLHeader");
        }
        try {
            return verify(signature, registered == null ? List.of() : registered);
        } catch (XMLSecurityException e) {
            return SignatureResult.doesNotVerify("the Signature is not acceptable XML-DSig: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            // Hostile input ends in a verdict, never in an unexplained failure of the request.
            log.warn("Signature could not be processed: {}", e.toString());
            return SignatureResult.doesNotVerify("the Signature could not be processed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static SignatureResult notNamespaceWellFormed(String reason) {
        return SignatureResult.doesNotVerify("the package is not namespace-well-formed XML (" + reason
                + "), so its signature cannot be verified");
    }

    private SignatureResult verify(Element element, Collection<SystemCertificate> registered) throws XMLSecurityException {
        XMLSignature signature = new XMLSignature(element, "", true);
        SignedInfo signedInfo = signature.getSignedInfo();
        String method = signedInfo.getSignatureMethodURI();
        String algorithm = shortName(method);
        if (!signatureMethods.contains(method)) {
            return SignatureResult.doesNotVerify(null, algorithm, "SignatureMethod " + shorten(String.valueOf(method), 100) + " is not accepted ("
                    + signatureMethods.stream().map(PackageSignatureVerifier::shortName).sorted()
                    .collect(Collectors.joining(", ")) + " are)");
        }
        if (!C14N.contains(signedInfo.getCanonicalizationMethodURI())) {
            return SignatureResult.doesNotVerify(null, algorithm, "CanonicalizationMethod "
                    + shorten(String.valueOf(signedInfo.getCanonicalizationMethodURI()), 100) + " is not accepted");
        }
        String referenceProblem = referenceProblem(signedInfo);
        if (referenceProblem != null) {
            return SignatureResult.doesNotVerify(null, algorithm, referenceProblem);
        }
        List<ParsedCertificate> certificates = new ArrayList<>();
        String keyInfoProblem = certificates(element, certificates);
        if (keyInfoProblem != null) {
            return SignatureResult.doesNotVerify(null, algorithm, keyInfoProblem);
        }
        ParsedCertificate signer = signerOf(certificates);
        if (!signature.checkSignatureValue(signer.certificate().getPublicKey())) {
            boolean digestFailed = signedInfo.getVerificationResults().stream().anyMatch(r -> !r.isValid());
            return SignatureResult.doesNotVerify(signer.subject(), algorithm, digestFailed
                    ? "the package was changed after it was signed (the digest of the signed content does not match)"
                    : "the SignatureValue does not match SignedInfo under the certificate's key");
        }
        return trust(signer, certificates, registered, algorithm);
    }

    /** One Reference to the whole package, enveloped, canonicalised only, with an accepted digest. */
    private String referenceProblem(SignedInfo signedInfo) throws XMLSecurityException {
        if (signedInfo.getLength() != 1) {
            return "SignedInfo has " + signedInfo.getLength()
                    + " References; exactly one, URI=\"\" (the whole package), is accepted";
        }
        Reference reference = signedInfo.item(0);
        Element referenceElement = reference.getElement();
        if (!referenceElement.hasAttributeNS(null, "URI") || !referenceElement.getAttributeNS(null, "URI").isEmpty()) {
            String uri = referenceElement.hasAttributeNS(null, "URI")
                    ? "URI=\"" + shorten(referenceElement.getAttributeNS(null, "URI"), 80) + "\"" : "no URI";
            return "the Reference has " + uri + "; only URI=\"\" (the whole package, same document) is accepted";
        }
        Transforms transforms = reference.getTransforms();
        boolean enveloped = false;
        for (int i = 0; transforms != null && i < transforms.getLength(); i++) {
            String uri = transforms.item(i).getURI();
            if (Transforms.TRANSFORM_ENVELOPED_SIGNATURE.equals(uri)) {
                enveloped = true;
            } else if (!C14N.contains(uri)) {
                return "Transform " + shorten(String.valueOf(uri), 100)
                        + " is not accepted (only enveloped-signature and canonicalisation are)";
            }
        }
        if (!enveloped) {
            return "the Reference lacks the enveloped-signature transform";
        }
        String digest = reference.getMessageDigestAlgorithm().getAlgorithmURI();
        if (!digestMethods.contains(digest)) {
            return "DigestMethod " + shorten(String.valueOf(digest), 100) + " is not accepted";
        }
        return null;
    }

    /** The X509Certificates of KeyInfo/X509Data, parsed (cached); a problem text when unusable. */
    private String certificates(Element signature, List<ParsedCertificate> found) {
        Element keyInfo = child(signature, "KeyInfo");
        List<String> encoded = new ArrayList<>();
        for (Element data : keyInfo == null ? List.<Element>of() : children(keyInfo, "X509Data")) {
            for (Element certificate : children(data, "X509Certificate")) {
                encoded.add(certificate.getTextContent());
            }
        }
        if (encoded.isEmpty()) {
            return "KeyInfo carries no X509Data/X509Certificate, so the signer cannot be identified";
        }
        if (encoded.size() > MAX_CERTIFICATES) {
            return "KeyInfo carries more than " + MAX_CERTIFICATES + " certificates";
        }
        for (String text : encoded) {
            if (text.length() > MAX_CERTIFICATE_CHARS) {
                return "a KeyInfo certificate is larger than " + MAX_CERTIFICATE_CHARS + " characters";
            }
            ParsedCertificate certificate = parsed.get(text);
            if (certificate == null) {
                certificate = parse(text);
                if (certificate == null) {
                    return "a KeyInfo X509Certificate is not a readable X.509 certificate";
                }
                if (parsed.size() >= MAX_CACHED) {
                    parsed.clear();
                }
                parsed.put(text, certificate);
            }
            found.add(certificate);
        }
        return null;
    }

    private static ParsedCertificate parse(String base64) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
            return new ParsedCertificate(certificate, Certificates.fingerprint(certificate),
                    shorten(certificate.getSubjectX500Principal().getName(), MAX_SUBJECT_CHARS));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /** The end-entity certificate: the one that issued none of the others (the first, when only one). */
    private static ParsedCertificate signerOf(List<ParsedCertificate> certificates) {
        for (ParsedCertificate candidate : certificates) {
            boolean issuesAnother = certificates.stream().anyMatch(other -> other != candidate
                    && other.certificate().getIssuerX500Principal().equals(candidate.certificate().getSubjectX500Principal())
                    && !other.certificate().getSubjectX500Principal().equals(other.certificate().getIssuerX500Principal()));
            if (!issuesAnother) {
                return candidate;
            }
        }
        return certificates.get(0);
    }

    private SignatureResult trust(ParsedCertificate signer, List<ParsedCertificate> certificates,
                                  Collection<SystemCertificate> registered, String algorithm) {
        Instant now = clock.instant();
        String subject = signer.subject();
        boolean[] usage = signer.certificate().getKeyUsage();
        if (usage != null && !(usage[0] || usage.length > 1 && usage[1])) {
            return SignatureResult.untrusted(subject, algorithm,
                    "the certificate's key usage allows neither digitalSignature nor nonRepudiation");
        }
        for (SystemCertificate known : registered) {
            if (known.fingerprint().equalsIgnoreCase(signer.fingerprint())) {
                return validAt(signer.certificate(), now)
                        ? SignatureResult.valid(subject, algorithm, SignatureResult.Trust.REGISTERED)
                        : SignatureResult.untrusted(subject, algorithm, "the registered certificate is not valid now ("
                                + known.notBefore() + " to " + known.notAfter() + ")");
            }
        }
        String problem = pathProblem(signer, certificates, now);
        if (problem == null) {
            return SignatureResult.valid(subject, algorithm, SignatureResult.Trust.TRUST_STORE);
        }
        return SignatureResult.untrusted(subject, algorithm, "the certificate (SHA-256 " + signer.fingerprint()
                + ") is not registered for the sending system, and " + problem);
    }

    private String pathProblem(ParsedCertificate signer, List<ParsedCertificate> certificates, Instant now) {
        if (anchors.isEmpty()) {
            return "no trust store is configured";
        }
        if (!validAt(signer.certificate(), now)) {
            return "it is not valid now (" + signer.certificate().getNotBefore().toInstant() + " to "
                    + signer.certificate().getNotAfter().toInstant() + ")";
        }
        List<X509Certificate> intermediates = certificates.stream().filter(c -> c != signer)
                .map(ParsedCertificate::certificate).toList();
        String key = certificates.stream().map(ParsedCertificate::fingerprint).collect(Collectors.joining("|"));
        PathCheck cached = paths.get(key);
        if (cached != null && cached.checkedAt().plus(PATH_CACHE_TIME).isAfter(now) && !cached.checkedAt().isAfter(now)
                && intermediates.stream().allMatch(c -> validAt(c, now))) {
            return cached.problem();
        }
        String problem = anchors.problemWith(signer.certificate(), intermediates, now);
        if (paths.size() >= MAX_CACHED) {
            paths.clear();
        }
        paths.put(key, new PathCheck(problem, now));
        return problem;
    }

    private static boolean validAt(X509Certificate certificate, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private static boolean isInHeader(Element signature) {
        Node header = signature.getParentNode();
        Node envelope = header == null ? null : header.getParentNode();
        Node root = envelope == null ? null : envelope.getParentNode();
        return isEdxml(header, "edXMLHeader") && isEdxml(envelope, "edXMLEnvelope") && isEdxml(root, "edXML")
                && root.getParentNode() != null && root.getParentNode().getNodeType() == Node.DOCUMENT_NODE;
    }

    private static boolean isEdxml(Node node, String localName) {
        return node instanceof Element && localName.equals(node.getLocalName()) && EDXML_NS.equals(node.getNamespaceURI());
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())
                    && XMLDSIG_NS.equals(element.getNamespaceURI())) {
                found.add(element);
            }
        }
        return found;
    }

    /** {@code rsa-sha256} for {@code http://www.w3.org/2001/04/xmldsig-more#rsa-sha256}. */
    static String shortName(String uri) {
        if (uri == null) {
            return null;
        }
        int hash = uri.lastIndexOf('#');
        return shorten(hash >= 0 && hash < uri.length() - 1 ? uri.substring(hash + 1) : uri, 100);
    }

    private static String oneLine(String message) {
        return message == null ? "" : shorten(message.replaceAll("\\s+", " ").strip(), 200);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
