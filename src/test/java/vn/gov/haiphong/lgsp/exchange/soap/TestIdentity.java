package vn.gov.haiphong.lgsp.exchange.soap;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.gov.haiphong.lgsp.security.Certificates;

/** A signing key with its certificate, in a keystore as WSS4J wants it. */
record TestIdentity(KeyStore keyStore, String alias, char[] password, X509Certificate certificate) {

    private static final char[] PASSWORD = "test-only".toCharArray();

    /** A fresh self-signed RSA 2048 / SHA256withRSA certificate, valid from {@code notBefore} to {@code notAfter}. */
    static TestIdentity generate(String commonName, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName + ", O=LGSP test");
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), name,
                    pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(commonName, pair.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
            return new TestIdentity(keyStore, commonName, PASSWORD, certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static TestIdentity generate(String commonName) {
        Instant now = Instant.now();
        return generate(commonName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    static TestIdentity load(Path p12, String alias, String password) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password.toCharArray());
            return new TestIdentity(keyStore, alias, password.toCharArray(), (X509Certificate) keyStore.getCertificate(alias));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String pem() {
        return Certificates.toPem(certificate);
    }
}
