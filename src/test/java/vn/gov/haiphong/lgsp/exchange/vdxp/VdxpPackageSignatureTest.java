package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.exchange.document.DocumentExchange;
import vn.gov.haiphong.lgsp.security.Roles;
import vn.gov.haiphong.lgsp.security.xmldsig.TestSigner;
import vn.gov.haiphong.lgsp.security.xmldsig.TestSigner.Signer;

/**
 * Package signatures over real VDXP HTTP: a system of its own (agency 000.00.85.H27), whose
 * signature policy is switched through the admin API and set back to IF_PRESENT after each test,
 * sends to the ward. The public sample's placeholder signature is accepted with a warning under
 * IF_PRESENT and refused under REQUIRED; genuinely signed packages (certificate registered through
 * the admin API, or issued by the dev trust store's CA) are accepted under REQUIRED, byte for byte.
 */
class VdxpPackageSignatureTest extends VdxpTestSupport {

    static final String AGENCY = "000.00.85.H27";
    static final String SYSTEM = "test.dsig.qlvb";
    static final String SECRET = "test-dsig-secret-for-signature-tests";
    private static final String ADMIN = "/api/admin";

    /** Registered for SYSTEM (once per JVM, through the admin API). */
    private static final Signer REGISTERED = TestSigner.selfSigned("Van thu - test dsig", TestSigner.rsa());
    private static final Signer UNREGISTERED = TestSigner.selfSigned("Somebody else", TestSigner.ec());

    @Autowired
    KafkaProperties kafka;

    private String[] operator() {
        return credentialsWithRole(Roles.OPERATOR);
    }

