package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.RawHttp;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient.Reply;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpHashFile;

/** What the SDK's transports need from the server: 100-continue, large and UTF-8 headers, concurrency. */
class VdxpTransportTest extends VdxpTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void expectContinueIsAnsweredWith100BeforeTheBodyIsSent() throws Exception {
        byte[] pkg = document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD);
        byte[] body = Arrays.copyOf(pkg, pkg.length + 2);
        body[pkg.length] = '\r';
        body[pkg.length + 1] = '\n';
        VdxpTestClient home = homeAffairs();
        Map<String, String> wire = new LinkedHashMap<>(home.signer().sign(home.logicalHeaders(VdxpTestClient.params(
                "from", HOME_AFFAIRS, "servicetype", "eDoc", "messagetype", "edoc",
                "hash-file", VdxpHashFile.compute(pkg)), "application/octet-stream")));
        wire.put("Expect", "100-continue");

        RawHttp.Response response = RawHttp.exchange(port, "POST", "/vdxp/sendEdoc", wire, body.length, body);
        assertThat(response.interim()).hasSize(1);
        assertThat(response.interim().get(0)).startsWith("HTTP/1.1 100");
        assertThat(response.status()).isEqualTo(200);
        JsonNode reply = JSON.readTree(response.body());
        assertThat(reply.path("status").asText()).isEqualTo("OK");
        assertOk(ward().updateStatus(reply.path("DocId").asText(), "done"));
    }

    /**
     * VDXP authenticates by its own HMAC only: an Authorization header a proxy or a library adds
     * is not the platform's business (the console's Basic filter used to answer it with a 401 in
     * problem+json, which the SDK cannot read), and refusals stay in the VDXP envelope.
     */
    @Test
    void anAuthorizationHeaderIsNotTheVdxpApisBusiness() {
        VdxpTestClient home = homeAffairs();
        Map<String, String> wire = new LinkedHashMap<>(home.signer().sign(home.logicalHeaders(
                VdxpTestClient.params("servicetype", "eDoc", "messagetype", "edoc"), "application/json")));
        wire.put("Authorization", "Basic bm9ib2R5Ondyb25n");
        Reply signed = home.send("POST", "countReceiveEdoc", wire, new byte[0], false);
        assertThat(signed.status()).isEqualTo(200);
        assertOk(signed);

        wire.put("XroadVnpt-sign-header", wire.get("XroadVnpt-sign-header").replace("\"edoc\"", "\"status\""));
        Reply tampered = home.send("POST", "countReceiveEdoc", wire, new byte[0], false);
        assertThat(tampered.json()).as("a VDXP envelope: " + tampered.text()).isNotNull();
        assertThat(tampered.json().path("status").asText()).isEqualTo("FAIL");
        assertThat(tampered.errorCode()).isEqualTo("VDXP-103");
    }

    @Test
    void sixteenKilobytesOfSignedHeadersAreAccepted() {
        // The SDK keeps every logical header of earlier calls on the instance; they add up.
        Reply reply = homeAffairs().call("POST", "getReceivedEdocList", VdxpTestClient.params("servicetype", "eDoc",
                "messagetype", "edoc", "note", "x".repeat(8 * 1024)), "application/json", new byte[0], false);
        assertOk(reply);
    }

    @Test
    void aSignedHeaderSentAsUtf8Verifies() throws Exception {
        // HttpURLConnection (and HttpClient without an explicit port) send non-ASCII header text as UTF-8.
        VdxpTestClient home = homeAffairs();
        Map<String, String> wire = home.signer().sign(home.logicalHeaders(
                VdxpTestClient.params("servicetype", "eDoc", "messagetype", "edoc", "note", "Sở Nội vụ Hải Phòng"),
                "application/json"));
        RawHttp.Response response = RawHttp.exchange(port, "POST", "/vdxp/countReceiveEdoc", wire, 0, null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode reply = JSON.readTree(response.body());
        assertThat(reply.path("ErrorCode").asText()).as(reply.toString()).isEqualTo("0");
        assertThat(reply.path("count").isIntegralNumber()).isTrue();
    }

    @Test
    void concurrentReplaysOfOnePackageAreStoredAndDeliveredOnce() throws Exception {
        byte[] pkg = document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Set<String> docIds = ConcurrentHashMap.newKeySet();
            List<Future<?>> sends = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sends.add(pool.submit(() -> docIds.add(sent(homeAffairs().sendEdoc(pkg, HOME_AFFAIRS, "edoc")))));
            }
            for (Future<?> send : sends) {
                send.get();
            }
            assertThat(docIds).hasSize(1);
            String docId = docIds.iterator().next();
            assertThat(deliveryRows(docId)).isEqualTo(1);
            assertThat(items(ward().receivedList("edoc"), "docId", docId)).hasSize(1);
            assertOk(ward().updateStatus(docId, "done"));
        } finally {
            pool.shutdownNow();
        }
    }
}
