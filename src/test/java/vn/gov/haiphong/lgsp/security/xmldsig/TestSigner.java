package vn.gov.haiphong.lgsp.security.xmldsig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.gov.haiphong.lgsp.registry.SystemCertificate;
import vn.gov.haiphong.lgsp.security.Certificates;

/**
 * Makes what a signing agency would send: keys and certificates (Bouncy Castle), and packages
 * signed enveloped with Santuario as EDXML.md describes (Signature in edXMLHeader, Reference
 * URI="", enveloped-signature + exclusive c14n, X509Certificate in KeyInfo).
 */
public final class TestSigner {

    public static final String EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Init.init();
    }

    private TestSigner() {
    }

    /** A key and its certificate. */
    public record Signer(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
        public Signer(KeyPair keys, X509Certificate certificate) {
            this(keys, certificate, List.of());
        }

        public SystemCertificate registered() {
            return TestSigner.registered(certificate);
        }

        public String pem() {
            return Certificates.toPem(certificate);
        }
    }

    /** How to sign; {@link #standard()} is what EDXML.md describes, with SHA-256. */
    public record Options(String signatureMethod, String digestMethod, String referenceUri) {
        public static Options standard() {
            return new Options(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256, "");
        }

        public Options withSignatureMethod(String method) {
            return new Options(method, digestMethod, referenceUri);
        }

        public Options withDigestMethod(String method) {
            return new Options(signatureMethod, method, referenceUri);
        }

        public Options withReferenceUri(String uri) {
            return new Options(signatureMethod, digestMethod, uri);
        }
    }

    // --- keys and certificates ----------------------------------------------------------------

    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed end-entity certificate valid from yesterday for a year. */
    public static Signer selfSigned(String commonName, KeyPair keys) {
        Instant now = Instant.now();
        return new Signer(keys, certificate(commonName, keys, null, keys.getPrivate(), now.minus(1, ChronoUnit.DAYS),
                now.plus(365, ChronoUnit.DAYS), false));
    }

    /** A certificate for {@code keys}; self-signed when {@code issuer} is null. */
    public static X509Certificate certificate(String commonName, KeyPair keys, X509Certificate issuer,
                                              PrivateKey issuerKey, Instant notBefore, Instant notAfter, boolean ca) {
        try {
            X500Name subject = new X500Name("CN=" + commonName + ",O=LGSP Hai Phong tests,C=VN");
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static SystemCertificate registered(X509Certificate certificate) {
        return new SystemCertificate(Certificates.fingerprint(certificate),
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), Certificates.toPem(certificate));
    }

    /** A PKCS#8 private key from a PEM file's text (lines starting with # are comments). */
    public static PrivateKey privateKeyFromPem(String pem, String algorithm) {
        StringBuilder base64 = new StringBuilder();
        boolean inside = false;
        for (String line : pem.split("\\R")) {
            if (line.startsWith("-----BEGIN PRIVATE KEY-----")) {
                inside = true;
            } else if (line.startsWith("-----END PRIVATE KEY-----")) {
                inside = false;
            } else if (inside) {
                base64.append(line.strip());
            }
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.toString())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate certificateFromPem(String pem) {
        String block = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----"),
                pem.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length());
        return Certificates.parsePem(block);
    }

    // --- packages -----------------------------------------------------------------------------

    /**
     * A copy of a public sample made signable: its placeholder Signature removed and the prefixes
     * it uses out of scope ({@code edXML}, {@code xlink}) declared on the root, so that a
     * namespace-aware signer can read it. Nothing else changes.
     */
    public static String signable(String sample) {
        String text = sample;
        int start = text.indexOf("<Signature");
        if (start >= 0) {
            int end = text.indexOf("</Signature>", start) + "</Signature>".length();
            text = text.substring(0, start) + text.substring(end);
        }
        String root = "<edXML xmlns=\"" + EDXML_NS + "\">";
        if (text.contains(root)) {
            text = text.replace(root, "<edXML xmlns=\"" + EDXML_NS + "\" xmlns:edXML=\"" + EDXML_NS
                    + "\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">");
        }
        return text;
    }

    /** Signed as EDXML.md describes, RSA-SHA256 or ECDSA-SHA256 after the key. */
    public static byte[] sign(byte[] pkg, Signer signer) {
        return sign(pkg, signer, signer.keys().getPrivate().getAlgorithm().equals("EC")
                ? Options.standard().withSignatureMethod(XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256)
                : Options.standard());
    }

    /** The package signed enveloped: a ds:Signature appended to edXMLHeader. */
    public static byte[] sign(byte[] pkg, Signer signer, Options options) {
        try {
            Document document = parse(pkg);
            Element header = (Element) document.getElementsByTagNameNS(EDXML_NS, "edXMLHeader").item(0);
            XMLSignature signature = new XMLSignature(document, "", options.signatureMethod(),
                    Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS);
            header.appendChild(signature.getElement());
            header.appendChild(document.createTextNode("\n    "));
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            if (!options.referenceUri().isEmpty()) {
                // Signing a part: the element with this Id (the body), which the platform must refuse.
                Element body = (Element) document.getElementsByTagNameNS(EDXML_NS, "edXMLBody").item(0);
                body.setAttributeNS(null, "Id", options.referenceUri().substring(1));
                body.setIdAttributeNS(null, "Id", true);
            }
            signature.addDocument(options.referenceUri(), transforms, options.digestMethod());
            signature.addKeyInfo(signer.certificate());
            for (X509Certificate extra : signer.chain()) {
                signature.getKeyInfo().itemX509Data(0).addCertificate(extra);
            }
            signature.sign(signer.keys().getPrivate());
            return serialize(document);
        } catch (Exception e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public static Document parse(byte[] pkg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(pkg));
        } catch (Exception e) {
            throw new IllegalStateException("not parseable", e);
        }
    }

    /** The DOM as bytes, UTF-8 with an XML declaration, no reformatting. */
    public static byte[] serialize(Document document) {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first element with this XML-DSig local name. */
    public static Element dsig(Document document, String localName) {
        NodeList found = document.getElementsByTagNameNS(PackageSignatureVerifier.XMLDSIG_NS, localName);
        return (Element) found.item(0);
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Exactly one occurrence replaced, so a mutation cannot silently miss. */
    public static byte[] replaceOnce(byte[] pkg, String target, String replacement) {
        String text = utf8(pkg);
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new IllegalArgumentException("expected exactly one '" + target + "'");
        }
        return utf8(text.substring(0, at) + replacement + text.substring(at + target.length()));
    }
}
