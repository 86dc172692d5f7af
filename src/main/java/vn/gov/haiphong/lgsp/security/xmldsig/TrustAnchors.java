package vn.gov.haiphong.lgsp.security.xmldsig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.gov.haiphong.lgsp.security.Certificates;

/**
 * The certificates a package signer may chain to without being registered for its system (e.g.
 * the national CAs that issue agencies' signing certificates), read once from the configured trust
 * store: PKCS12, JKS, or PEM (certificates one after the other; lines starting with {@code #} are
 * comments). Path validation is PKIX at the given time, without revocation checks (no CRL or OCSP
 * is fetched from the message path).
 */
public final class TrustAnchors {

    private static final int MAX_PEM_BYTES = 5 * 1024 * 1024;
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private final Set<TrustAnchor> anchors;
    private final Set<String> anchorFingerprints;
    private final String source;

    private TrustAnchors(List<X509Certificate> certificates, String source) {
        Set<TrustAnchor> set = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        for (X509Certificate certificate : certificates) {
            set.add(new TrustAnchor(certificate, null));
            fingerprints.add(Certificates.fingerprint(certificate));
        }
        this.anchors = Collections.unmodifiableSet(set);
        this.anchorFingerprints = Collections.unmodifiableSet(fingerprints);
        this.source = source;
    }

    public static TrustAnchors none() {
        return new TrustAnchors(List.of(), "none");
    }

    public static TrustAnchors of(List<X509Certificate> certificates) {
        return new TrustAnchors(certificates, count(certificates.size()));
    }

    private static String count(int certificates) {
        return certificates + (certificates == 1 ? " certificate" : " certificates");
    }

    /**
     * Reads a trust store. {@code type} PEM, PKCS12 or JKS; blank means PEM for {@code .pem}/{@code .crt}
     * files and PKCS12 otherwise. A configured store that cannot be read stops the platform: running
     * without the anchors an operator meant to trust would refuse every signer chained to them.
     */
    public static TrustAnchors load(Path path, String type, char[] password) {
        String kind = type == null || type.isBlank() ? defaultType(path) : type.strip().toUpperCase(Locale.ROOT);
        try {
            List<X509Certificate> certificates = kind.equals("PEM") ? readPem(path) : readKeyStore(path, kind, password);
            if (certificates.isEmpty()) {
                throw new IllegalStateException("Trust store " + path + " holds no certificate");
            }
            return new TrustAnchors(certificates, count(certificates.size()) + " from " + path);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Trust store " + path + " (" + kind + ") cannot be read: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    private static String defaultType(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pem") || name.endsWith(".crt") ? "PEM" : "PKCS12";
    }

    private static List<X509Certificate> readKeyStore(Path path, String type, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password == null || password.length == 0 ? null : password);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                certificates.add(certificate);
            }
        }
        return certificates;
    }

    private static List<X509Certificate> readPem(Path path) throws IOException, CertificateException {
        if (Files.size(path) > MAX_PEM_BYTES) {
            throw new IOException("larger than " + MAX_PEM_BYTES + " bytes");
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        StringBuilder block = null;
        // ISO-8859-1 reads any byte: comments may hold non-ASCII text; certificates are ASCII.
        for (String line : Files.readAllLines(path, StandardCharsets.ISO_8859_1)) {
            String text = line.strip();
            if (text.equals(BEGIN)) {
                block = new StringBuilder();
            } else if (text.equals(END) && block != null) {
                byte[] der = Base64.getMimeDecoder().decode(block.toString());
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                block = null;
            } else if (block != null && !text.startsWith("#")) {
                block.append(text);
            }
        }
        return certificates;
    }

    public boolean isEmpty() {
        return anchors.isEmpty();
    }

    public int size() {
        return anchors.size();
    }

    /** Where the anchors came from, for the start-up log. */
    public String source() {
        return source;
    }

    /**
     * Null when {@code signer} is an anchor itself or a PKIX path leads from it (through the
     * {@code intermediates} the package carries) to an anchor, every certificate valid at {@code at};
     * otherwise why not, in one line.
     */
    public String problemWith(X509Certificate signer, List<X509Certificate> intermediates, Instant at) {
        if (anchors.isEmpty()) {
            return "no trust store is configured";
        }
        if (anchorFingerprints.contains(Certificates.fingerprint(signer))) {
            try {
                signer.checkValidity(Date.from(at));
                return null;
            } catch (CertificateException e) {
                return "the certificate is not valid at " + at;
            }
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            pool.add(signer);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            parameters.setMaxPathLength(5);
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return null;
        } catch (CertPathBuilderException e) {
            return "no valid certificate path to a trust-store anchor at " + at
                    + (e.getMessage() == null ? "" : " (" + shorten(e.getMessage()) + ")");
        } catch (InvalidAlgorithmParameterException | java.security.NoSuchAlgorithmException e) {
            return "certificate path validation failed (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }
}
