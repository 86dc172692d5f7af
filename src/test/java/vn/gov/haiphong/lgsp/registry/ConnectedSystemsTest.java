package vn.gov.haiphong.lgsp.registry;

import vn.gov.haiphong.lgsp.EventTopicReader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import vn.gov.haiphong.lgsp.security.SecretCipher;

/** Connected systems: write-only secrets stored encrypted, certificates. Codes: 000.ZZ.96. */
class ConnectedSystemsTest extends RegistryTestSupport {

    @Autowired
    SecretCipher cipher;
    @Autowired
    RegistryService registry;
    @Autowired
    AgencyResolver resolver;
    @Autowired
    KafkaProperties kafka;

    static Map<String, Object> systemBody(String systemId, String owner, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("systemId", systemId);
        body.put("name", "Phần mềm thử nghiệm " + systemId);
        body.put("ownerAgency", owner);
        body.put("agencies", List.of(owner));
        body.put("protocols", List.of("VDXP_REST", "SOAP"));
        body.put("deliveryMode", "PULL");
        body.put("signaturePolicy", "IF_PRESENT");
        if (secret != null) {
            body.put("secret", secret);
        }
        return body;
    }

    private String storedSecret(String systemId) {
        return jdbc.sql("SELECT hmac_secret_enc FROM connected_system WHERE system_id = ?").param(systemId)
                .query(String.class).single();
    }

    @Test
    void secretIsWriteOnlyAndStoredEncrypted() {
        createAgency("000.00.96.H27", "Sở Thử nghiệm Chín Sáu", "000.00.00.H27");
        putAlias("000.00.96.H26", "000.00.96.H27");
        String secret = "test-secret-" + UUID.randomUUID();
        String systemId = "test.sys96.qlvb";
        long lastChange = lastChangeId();

        Map<String, Object> body = systemBody(systemId, "000.00.96.H27", secret);
        // An alias given for an agency is stored as the current code it names.
        body.put("agencies", List.of("000.00.96.H26"));
        HttpResponse<String> created = sendJson("POST", ADMIN + "/systems", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(secret);
        JsonNode view = read(created.body());
        assertThat(view.path("systemId").asText()).isEqualTo(systemId);
        assertThat(view.path("hasSecret").asBoolean()).isTrue();
        assertThat(view.path("agencies")).extracting(JsonNode::asText).containsExactly("000.00.96.H27");

        String stored = storedSecret(systemId);
        assertThat(stored).isNotBlank().isNotEqualTo(secret).doesNotContain(secret).startsWith("v1:");
        assertThat(cipher.decrypt(stored)).isEqualTo(secret);
        assertThat(registry.secretOf(resolver.snapshot().system(systemId).orElseThrow())).isEqualTo(secret);

        HttpResponse<String> one = get(ADMIN + "/systems/" + systemId);
        HttpResponse<String> all = get(ADMIN + "/systems");
        HttpResponse<String> changes = get(ADMIN + "/changes?limit=1000");
        HttpResponse<String> resolved = get(ADMIN + "/resolve/000.00.96.H26");
        for (HttpResponse<String> answer : List.of(one, all, changes, resolved)) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).doesNotContain(secret).doesNotContain(stored);
        }
        assertThat(read(one.body()).path("hasSecret").asBoolean()).isTrue();
        assertThat(read(resolved.body()).path("servedBy")).extracting(JsonNode::asText).contains(systemId);
        List<JsonNode> logged = changesSince(lastChange);
        assertThat(logged).anySatisfy(c -> {
            assertThat(c.path("action").asText()).isEqualTo("CREATE");
            assertThat(c.path("entity").asText()).isEqualTo("SYSTEM");
            assertThat(c.path("entityKey").asText()).isEqualTo(systemId);
            assertThat(c.path("detail").path("secretChanged").asBoolean()).isTrue();
        });

