package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.VerificationReport;
import vn.gov.haiphong.lgsp.security.Roles;

/** What the document exchange writes to the message log, read back through the admin API. */
class VdxpMessageLogTest extends VdxpTestSupport {

    @Autowired
    MessageLog messageLog;

    @Test
    void anAcceptedDocumentAndItsAcknowledgementAreLoggedAndSealed() throws Exception {
        byte[] pkg = document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD_H26);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pkg));

        String docId = sent(homeAffairs().sendEdoc(pkg, HOME_AFFAIRS, "edoc"));
        // The same bytes again are a replay: no second acceptance in the log.
        assertThat(sent(homeAffairs().sendEdoc(pkg, HOME_AFFAIRS, "edoc"))).isEqualTo(docId);

        // Accepted once, then handed over to the ward's inbox.
        List<JsonNode> steps = logged(docId);
        assertThat(steps).extracting(n -> n.path("kind").asText())
                .containsExactly("EXCHANGE_DELIVERED", "EXCHANGE_ACCEPTED");
        assertThat(steps.get(0).path("route").asText()).isEqualTo("local-pull");
        JsonNode row = steps.get(1);
        assertThat(row.path("actor").asText()).isEqualTo(HOME_AFFAIRS_SYSTEM);
        assertThat(row.path("fromCode").asText()).isEqualTo(HOME_AFFAIRS);
        assertThat(row.path("toCode").asText()).as("the H26 code resolved").isEqualTo(WARD);
        assertThat(row.path("sha256").asText()).isEqualTo(sha256);
        assertThat(row.path("sizeBytes").asLong()).isEqualTo(pkg.length);
        assertThat(row.path("outcome").asText()).isEqualTo("OK");
        assertThat(row.path("route").asText()).isEqualTo("local-pull");
        assertThat(row.path("detail").path("messageType").asText()).isEqualTo("edoc");
        assertThat(row.path("detail").path("recipientSystems").toString()).isEqualTo("[\"" + WARD_SYSTEM + "\"]");

        assertOk(ward().updateStatus(docId, "done"));
        assertOk(ward().updateStatus(docId, "done")); // DONE is final: nothing changes, nothing is logged
        List<JsonNode> both = logged(docId);
        assertThat(both).extracting(n -> n.path("kind").asText())
                .containsExactly("EXCHANGE_ACKNOWLEDGED", "EXCHANGE_DELIVERED", "EXCHANGE_ACCEPTED");
        JsonNode ack = both.get(0);
        assertThat(ack.path("actor").asText()).isEqualTo(WARD_SYSTEM);
        assertThat(ack.path("fromCode").asText()).isEqualTo(HOME_AFFAIRS);
        assertThat(ack.path("toCode").asText()).isEqualTo(WARD);
        assertThat(ack.path("outcome").asText()).isEqualTo("DONE");
        assertThat(ack.path("detail").path("reportedStatus").asText()).isEqualTo("done");

        // The background sealer links both into the chain, which verifies.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                logged(docId).stream().allMatch(n -> n.path("chainSeq").isIntegralNumber()));
        List<JsonNode> sealed = logged(docId);
        assertThat(sealed.get(0).path("chainSeq").asLong()).isGreaterThan(sealed.get(2).path("chainSeq").asLong());
        assertThat(sealed.get(0).path("hash").asText()).hasSize(64);
        VerificationReport report = messageLog.verify();
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.headSeq()).isGreaterThanOrEqualTo(sealed.get(0).path("chainSeq").asLong());
    }

    @Test
    void aRefusedPackageLeavesNoTrace() throws Exception {
        byte[] pkg = document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), "000.ZZ.89.H27");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pkg));
        assertSendReply(homeAffairs().sendEdoc(pkg, HOME_AFFAIRS, "edoc"), "EXC-305");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM message_log WHERE sha256 = ?").param(sha256).query(Long.class).single())
                .isZero();
    }

    /** The log rows of one message, newest first, as an operator sees them. */
    private List<JsonNode> logged(String docId) {
        HttpResponse<String> response = TestHttp.get(baseUrl() + "/api/admin/message-log?messageId=" + docId,
                credentialsWithRole(Roles.OPERATOR));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        read(response.body()).path("items").forEach(rows::add);
        return rows;
    }
}