    private HttpResponse<String> admin(String method, String path, Object body) {
        try {
            return TestHttp.send(method, baseUrl() + ADMIN + path, operator(), "application/json",
                    body == null ? null : json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> systemBody(String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("systemId", SYSTEM);
        body.put("name", "QLVB - package signature tests");
        body.put("ownerAgency", AGENCY);
        body.put("agencies", List.of(AGENCY));
        body.put("protocols", List.of("VDXP_REST"));
        body.put("deliveryMode", "PULL");
        body.put("signaturePolicy", policy);
        body.put("secret", SECRET);
        return body;
    }

    @BeforeEach
    void systemWithRegisteredCertificate() {
        if (TestHttp.get(baseUrl() + ADMIN + "/systems/" + SYSTEM, operator()).statusCode() == 404) {
            Map<String, Object> agency = new LinkedHashMap<>();
            agency.put("code", AGENCY);
            agency.put("name", "Đơn vị thử chữ ký số");
            agency.put("parentCode", "000.00.00.H27");
            agency.put("region", "HP");
            HttpResponse<String> created = admin("POST", "/agencies", agency);
            assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
            HttpResponse<String> system = admin("POST", "/systems", systemBody("IF_PRESENT"));
            assertThat(system.statusCode()).as(system.body()).isEqualTo(201);
            HttpResponse<String> certificate = admin("POST", "/systems/" + SYSTEM + "/certificates",
                    Map.of("pem", REGISTERED.pem()));
            assertThat(certificate.statusCode()).as(certificate.body()).isEqualTo(201);
        }
        setPolicy("IF_PRESENT");
    }

    private void setPolicy(String policy) {
        HttpResponse<String> updated = admin("PUT", "/systems/" + SYSTEM, systemBody(policy));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(read(updated.body()).path("signaturePolicy").asText()).isEqualTo(policy);
    }

    private VdxpTestClient sender() {
        return new VdxpTestClient(baseUrl() + "/vdxp", SYSTEM, SECRET);
    }

    /** The public sample as our agency's document to the ward, with its placeholder signature. */
    private static String sampleText() {
        return documentText(AGENCY, newDocumentId(AGENCY), WARD);
    }

    private static byte[] signed(Signer signer) {
        return TestSigner.sign(TestSigner.utf8(TestSigner.signable(sampleText())), signer);
    }

    private JsonNode acceptedEvent(String docId) {
        try (EventTopicReader events = new EventTopicReader(kafka, json, DocumentExchange.TOPIC)) {
            return events.await("DOCUMENT_ACCEPTED", docId).path("data");
        }
    }

    private static List<String> warnings(JsonNode data) {
        return json(data.path("warnings"));
    }

    private static List<String> json(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void theSamplesPlaceholderSignatureIsAcceptedWithAWarningUnderIfPresentAndRefusedUnderRequired() {
        byte[] sample = TestSigner.utf8(sampleText());

        String docId = sent(sender().sendEdoc(sample, AGENCY, "edoc"));
        JsonNode data = acceptedEvent(docId);
        assertThat(data.path("signature").asText()).isEqualTo("INVALID");
        assertThat(warnings(data)).contains("PKG-310");
        assertThat(data.path("signatureProblem").asText()).contains("namespace-well-formed");

        setPolicy("REQUIRED");
        try {
            // Another DocumentId: the same bytes again would be answered as a replay of the first.
            JsonNode refused = assertRefused(sender().sendEdoc(TestSigner.utf8(sampleText()), AGENCY, "edoc"), "PKG-222");
            assertThat(refused.path("DocId").asText()).isEmpty();
            assertThat(refused.path("ErrorDesc").asText()).contains("does not verify");
            // No XML-DSig signature at all: PKG-221.
            byte[] unsigned = TestSigner.utf8(TestSigner.signable(sampleText()));
            assertThat(assertRefused(sender().sendEdoc(unsigned, AGENCY, "edoc"), "PKG-221")
                    .path("ErrorDesc").asText()).contains("REQUIRED");
        } finally {
            setPolicy("IF_PRESENT");
        }
    }

    @Test
    void aGenuinelySignedPackageIsAcceptedUnderRequiredAndDeliveredByteForByte() {
        setPolicy("REQUIRED");
        try {
            byte[] pkg = signed(REGISTERED);
            String docId = sent(sender().sendEdoc(pkg, AGENCY, "edoc"));

            JsonNode data = acceptedEvent(docId);
            assertThat(data.path("signature").asText()).isEqualTo("VALID");
            assertThat(data.path("signer").asText()).contains("CN=Van thu - test dsig");
            assertThat(data.path("signatureTrust").asText()).isEqualTo("REGISTERED");
            assertThat(data.path("signatureAlgorithm").asText()).isEqualTo("rsa-sha256");
            assertThat(warnings(data)).doesNotContain("PKG-310", "PKG-311");
            // The platform never changes a package: the ward gets the signed bytes as sent.
            byte[] fetched = Base64.getDecoder().decode(assertOk(ward().getEdoc(docId)).path("data").asText());
            assertThat(fetched).isEqualTo(pkg);

            // Changed after signing: refused.
            byte[] tampered = TestSigner.replaceOnce(signed(REGISTERED), "190701", "190799");
            assertRefused(sender().sendEdoc(tampered, AGENCY, "edoc"), "PKG-222");
        } finally {
            setPolicy("IF_PRESENT");
        }
    }

    @Test
    void aSignerNeitherRegisteredNorUnderTheTrustStoreIsRefusedUnderRequiredAndWarnedUnderIfPresent() {
        String docId = sent(sender().sendEdoc(signed(UNREGISTERED), AGENCY, "edoc"));
        JsonNode data = acceptedEvent(docId);
        assertThat(data.path("signature").asText()).isEqualTo("INVALID");
        assertThat(data.path("signer").asText()).contains("CN=Somebody else");
        assertThat(warnings(data)).contains("PKG-311");

        setPolicy("REQUIRED");
        try {
            JsonNode refused = assertRefused(sender().sendEdoc(signed(UNREGISTERED), AGENCY, "edoc"), "PKG-223");
            assertThat(refused.path("ErrorDesc").asText()).contains("not registered for the sending system");
        } finally {
            setPolicy("IF_PRESENT");
        }
    }

    @Test
    void aSignerIssuedByTheDevTrustStoreCaIsTrustedWithoutRegistration() throws IOException {
        X509Certificate devCa = TestSigner.certificateFromPem(Files.readString(Path.of("etc/dev/dev-trust-store.pem")));
        PrivateKey devCaKey = TestSigner.privateKeyFromPem(
                Files.readString(Path.of("etc/dev/dev-package-signing-ca.key.pem")), "EC");
        KeyPair keys = TestSigner.ec();
        Instant now = Instant.now();
        X509Certificate leaf = TestSigner.certificate("Signer under the dev CA", keys, devCa, devCaKey,
                now.minus(1, ChronoUnit.HOURS), now.plus(30, ChronoUnit.DAYS), false);

        setPolicy("REQUIRED");
        try {
            String docId = sent(sender().sendEdoc(signed(new Signer(keys, leaf)), AGENCY, "edoc"));
            JsonNode data = acceptedEvent(docId);
            assertThat(data.path("signature").asText()).isEqualTo("VALID");
            assertThat(data.path("signatureTrust").asText()).isEqualTo("TRUST_STORE");
            assertThat(data.path("signatureAlgorithm").asText()).isEqualTo("ecdsa-sha256");
        } finally {
            setPolicy("IF_PRESENT");
        }
    }

    @Test
    void policyOffChecksNothing() {
        setPolicy("OFF");
        try {
            String docId = sent(sender().sendEdoc(TestSigner.utf8(sampleText()), AGENCY, "edoc"));
            JsonNode data = acceptedEvent(docId);
            assertThat(data.path("signature").asText()).isEqualTo("NOT_CHECKED");
            assertThat(warnings(data)).doesNotContain("PKG-310", "PKG-311");
        } finally {
            setPolicy("IF_PRESENT");
        }
    }
}
