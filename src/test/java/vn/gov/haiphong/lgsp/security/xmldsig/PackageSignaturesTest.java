package vn.gov.haiphong.lgsp.security.xmldsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.gov.haiphong.lgsp.security.xmldsig.PackageSignatureVerifierTest.document;
import static vn.gov.haiphong.lgsp.security.xmldsig.PackageSignatureVerifierTest.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.security.xmldsig.SignatureResult.Status;
import vn.gov.haiphong.lgsp.security.xmldsig.TestSigner.Signer;

/** Each signature policy applied to each outcome, and the trust store files the platform reads. */
class PackageSignaturesTest {

    private static final Signer AGENCY = TestSigner.selfSigned("Policy test signer", TestSigner.ec());
    private static final Signer STRANGER = TestSigner.selfSigned("Policy test stranger", TestSigner.ec());

    private final PackageSignatures signatures =
            new PackageSignatures(new PackageSignatureVerifier(TrustAnchors.none(), true, Clock.systemUTC()));

    private static ConnectedSystem system(SignaturePolicy policy) {
        return new ConnectedSystem("test.policy", "Policy test", "000.00.02.H27", Set.of("000.00.02.H27"),
                Set.of(Protocol.VDXP_REST), DeliveryMode.PULL, null, policy, true, null, List.of(AGENCY.registered()));
    }

    private static String codeOf(Runnable call) {
        try {
            call.run();
        } catch (LgspException e) {
            return e.error().code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void offChecksNothing() {
        byte[] tampered = TestSigner.replaceOnce(TestSigner.sign(document(), AGENCY), "190701", "190702");
        assertThat(signatures.check(system(SignaturePolicy.OFF), tampered, true, null).status()).isEqualTo(Status.NOT_CHECKED);
    }

    @Test
    void ifPresentAcceptsEveryOutcomeAndSaysWhichItWas() {
        ConnectedSystem system = system(SignaturePolicy.IF_PRESENT);
        assertThat(signatures.check(system, TestSigner.sign(document(), AGENCY), true, null).status()).isEqualTo(Status.VALID);
        assertThat(signatures.check(system, document(), false, null).status()).isEqualTo(Status.ABSENT);
        SignatureResult stranger = signatures.check(system, TestSigner.sign(document(), STRANGER), true, null);
        assertThat(stranger.status()).isEqualTo(Status.INVALID);
        assertThat(stranger.problem()).isEqualTo(SignatureResult.Problem.SIGNER_NOT_TRUSTED);
        // The attachment sample: a Signature in the edXML namespace is no XML-DSig signature.
        SignatureResult edxmlNamespace = signatures.check(system, sample("edoc-new-with-attachment.edxml"), true, null);
        assertThat(edxmlNamespace.status()).isEqualTo(Status.INVALID);
        assertThat(edxmlNamespace.reason()).contains("not in the XML-DSig namespace");
    }

    @Test
    void requiredAcceptsOnlyValidAndRefusesTheRestWithTheirCodes() {
        ConnectedSystem system = system(SignaturePolicy.REQUIRED);
        SignatureResult valid = signatures.check(system, TestSigner.sign(document(), AGENCY), true, null);
        assertThat(valid.status()).isEqualTo(Status.VALID);

        assertThat(codeOf(() -> signatures.check(system, document(), false, null))).isEqualTo("PKG-221");
        assertThat(codeOf(() -> signatures.check(system, sample("edoc-new-small.edxml"), true, null))).isEqualTo("PKG-222");
        assertThat(codeOf(() -> signatures.check(system, sample("edoc-new-with-attachment.edxml"), true, null)))
                .isEqualTo("PKG-222");
        assertThat(codeOf(() -> signatures.check(system, TestSigner.sign(document(), STRANGER), true, null)))
                .isEqualTo("PKG-223");
        assertThatThrownBy(() -> signatures.check(system, TestSigner.sign(document(), STRANGER), true, null))
                .hasMessageContaining("CN=Policy test stranger").hasMessageContaining("not registered");
    }

    @Test
    void trustStoresAreReadAsPemWithCommentsOrPkcs12(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        var caKeys = TestSigner.ec();
        X509Certificate ca = TestSigner.certificate("Store CA", caKeys, null, caKeys.getPrivate(),
                now.minus(1, ChronoUnit.DAYS), now.plus(100, ChronoUnit.DAYS), true);

        Path pem = dir.resolve("anchors.pem");
        Files.writeString(pem, "# DEV ONLY — a comment with non-ASCII text\n" + AGENCY.pem() + "\n# second\n"
                + vn.gov.haiphong.lgsp.security.Certificates.toPem(ca));
        TrustAnchors fromPem = TrustAnchors.load(pem, "", null);
        assertThat(fromPem.size()).isEqualTo(2);
        assertThat(fromPem.problemWith(AGENCY.certificate(), List.of(), now)).as("an anchor itself").isNull();

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        Path p12 = dir.resolve("anchors.p12");
        try (var out = Files.newOutputStream(p12)) {
            store.store(out, "changeit".toCharArray());
        }
        TrustAnchors fromP12 = TrustAnchors.load(p12, null, "changeit".toCharArray());
        assertThat(fromP12.size()).isEqualTo(1);
        var leafKeys = TestSigner.ec();
        X509Certificate leaf = TestSigner.certificate("Under the store CA", leafKeys, ca, caKeys.getPrivate(),
                now.minus(1, ChronoUnit.HOURS), now.plus(10, ChronoUnit.DAYS), false);
        assertThat(fromP12.problemWith(leaf, List.of(), now)).isNull();
        assertThat(fromP12.problemWith(STRANGER.certificate(), List.of(), now)).contains("no valid certificate path");

        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "# nothing here\n");
        assertThatThrownBy(() -> TrustAnchors.load(empty, "PEM", null)).hasMessageContaining("holds no certificate");
        assertThatThrownBy(() -> new PackageSignatures(dir.resolve("missing.p12").toString(), "", "", true))
                .hasMessageContaining("not a readable file");
    }

    @Test
    void theDevTrustStoreHoldsTheDevCaAndItsKeyIssuesTrustedCertificates() throws Exception {
        TrustAnchors dev = TrustAnchors.load(Path.of("etc/dev/dev-trust-store.pem"), "PEM", null);
        assertThat(dev.size()).isEqualTo(1);
        X509Certificate devCa = TestSigner.certificateFromPem(Files.readString(Path.of("etc/dev/dev-trust-store.pem")));
        assertThat(devCa.getSubjectX500Principal().getName()).contains("DEV ONLY");
        var caKey = TestSigner.privateKeyFromPem(Files.readString(Path.of("etc/dev/dev-package-signing-ca.key.pem")), "EC");
        var keys = TestSigner.ec();
        Instant now = Instant.now();
        X509Certificate leaf = TestSigner.certificate("Dev signer", keys, devCa, caKey, now.minus(1, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.DAYS), false);
        assertThat(dev.problemWith(leaf, List.of(), now)).isNull();
    }
}
