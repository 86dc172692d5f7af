package vn.gov.haiphong.lgsp.security.xmldsig;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.gov.haiphong.lgsp.security.xmldsig.TestSigner.replaceOnce;
import static vn.gov.haiphong.lgsp.security.xmldsig.TestSigner.sign;
import static vn.gov.haiphong.lgsp.security.xmldsig.TestSigner.utf8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.gov.haiphong.lgsp.registry.SystemCertificate;
import vn.gov.haiphong.lgsp.security.xmldsig.SignatureResult.Problem;
import vn.gov.haiphong.lgsp.security.xmldsig.SignatureResult.Status;
import vn.gov.haiphong.lgsp.security.xmldsig.SignatureResult.Trust;
import vn.gov.haiphong.lgsp.security.xmldsig.TestSigner.Options;
import vn.gov.haiphong.lgsp.security.xmldsig.TestSigner.Signer;

/** The verifier on packages signed here, with keys and certificates made here, and on the public samples. */
class PackageSignatureVerifierTest {

    private static final KeyPair RSA = TestSigner.rsa();
    private static final Signer AGENCY = TestSigner.selfSigned("Van thu So Noi vu", RSA);
    private static final Signer STRANGER = TestSigner.selfSigned("Nobody registered", TestSigner.rsa());

    private final PackageSignatureVerifier verifier =
            new PackageSignatureVerifier(TrustAnchors.none(), true, Clock.systemUTC());

