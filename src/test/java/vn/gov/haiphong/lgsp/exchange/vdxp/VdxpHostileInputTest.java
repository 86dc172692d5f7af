package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import vn.gov.haiphong.lgsp.RawHttp;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient.Reply;
import vn.gov.haiphong.lgsp.security.Roles;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpHashFile;

/**
 * Hostile or broken VDXP calls: each refused with its catalogue code in the envelope (HTTP 200,
 * status FAIL, DocId "" on sendEdoc, never a JSON null), and nothing stored. Registry data made
 * here: codes 000.00.8x.H27, systems test.vdxp8x.*.
 */
class VdxpHostileInputTest extends VdxpTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${lgsp.limits.vdxp-request-body}")
    DataSize limit;

    // --- authentication -----------------------------------------------------------------------

    @Test
    void aBadHmacIsRefused() {
        VdxpTestClient impostor = new VdxpTestClient(baseUrl() + "/vdxp", HOME_AFFAIRS_SYSTEM, "not-the-secret-" + UUID.randomUUID());
        String edxmlId = newDocumentId(HOME_AFFAIRS);
        assertSendReply(impostor.sendEdoc(document(HOME_AFFAIRS, edxmlId, WARD), HOME_AFFAIRS, "edoc"), "VDXP-103");
        assertNothingStored(edxmlId);
        assertRefused(impostor.receivedList("edoc"), "VDXP-103");

        // Signed correctly, then a signed value changed on the way.
        VdxpTestClient home = homeAffairs();
        Map<String, String> wire = home.signer().sign(home.logicalHeaders(
                VdxpTestClient.params("servicetype", "eDoc", "messagetype", "edoc"), "application/json"));
        wire.put("XroadVnpt-sign-header", wire.get("XroadVnpt-sign-header").replace("\"edoc\"", "\"status\""));
        assertRefused(home.send("POST", "getReceivedEdocList", wire, new byte[0], false), "VDXP-103");
    }

    @Test
    void missingOrAmbiguousSignatureHeadersAreRefused() {
        VdxpTestClient home = homeAffairs();
        assertRefused(home.send("POST", "getReceivedEdocList", Map.of("Content-Type", "application/json"),
                new byte[0], false), "VDXP-101");
        Map<String, String> wire = home.signer().sign(home.logicalHeaders(Map.of(), "application/json"));
        wire.remove("XroadVnpt-hash-header");
        assertRefused(home.send("POST", "getAgenciesList", wire, new byte[0], false), "VDXP-101");

        // The same header twice with different values.
        Map<String, String> signed = home.signer().sign(home.logicalHeaders(Map.of(), "application/json"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/vdxp/getAgenciesList"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
        signed.forEach(request::header);
        request.header("XroadVnpt-systemid", WARD_SYSTEM);
        HttpResponse<String> response = TestHttp.send(request.build());
        assertRefused(new Reply(response.statusCode(), response.body().getBytes(StandardCharsets.UTF_8),
                readJson(response.body())), "VDXP-102");
    }

    @Test
    void unknownDisabledAndNonVdxpSystemsAreRefused() {
        assertRefused(new VdxpTestClient(baseUrl() + "/vdxp", "no.such.system", "whatever-secret-value")
                .receivedList("edoc"), "EXC-301");

        createAgencyIfAbsent("000.00.81.H27", "Sở Thử nghiệm VDXP Tám Mốt");
        String disabledSecret = "disabled-" + UUID.randomUUID();
        createSystem("test.vdxp81.disabled", "000.00.81.H27", List.of("VDXP_REST"), false, disabledSecret);
        VdxpTestClient disabled = new VdxpTestClient(baseUrl() + "/vdxp", "test.vdxp81.disabled", disabledSecret);
        assertRefused(disabled.receivedList("edoc"), "EXC-302");
        String edxmlId = newDocumentId("000.00.81.H27");
        assertSendReply(disabled.sendEdoc(document("000.00.81.H27", edxmlId, WARD), "000.00.81.H27", "edoc"),
                "EXC-302");
        assertNothingStored(edxmlId);

        String soapSecret = "soap-only-" + UUID.randomUUID();
        createSystem("test.vdxp81.soap", "000.00.81.H27", List.of("SOAP"), true, soapSecret);
        assertRefused(new VdxpTestClient(baseUrl() + "/vdxp", "test.vdxp81.soap", soapSecret).agencies("getAgenciesList"),
                "EXC-303");
    }

    // --- routing ------------------------------------------------------------------------------

    @Test
    void aSystemMayNotSendForAnAgencyItDoesNotActFor() {
        String edxmlId = newDocumentId(WARD);
        // Sở Nội vụ's software claims to send as the ward (by either of its codes).
        assertSendReply(homeAffairs().sendEdoc(document(WARD, edxmlId, HOME_AFFAIRS), WARD, "edoc"), "EXC-304");
        assertSendReply(homeAffairs().sendEdoc(document(WARD_H26, edxmlId, HOME_AFFAIRS), WARD_H26, "edoc"),
                "EXC-304");
        // A From no registry knows.
        assertSendReply(homeAffairs().sendEdoc(document("000.00.89.H27", edxmlId, WARD), "000.00.89.H27", "edoc"),
                "EXC-304");
        assertNothingStored(edxmlId);
    }

    @Test
    void unknownOrUnservedRecipientsRefuseTheWholePackage() {
        String edxmlId = newDocumentId(HOME_AFFAIRS);
        // One good recipient and one unknown: nothing is accepted, not even for the good one.
        Reply unknown = homeAffairs().sendEdoc(document(HOME_AFFAIRS, edxmlId, WARD, "000.00.88.H27"), HOME_AFFAIRS,
                "edoc");
        assertSendReply(unknown, "EXC-305");
        assertThat(unknown.json().path("ErrorDesc").asText()).contains("000.00.88.H27");

        createAgencyIfAbsent("000.00.82.H27", "Sở Thử nghiệm VDXP Tám Hai (chưa có phần mềm)");
        assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, edxmlId, "000.00.82.H27"), HOME_AFFAIRS,
                "edoc"), "EXC-306");
        assertNothingStored(edxmlId);
    }

    @Test
    void statusesMustReferToADocumentSentToTheirSender() {
        VdxpTestClient ward = ward();
        // No such document.
        assertSendReply(ward.sendEdoc(status(WARD, HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), "01"), WARD, "status"),
                "EXC-310");
        // ResponseFor names an agency no registry knows.
        assertSendReply(ward.sendEdoc(status(WARD, "000.00.88.H27", newDocumentId(HOME_AFFAIRS), "01"), WARD,
                "status"), "EXC-305");

        // A real document, but the status comes from an agency it was not sent to (the sender itself).
        String edxmlId = newDocumentId(HOME_AFFAIRS);
        String docId = sent(homeAffairs().sendEdoc(document(HOME_AFFAIRS, edxmlId, WARD), HOME_AFFAIRS, "edoc"));
        assertSendReply(homeAffairs().sendEdoc(status(HOME_AFFAIRS, HOME_AFFAIRS, edxmlId, "03"), HOME_AFFAIRS,
                "status"), "EXC-311");
        assertOk(ward.updateStatus(docId, "done"));
    }

    // --- packages -----------------------------------------------------------------------------

    @Test
    void brokenAndHostilePackagesAreRefusedWithTheParsersCodes() {
        String edxmlId = newDocumentId(HOME_AFFAIRS);
        String good = documentText(HOME_AFFAIRS, edxmlId, WARD);
        VdxpTestClient home = homeAffairs();

        byte[] truncated = Arrays.copyOf(good.getBytes(StandardCharsets.UTF_8), good.length() / 2);
        assertSendReply(home.sendEdoc(truncated, HOME_AFFAIRS, "edoc"), "PKG-201");

        byte[] leadingGarbage = ("Content-Disposition: form-data\r\n\r\n" + good).getBytes(StandardCharsets.UTF_8);
        assertSendReply(home.sendEdoc(leadingGarbage, HOME_AFFAIRS, "edoc"), "PKG-207");

        String xxe = good.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!DOCTYPE edXML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
                .replace("<edXML:Subject>", "<edXML:Subject>&xxe;");
        Reply xxeReply = home.sendEdoc(xxe.getBytes(StandardCharsets.UTF_8), HOME_AFFAIRS, "edoc");
        assertSendReply(xxeReply, "PKG-202");
        assertThat(xxeReply.text()).doesNotContain("root:");

        byte[] notEdxml = "<?xml version=\"1.0\"?><html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8);
        assertSendReply(home.sendEdoc(notEdxml, HOME_AFFAIRS, "edoc"), "PKG-210");
        assertSendReply(home.sendEdoc(new byte[0], HOME_AFFAIRS, "edoc"), "PKG-201");
        assertNothingStored(edxmlId);
    }

    @Test
    void aWrongOrMissingHashFileIsRefused() {
        String edxmlId = newDocumentId(HOME_AFFAIRS);
        byte[] pkg = document(HOME_AFFAIRS, edxmlId, WARD);
        VdxpTestClient home = homeAffairs();
        Map<String, String> params = VdxpTestClient.params("from", HOME_AFFAIRS, "servicetype", "eDoc",
                "messagetype", "edoc", "hash-file", VdxpHashFile.compute(document(HOME_AFFAIRS, "other", WARD)));
        assertSendReply(home.sendEdoc(pkg, params), "EXC-307");

        // hash-file not signed at all (an unsigned header with the right value does not count).
        byte[] body = Arrays.copyOf(pkg, pkg.length + 2);
        body[pkg.length] = '\r';
        body[pkg.length + 1] = '\n';
        Map<String, String> wire = home.signer().sign(home.logicalHeaders(VdxpTestClient.params("from", HOME_AFFAIRS,
                "servicetype", "eDoc", "messagetype", "edoc"), "application/octet-stream"));
        wire.put(VdxpHashFile.HEADER, VdxpHashFile.compute(pkg));
        assertSendReply(home.send("POST", "sendEdoc", wire, body, false), "EXC-307");
        assertNothingStored(edxmlId);
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        VdxpTestClient home = homeAffairs();
        Map<String, String> wire = home.signer().sign(home.logicalHeaders(VdxpTestClient.params("from", HOME_AFFAIRS,
                "servicetype", "eDoc", "messagetype", "edoc", "hash-file", "0"), "application/octet-stream"));
        RawHttp.Response response = RawHttp.exchange(port, "POST", "/vdxp/sendEdoc", wire,
                limit.toBytes() + 1, null);
        assertThat(response.status()).isEqualTo(200);
        Reply reply = new Reply(200, response.body(), readJson(new String(response.body(), StandardCharsets.UTF_8)));
        assertSendReply(reply, "PKG-203");
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOff() {
        VdxpTestClient home = homeAffairs();
        Map<String, String> wire = home.signer().sign(home.logicalHeaders(VdxpTestClient.params("from", HOME_AFFAIRS,
                "servicetype", "eDoc", "messagetype", "edoc", "hash-file", "0"), "application/octet-stream"));
        long size = limit.toBytes() + 1024;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/vdxp/sendEdoc"))
                .timeout(Duration.ofSeconds(120))
                // No length known in advance: the JDK client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new RepeatingInputStream(size)));
        wire.forEach(request::header);
        HttpResponse<String> response = TestHttp.send(request.build());
        assertSendReply(new Reply(response.statusCode(), response.body().getBytes(StandardCharsets.UTF_8),
                readJson(response.body())), "PKG-203");
    }

    // --- documents that are not the caller's --------------------------------------------------

    @Test
    void documentsAreServedOnlyToTheirRecipientsAndSender() {
        String docId = sent(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD),
                HOME_AFFAIRS, "edoc"));
        VdxpTestClient other = client("hd.lgsp-cu");
        assertRefused(other.getEdoc(docId), "EXC-309");
        assertRefused(other.updateStatus(docId, "done"), "EXC-309");
        Reply download = other.downloadEdoc(docId);
        assertThat(download.status()).isEqualTo(404);
        assertThat(download.body()).isEmpty();

        String unknown = UUID.randomUUID().toString();
        assertRefused(ward().getEdoc(unknown), "EXC-308");
        assertRefused(ward().updateStatus(unknown, "done"), "EXC-308");
        assertThat(ward().downloadEdoc(unknown).body()).isEmpty();
        assertThat(ward().downloadEdoc(unknown).status()).isEqualTo(404);
        // The sender may read back what it sent, but it does not acknowledge it.
        assertOk(homeAffairs().getEdoc(docId));
        assertRefused(homeAffairs().updateStatus(docId, "done"), "EXC-309");
        assertRefused(ward().updateStatus(docId, "   "), "EXC-312");
        assertRefused(ward().call("POST", "getEdoc", Map.of(), "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), true), "EXC-312");
        assertOk(ward().updateStatus(docId, "done"));
    }

    @Test
    void unknownAndUnservedOperationsAnswerTheEnvelope() {
        assertRefused(homeAffairs().agencies("getEverything"), "EXC-313");
        assertRefused(homeAffairs().call("POST", "registerAgency", Map.of(), "application/json",
                "{\"id\":\"1\",\"code\":\"000.00.87.H27\",\"name\":\"X\"}".getBytes(StandardCharsets.UTF_8), true),
                "EXC-313");
        assertRefused(homeAffairs().call("POST", "deleteAgency", VdxpTestClient.params("AgencyCode", HOME_AFFAIRS),
                "application/json", "{}".getBytes(StandardCharsets.UTF_8), true), "EXC-313");
    }

    // --- helpers ------------------------------------------------------------------------------

    private void assertNothingStored(String edxmlId) {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE edxml_document_id = ?").param(edxmlId)
                .query(Integer.class).single()).as("documents stored for %s", edxmlId).isZero();
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private String[] operator() {
        return credentialsWithRole(Roles.OPERATOR);
    }

    private void createAgencyIfAbsent(String code, String name) {
        if (TestHttp.get(baseUrl() + "/api/admin/agencies/" + code, operator()).statusCode() == 200) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("parentCode", "000.00.00.H27");
        body.put("region", "HP");
        HttpResponse<String> created = TestHttp.send("POST", baseUrl() + "/api/admin/agencies", operator(),
                "application/json", json(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private void createSystem(String systemId, String agency, List<String> protocols, boolean enabled, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("systemId", systemId);
        body.put("name", "Phần mềm thử nghiệm " + systemId);
        body.put("ownerAgency", agency);
        body.put("agencies", List.of(agency));
        body.put("protocols", protocols);
        body.put("deliveryMode", "PULL");
        body.put("enabled", enabled);
        body.put("secret", secret);
        HttpResponse<String> response = TestHttp.send("PUT", baseUrl() + "/api/admin/systems/" + systemId, operator(),
                "application/json", json(body));
        if (response.statusCode() == 404) {
            response = TestHttp.send("POST", baseUrl() + "/api/admin/systems", operator(), "application/json",
                    json(body));
        }
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body of {@code size} bytes of 'a', generated as it is read. */
    private static final class RepeatingInputStream extends InputStream {
        private long remaining;

        RepeatingInputStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return 'a';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            Arrays.fill(buffer, offset, offset + n, (byte) 'a');
            remaining -= n;
            return n;
        }
    }
}
