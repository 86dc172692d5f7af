package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient.Reply;
import vn.gov.haiphong.lgsp.registry.DemoDataLoader;

/**
 * Helpers for VDXP tests over real HTTP against the shared platform, as the demo systems of
 * {@code etc/dev/dev-secrets.yml} (secrets read from the bound configuration). Adds no Spring
 * configuration. Every test makes its own documents (unique DocumentIds), so tests never depend
 * on each other's deliveries; registry data a test creates uses codes {@code 000.ZZ.8x.H27}.
 */
public abstract class VdxpTestSupport extends PlatformTestSupport {

    /** Sở Nội vụ (former Hải Phòng) and its document software. */
    public static final String HOME_AFFAIRS = "000.00.02.H27";
    public static final String HOME_AFFAIRS_SYSTEM = "hp.sonv.qlvb";
    /** UBND phường Hải Dương (former Hải Dương), also reachable by its H26 code. */
    public static final String WARD = "000.60.71.H27";
    public static final String WARD_H26 = "000.01.21.H26";
    public static final String WARD_SYSTEM = "hd.phuonghaiduong.qlvb";

    @Autowired
    DemoDataLoader.DemoData demo;
    @Autowired
    protected JdbcClient jdbc;

    public String secretOf(String systemId) {
        return demo.systems().stream().filter(s -> s.systemId().equals(systemId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No demo system " + systemId)).secret();
    }

    public VdxpTestClient client(String systemId) {
        return new VdxpTestClient(baseUrl() + "/vdxp", systemId, secretOf(systemId));
    }

    public VdxpTestClient homeAffairs() {
        return client(HOME_AFFAIRS_SYSTEM);
    }

    public VdxpTestClient ward() {
        return client(WARD_SYSTEM);
    }

    public static String newDocumentId(String from) {
        return EdxmlFixtures.newDocumentId(from, "TEST-VDXP");
    }

    // --- packages: the project's samples with demo agency codes -----------------------------

    /** {@code edoc-new-small.edxml} from {@code from} to the given codes (in order), with this DocumentId. */
    public static String documentText(String from, String documentId, String... to) {
        return EdxmlFixtures.documentText(from, documentId, to);
    }

    public static byte[] document(String from, String documentId, String... to) {
        return EdxmlFixtures.document(from, documentId, to);
    }

    /** {@code status-01-arrived.edxml} from {@code from}, about {@code documentId} sent by {@code originalSender}. */
    public static byte[] status(String from, String originalSender, String documentId, String statusCode) {
        return EdxmlFixtures.status(from, originalSender, documentId, statusCode);
    }

    // --- assertions on replies ----------------------------------------------------------------

    /** HTTP 200, JSON with the three string envelope fields, and no JSON null anywhere. */
    public static JsonNode assertEnvelope(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json()).as("JSON reply: %s", reply.text()).isNotNull();
        for (String field : List.of("status", "ErrorCode", "ErrorDesc")) {
            assertThat(reply.json().path(field).isTextual()).as("%s is a string in %s", field, reply.text()).isTrue();
            assertThat(reply.json().path(field).asText()).isNotEmpty();
        }
        assertThat(nullPaths(reply.json(), "$")).as("JSON nulls in %s", reply.text()).isEmpty();
        return reply.json();
    }

    public static JsonNode assertOk(Reply reply) {
        JsonNode json = assertEnvelope(reply);
        assertThat(json.path("status").asText()).as(reply.text()).isEqualTo("OK");
        assertThat(json.path("ErrorCode").asText()).isEqualTo("0");
        assertThat(json.path("ErrorDesc").asText()).isEqualTo("Success");
        return json;
    }

    public static JsonNode assertRefused(Reply reply, String code) {
        JsonNode json = assertEnvelope(reply);
        assertThat(json.path("status").asText()).as(reply.text()).isEqualTo("FAIL");
        assertThat(json.path("ErrorCode").asText()).as(reply.text()).isEqualTo(code);
        return json;
    }

    /** sendEdoc's reply: ASCII only (the SDK reads it as US-ASCII) and a DocId string, "" on refusals. */
    public static String assertSendReply(Reply reply, String expectedCode) {
        for (byte b : reply.body()) {
            assertThat(b & 0xFF).as("non-ASCII byte in %s", reply.text()).isLessThan(0x80);
        }
        JsonNode json = "0".equals(expectedCode) ? assertOk(reply) : assertRefused(reply, expectedCode);
        assertThat(json.path("DocId").isTextual()).as(reply.text()).isTrue();
        if (!"0".equals(expectedCode)) {
            assertThat(json.path("DocId").asText()).isEmpty();
        }
        return json.path("DocId").asText();
    }

    /**
     * The DocId of an accepted package, once its delivery routes have handed it over (a pull
     * recipient sees it in its list a few milliseconds after sendEdoc answers).
     */
    public String sent(Reply reply) {
        String docId = assertSendReply(reply, "0");
        assertThat(docId).isNotBlank();
        awaitHandedOver(docId);
        return docId;
    }

    /** Waits until the document's pull deliveries are in their inboxes (relays may still be retrying). */
    public void awaitHandedOver(String docId) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM delivery WHERE doc_id = ? AND transfer_state = 'QUEUED' AND route = 'local-pull'")
                .param(docId)
                .query(Integer.class).single() == 0);
    }

    private static List<String> nullPaths(JsonNode node, String path) {
        List<String> nulls = new ArrayList<>();
        if (node.isNull()) {
            nulls.add(path);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                nulls.addAll(nullPaths(field.getValue(), path + "." + field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nulls.addAll(nullPaths(node.get(i), path + "[" + i + "]"));
            }
        }
        return nulls;
    }

    /** The items of a list reply's data (asserting it is an array) with this docId. */
    public static List<JsonNode> items(Reply reply, String idField, String docId) {
        JsonNode data = assertOk(reply).path("data");
        assertThat(data.isArray()).as(reply.text()).isTrue();
        List<JsonNode> found = new ArrayList<>();
        data.forEach(item -> {
            if (docId.equals(item.path(idField).asText())) {
                found.add(item);
            }
        });
        return found;
    }

    public int deliveryRows(String docId) {
        return jdbc.sql("SELECT COUNT(*) FROM delivery WHERE doc_id = ?").param(docId).query(Integer.class).single();
    }
}