        try (EventTopicReader events = new EventTopicReader(kafka, json, RegistryService.TOPIC)) {
            JsonNode event = events.await("SYSTEM_CREATE", systemId);
            assertThat(event.path("data").path("secretChanged").asBoolean()).isTrue();
            assertThat(event.path("data").path("ownerAgency").asText()).isEqualTo("000.00.96.H27");
            awaitOutboxDrained();
            events.readToEnd();
            assertThat(events.raw()).noneMatch(e -> e.contains(secret) || e.contains(stored));
        }
    }

    @Test
    void updateWithoutSecretKeepsItAndANewSecretReplacesIt() {
        createAgency("000.10.96.H27", "Phòng Thử nghiệm Khóa", "000.00.00.H27");
        String systemId = "test.sys96.rotate";
        String first = "first-secret-" + UUID.randomUUID();
        assertThat(sendJson("POST", ADMIN + "/systems", systemBody(systemId, "000.10.96.H27", first)).statusCode())
                .isEqualTo(201);
        String storedFirst = storedSecret(systemId);

        Map<String, Object> rename = systemBody(systemId, "000.10.96.H27", null);
        rename.put("name", "Phần mềm đổi tên");
        HttpResponse<String> renamed = sendJson("PUT", ADMIN + "/systems/" + systemId, rename);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(read(renamed.body()).path("name").asText()).isEqualTo("Phần mềm đổi tên");
        assertThat(storedSecret(systemId)).isEqualTo(storedFirst);

        String second = "second-secret-" + UUID.randomUUID();
        HttpResponse<String> rotated = sendJson("PUT", ADMIN + "/systems/" + systemId,
                systemBody(systemId, "000.10.96.H27", second));
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.body()).doesNotContain(second);
        assertThat(cipher.decrypt(storedSecret(systemId))).isEqualTo(second);
        assertThat(get(ADMIN + "/changes?limit=1000").body()).doesNotContain(first).doesNotContain(second);
    }

    @Test
    void systemDefinitionsAreChecked() {
        createAgency("000.20.96.H27", "Phòng Thử nghiệm Kiểm tra", "000.00.00.H27");
        assertProblem(sendJson("POST", ADMIN + "/systems", systemBody("test.sys96.unknown", "000.29.96.H27",
                "long-enough-secret-1")), 422, "REG-123");
        Map<String, Object> push = systemBody("test.sys96.push", "000.20.96.H27", "long-enough-secret-2");
        push.put("deliveryMode", "PUSH");
        assertProblem(sendJson("POST", ADMIN + "/systems", push), 422, "REG-123");
        JsonNode shortSecret = assertProblem(sendJson("POST", ADMIN + "/systems",
                systemBody("test.sys96.short", "000.20.96.H27", "short")), 400, "LGSP-400");
        assertThat(shortSecret.toString()).doesNotContain("\"short\"");
        assertThat(sendJson("POST", ADMIN + "/systems", systemBody("test.sys96.twice", "000.20.96.H27", null))
                .statusCode()).isEqualTo(201);
        assertProblem(sendJson("POST", ADMIN + "/systems", systemBody("test.sys96.twice", "000.20.96.H27", null)),
                409, "REG-122");
        assertThat(read(get(ADMIN + "/systems/test.sys96.twice").body()).path("hasSecret").asBoolean()).isFalse();
        assertProblem(get(ADMIN + "/systems/test.sys96.none"), 404, "REG-121");
    }

    @Test
    void certificateIsListedWithFingerprintAndValidity() throws Exception {
        createAgency("000.30.96.H27", "Phòng Thử nghiệm Chứng thư", "000.00.00.H27");
        String systemId = "test.sys96.cert";
        assertThat(sendJson("POST", ADMIN + "/systems", systemBody(systemId, "000.30.96.H27", null)).statusCode())
                .isEqualTo(201);
        X509Certificate certificate = selfSigned("CN=" + systemId + ",O=LGSP Hai Phong Test,C=VN");
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(certificate.getEncoded()));

        HttpResponse<String> added = sendJson("POST", ADMIN + "/systems/" + systemId + "/certificates",
                Map.of("pem", pem(certificate)));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode answer = read(added.body());
        assertThat(answer.path("fingerprint").asText()).isEqualTo(fingerprint);

        JsonNode listed = getJson(ADMIN + "/systems/" + systemId).path("certificates");
        assertThat(listed).hasSize(1);
        JsonNode c = listed.get(0);
        assertThat(c.path("fingerprint").asText()).isEqualTo(fingerprint);
        assertThat(c.path("subject").asText()).contains("CN=" + systemId);
        assertThat(c.path("issuer").asText()).isEqualTo(c.path("subject").asText());
        assertThat(c.path("serial").asText()).isEqualTo(certificate.getSerialNumber().toString(16));
        assertThat(Instant.parse(c.path("notBefore").asText())).isEqualTo(certificate.getNotBefore().toInstant());
        assertThat(Instant.parse(c.path("notAfter").asText())).isEqualTo(certificate.getNotAfter().toInstant());
        assertThat(c.has("pem")).isFalse();

        assertProblem(sendJson("POST", ADMIN + "/systems/" + systemId + "/certificates",
                Map.of("pem", pem(certificate))), 409, "REG-125");
        assertThat(delete(ADMIN + "/systems/" + systemId + "/certificates/" + fingerprint).statusCode()).isEqualTo(204);
        assertThat(getJson(ADMIN + "/systems/" + systemId).path("certificates")).isEmpty();
        assertThat(getJson(ADMIN + "/systems/" + systemId).path("certificates").isArray()).isTrue();
    }

    @Test
    void garbagePemIsRefused() {
        createAgency("000.40.96.H27", "Phòng Thử nghiệm Rác", "000.00.00.H27");
        String systemId = "test.sys96.garbage";
        assertThat(sendJson("POST", ADMIN + "/systems", systemBody(systemId, "000.40.96.H27", null)).statusCode())
                .isEqualTo(201);
        String armoredGarbage = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getEncoder().encodeToString("không phải chứng thư".getBytes(StandardCharsets.UTF_8))
                + "\n-----END CERTIFICATE-----\n";
        for (String pem : List.of("garbage", armoredGarbage, "")) {
            assertProblem(sendJson("POST", ADMIN + "/systems/" + systemId + "/certificates", Map.of("pem", pem)),
                    422, "REG-124");
        }
        assertThat(getJson(ADMIN + "/systems/" + systemId).path("certificates")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM system_certificate WHERE system_id = ?").param(systemId)
                .query(Integer.class).single()).isZero();
    }

    static X509Certificate selfSigned(String dn) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name(dn);
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), name,
                keys.getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