    static byte[] sample(String name) {
        try (InputStream in = PackageSignatureVerifierTest.class.getResourceAsStream("/edxml/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public document sample, its placeholder signature removed and prefixes declared. */
    static byte[] document() {
        return utf8(TestSigner.signable(utf8(sample("edoc-new-small.edxml"))));
    }

    private SignatureResult verify(byte[] pkg, SystemCertificate... registered) {
        byte[] copy = pkg.clone();
        SignatureResult result = verifier.verify(pkg, List.of(registered));
        assertThat(pkg).as("the verifier never changes the package").isEqualTo(copy);
        return result;
    }

    private static void assertInvalid(SignatureResult result, Problem problem, String reasonPart) {
        assertThat(result.status()).as(result.toString()).isEqualTo(Status.INVALID);
        assertThat(result.problem()).as(result.toString()).isEqualTo(problem);
        assertThat(result.reason()).contains(reasonPart);
    }

    // --- valid --------------------------------------------------------------------------------

    @Test
    void aPackageSignedWithARegisteredCertificateIsValid() {
        byte[] signed = sign(document(), AGENCY);

        SignatureResult result = verify(signed, AGENCY.registered());

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.VALID);
        assertThat(result.trust()).isEqualTo(Trust.REGISTERED);
        assertThat(result.signer()).isEqualTo(AGENCY.certificate().getSubjectX500Principal().getName())
                .contains("CN=Van thu So Noi vu");
        assertThat(result.algorithm()).isEqualTo("rsa-sha256");
        assertThat(result.eventData()).containsEntry("signature", "VALID").containsEntry("signatureTrust", "REGISTERED");
    }

    @Test
    void ecdsaSha256AndALeadingBomAndWhitespaceAreAccepted() {
        Signer ec = TestSigner.selfSigned("EC signer", TestSigner.ec());
        byte[] signed = sign(document(), ec, Options.standard().withSignatureMethod(XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256));
        byte[] withBom = new byte[signed.length + 5];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        withBom[3] = '\r';
        withBom[4] = '\n';
        System.arraycopy(signed, 0, withBom, 5, signed.length);

        SignatureResult result = verify(withBom, ec.registered());

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.VALID);
        assertThat(result.algorithm()).isEqualTo("ecdsa-sha256");
    }

    @Test
    void aStatusPackageSignedIsValidAndUnsignedIsAbsent() {
        byte[] status = sample("status-01-arrived.edxml");
        assertThat(verify(status).status()).isEqualTo(Status.ABSENT);
        assertThat(verify(sign(status, AGENCY), AGENCY.registered()).status()).isEqualTo(Status.VALID);
    }

    @Test
    void rsaSha1IsAcceptedOnlyWhileConfiguredSo() {
        byte[] signed = sign(document(), AGENCY, Options.standard()
                .withSignatureMethod(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1)
                .withDigestMethod("http://www.w3.org/2000/09/xmldsig#sha1"));

        SignatureResult legacy = verify(signed, AGENCY.registered());
        assertThat(legacy.status()).as(legacy.toString()).isEqualTo(Status.VALID);
        assertThat(legacy.algorithm()).isEqualTo("rsa-sha1");

        PackageSignatureVerifier strict = new PackageSignatureVerifier(TrustAnchors.none(), false, Clock.systemUTC());
        SignatureResult refused = strict.verify(signed, List.of(AGENCY.registered()));
        assertInvalid(refused, Problem.DOES_NOT_VERIFY, "rsa-sha1 is not accepted");
    }

    // --- the content or the signature changed ----------------------------------------------------

    @Test
    void contentChangedAfterSigningDoesNotVerify() {
        byte[] signed = sign(document(), AGENCY);
        byte[] tampered = replaceOnce(signed, "Văn bản liên thông chỉ đạo - 190701", "Văn bản liên thông chỉ đạo - 190702");

        assertInvalid(verify(tampered, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "changed after it was signed");
    }

    @Test
    void aRecipientChangedAfterSigningDoesNotVerify() {
        byte[] signed = sign(document(), AGENCY);
        byte[] redirected = replaceOnce(signed, "<edXML:OrganId>000.00.15.H51</edXML:OrganId>",
                "<edXML:OrganId>000.00.02.H27</edXML:OrganId>");

        assertInvalid(verify(redirected, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "changed after it was signed");
    }

    @Test
    void aForgedSignatureValueDoesNotVerify() {
        byte[] signed = sign(document(), AGENCY);
        Document dom = TestSigner.parse(signed);
        Element value = TestSigner.dsig(dom, "SignatureValue");
        // Another key's signature over the same SignedInfo: the value does not match this certificate.
        byte[] byStranger = sign(document(), STRANGER);
        value.setTextContent(TestSigner.dsig(TestSigner.parse(byStranger), "SignatureValue").getTextContent());

        assertInvalid(verify(TestSigner.serialize(dom), AGENCY.registered()), Problem.DOES_NOT_VERIFY,
                "SignatureValue does not match");
    }

    // --- who signed ----------------------------------------------------------------------------

    @Test
    void aCertificateNotRegisteredForTheSenderIsNotTrusted() {
        byte[] signed = sign(document(), STRANGER);

        SignatureResult result = verify(signed, AGENCY.registered());

        assertInvalid(result, Problem.SIGNER_NOT_TRUSTED, "not registered for the sending system");
        assertThat(result.signer()).contains("CN=Nobody registered");
    }

    @Test
    void aCertificateChainedToATrustStoreAnchorIsTrustedWithoutRegistration() {
        Instant now = Instant.now();
        KeyPair caKeys = TestSigner.ec();
        X509Certificate ca = TestSigner.certificate("Test Root CA", caKeys, null, caKeys.getPrivate(),
                now.minus(10, ChronoUnit.DAYS), now.plus(3650, ChronoUnit.DAYS), true);
        KeyPair intermediateKeys = TestSigner.ec();
        X509Certificate intermediate = TestSigner.certificate("Test Issuing CA", intermediateKeys, ca,
                caKeys.getPrivate(), now.minus(5, ChronoUnit.DAYS), now.plus(1000, ChronoUnit.DAYS), true);
        KeyPair leafKeys = TestSigner.ec();
        X509Certificate leaf = TestSigner.certificate("Signer under the anchor", leafKeys, intermediate,
                intermediateKeys.getPrivate(), now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS), false);
        PackageSignatureVerifier anchored = new PackageSignatureVerifier(TrustAnchors.of(List.of(ca)), true,
                Clock.systemUTC());

        // The intermediate travels in KeyInfo after the signer's certificate.
        byte[] signed = sign(document(), new Signer(leafKeys, leaf, List.of(intermediate)));
        SignatureResult result = anchored.verify(signed, List.of());
        assertThat(result.status()).as(result.toString()).isEqualTo(Status.VALID);
        assertThat(result.trust()).isEqualTo(Trust.TRUST_STORE);
        assertThat(result.signer()).contains("CN=Signer under the anchor");
        // Again, from the caches: same verdict.
        assertThat(anchored.verify(signed, List.of()).status()).isEqualTo(Status.VALID);

        // Without the intermediate no path reaches the anchor; a stranger's certificate has none either.
        byte[] leafOnly = sign(document(), new Signer(leafKeys, leaf));
        assertInvalid(anchored.verify(leafOnly, List.of()), Problem.SIGNER_NOT_TRUSTED, "trust-store anchor");
        assertInvalid(anchored.verify(sign(document(), STRANGER), List.of()), Problem.SIGNER_NOT_TRUSTED,
                "trust-store anchor");
    }

    @Test
    void anExpiredCertificateIsNotTrustedRegisteredOrAnchored() {
        Instant now = Instant.now();
        KeyPair keys = TestSigner.ec();
        X509Certificate expired = TestSigner.certificate("Expired signer", keys, null, keys.getPrivate(),
                now.minus(400, ChronoUnit.DAYS), now.minus(35, ChronoUnit.DAYS), false);
        byte[] signed = sign(document(), new Signer(keys, expired));

        assertInvalid(verify(signed, TestSigner.registered(expired)), Problem.SIGNER_NOT_TRUSTED, "not valid now");

        PackageSignatureVerifier anchored = new PackageSignatureVerifier(TrustAnchors.of(List.of(expired)), true,
                Clock.systemUTC());
        assertInvalid(anchored.verify(signed, List.of()), Problem.SIGNER_NOT_TRUSTED, "not valid now");

        // The same package checked at a time the certificate was valid: trusted.
        PackageSignatureVerifier lastYear = new PackageSignatureVerifier(TrustAnchors.none(), true,
                Clock.fixed(now.minus(100, ChronoUnit.DAYS), java.time.ZoneOffset.UTC));
        assertThat(lastYear.verify(signed, List.of(TestSigner.registered(expired))).status()).isEqualTo(Status.VALID);
    }

    // --- what may be signed, and how ---------------------------------------------------------

    @Test
    void anExternalReferenceIsRefusedWithoutBeingFetched() throws Exception {
        byte[] signed = sign(document(), AGENCY);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(300);
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/signed-content.xml";
            for (String uri : List.of(url, "file:///etc/passwd", "signed-content.xml")) {
                byte[] external = replaceOnce(signed, "URI=\"\"", "URI=\"" + uri + "\"");
                assertInvalid(verify(external, AGENCY.registered()), Problem.DOES_NOT_VERIFY,
                        "only URI=\"\" (the whole package, same document) is accepted");
            }
            try {
                listener.accept().close();
                throw new AssertionError("the verifier connected to the external URI");
            } catch (SocketTimeoutException expected) {
                // nobody came: nothing was fetched
            }
        }
    }

    @Test
    void algorithmsOtherThanTheAcceptedOnesAreRefused() {
        byte[] sha512 = sign(document(), AGENCY, Options.standard()
                .withSignatureMethod(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512));
        assertInvalid(verify(sha512, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "rsa-sha512 is not accepted");

        byte[] digest512 = sign(document(), AGENCY, Options.standard()
                .withDigestMethod("http://www.w3.org/2001/04/xmlenc#sha512"));
        assertInvalid(verify(digest512, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "DigestMethod");

        // An HMAC "signature" needs no certificate at all: refused before any key is looked for.
        byte[] hmac = replaceOnce(sign(document(), AGENCY), "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                "http://www.w3.org/2000/09/xmldsig#hmac-sha1");
        assertInvalid(verify(hmac, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "hmac-sha1 is not accepted");

        // A transform beyond enveloped-signature and canonicalisation (XPath filter) is refused.
        byte[] xpath = replaceOnce(sign(document(), AGENCY),
                "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
                        + "<ds:XPath>not(ancestor-or-self::*[local-name()='MessageHeader'])</ds:XPath></ds:Transform>");
        assertInvalid(verify(xpath, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "is not accepted");
    }

    @Test
    void aSecondSignatureIsAWrappingAttemptAndRefused() {
        byte[] signed = sign(document(), AGENCY);
        Document dom = TestSigner.parse(signed);
        Element signature = TestSigner.dsig(dom, "Signature");
        // A copy of the signature hidden in the body (where a careless verifier might pick either).
        Element body = (Element) dom.getElementsByTagNameNS(TestSigner.EDXML_NS, "edXMLBody").item(0);
        body.appendChild(signature.cloneNode(true));

        assertInvalid(verify(TestSigner.serialize(dom), AGENCY.registered()), Problem.DOES_NOT_VERIFY,
                "2 XML-DSig Signature elements");
    }

    @Test
    void aSignatureOverPartOfThePackageIsRefusedEvenThoughItVerifies() {
        // The signer signed only the body (Reference URI="#body"); the routing header is unsigned
        // and anyone could change it: cryptographically sound, and still refused.
        byte[] partial = sign(document(), AGENCY, Options.standard().withReferenceUri("#body"));
        byte[] rerouted = replaceOnce(partial, "<edXML:OrganId>000.00.15.H51</edXML:OrganId>",
                "<edXML:OrganId>000.00.02.H27</edXML:OrganId>");

        assertInvalid(verify(partial, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "URI=\"#body\"");
        assertInvalid(verify(rerouted, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "URI=\"#body\"");
    }

    @Test
    void aSignatureMovedOutOfTheHeaderIsRefused() {
        byte[] signed = sign(document(), AGENCY);
        Document dom = TestSigner.parse(signed);
        Element signature = TestSigner.dsig(dom, "Signature");
        Element body = (Element) dom.getElementsByTagNameNS(TestSigner.EDXML_NS, "edXMLBody").item(0);
        body.appendChild(signature);

        assertInvalid(verify(TestSigner.serialize(dom), AGENCY.registered()), Problem.DOES_NOT_VERIFY,
                "not a child of edXML/edXMLEnvelope/edXMLHeader");
    }

    @Test
    void aSignatureWithoutCertificateCannotNameItsSigner() {
        byte[] signed = sign(document(), AGENCY);
        Document dom = TestSigner.parse(signed);
        Element keyInfo = TestSigner.dsig(dom, "KeyInfo");
        keyInfo.getParentNode().removeChild(keyInfo);

        assertInvalid(verify(TestSigner.serialize(dom), AGENCY.registered()), Problem.DOES_NOT_VERIFY,
                "KeyInfo carries no X509Data/X509Certificate");
    }

    // --- the public samples and hostile input ------------------------------------------------

    @Test
    void thePublicSamplesPlaceholderSignaturesDoNotVerify() {
        // As published: prefixes used out of scope, so not namespace-well-formed.
        assertInvalid(verify(sample("edoc-new-small.edxml")), Problem.DOES_NOT_VERIFY, "namespace-well-formed");
        // Made readable, the placeholder (RSA-SHA1, VNPT-CA certificate of 2017) does not match the content.
        byte[] readable = utf8(utf8(sample("edoc-new-small.edxml")).replace(
                "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">",
                "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\" xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\""
                        + " xmlns:xlink=\"http://www.w3.org/1999/xlink\">"));
        SignatureResult placeholder = verify(readable);
        assertThat(placeholder.status()).as(placeholder.toString()).isEqualTo(Status.INVALID);
        assertThat(placeholder.problem()).isEqualTo(Problem.DOES_NOT_VERIFY);
        // The attachment sample's Signature is in the edXML namespace: no XML-DSig signature at all here
        // (PackageSignatures turns that into INVALID with the parser's knowledge).
        assertThat(verify(sample("edoc-new-with-attachment.edxml")).status()).isEqualTo(Status.ABSENT);
    }

    @Test
    void bytesAnEarlierParseFoundNotNamespaceWellFormedAreNotParsedAgain() {
        byte[] signed = sign(document(), AGENCY);
        assertThat(verify(signed, AGENCY.registered()).status()).isEqualTo(Status.VALID);

        // The reason given is the verdict's: these bytes were not parsed again (parsed, they verify).
        String problem = "PKG-308: xlink:href at line 116";
        SignatureResult result = verifier.verify(signed, List.of(AGENCY.registered()), problem);
        assertInvalid(result, Problem.DOES_NOT_VERIFY, "not namespace-well-formed XML (" + problem + ")");
        assertThat(verifier.verify(document(), List.of(AGENCY.registered()), problem).status())
                .as("no signature at all stays ABSENT").isEqualTo(Status.ABSENT);
    }

    @Test
    void aDoctypeIsRefusedWithoutExpansion() {
        byte[] signed = sign(document(), AGENCY);
        String text = utf8(signed);
        int rootStart = text.indexOf("<edXML ");
        byte[] hostile = utf8(text.substring(0, rootStart)
                + "<!DOCTYPE edXML [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + text.substring(rootStart));

        assertInvalid(verify(hostile, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "namespace-well-formed");
    }

    @Test
    void nestingBeyondTheDepthLimitIsRefused() {
        byte[] signed = sign(document(), AGENCY);
        String deep = "<x>".repeat(SignatureDom.MAX_DEPTH + 10) + "</x>".repeat(SignatureDom.MAX_DEPTH + 10);
        byte[] hostile = replaceOnce(signed, "<edXML:Content>", "<edXML:Content>" + deep);

        SignatureResult result = verify(hostile, AGENCY.registered());
        assertInvalid(result, Problem.DOES_NOT_VERIFY, "namespace-well-formed");
        assertThat(result.reason()).containsIgnoringCase("depth");
    }

    @Test
    void garbageInsideTheSignatureEndsInAVerdict() {
        byte[] signed = sign(document(), AGENCY);
        byte[] badCertificate = utf8(utf8(signed).replaceFirst("<ds:X509Certificate>[^<]*</ds:X509Certificate>",
                "<ds:X509Certificate>bm90IGEgY2VydGlmaWNhdGU=</ds:X509Certificate>"));
        assertInvalid(verify(badCertificate, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "not a readable X.509");

        byte[] noSignedInfo = utf8(utf8(signed).replaceFirst("(?s)<ds:SignedInfo>.*</ds:SignedInfo>", ""));
        assertInvalid(verify(noSignedInfo, AGENCY.registered()), Problem.DOES_NOT_VERIFY, "not acceptable XML-DSig");

        byte[] justTheNamespace = replaceOnce(document(), "<edXML:Content>",
                "<edXML:Content xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">");
        assertThat(verify(justTheNamespace).status()).isEqualTo(Status.ABSENT);
        assertThat(Arrays.equals(justTheNamespace, document())).isFalse();
    }
}
