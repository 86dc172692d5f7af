package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures;
import vn.gov.haiphong.lgsp.exchange.soap.api.DeliveryStatus;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.exchange.soap.api.ListSent;
import vn.gov.haiphong.lgsp.exchange.soap.api.MessageType;
import vn.gov.haiphong.lgsp.exchange.soap.api.SendDocument;
import vn.gov.haiphong.lgsp.exchange.soap.api.SentItem;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;

/** The sender's list over SOAP tells what the operators' dead-letter list tells. */
class SoapSentListTest extends SoapTestSupport {

    static final String UNREACHABLE_AGENCY = "000.77.76.H27";
    static final String UNREACHABLE_SYSTEM = "test.soap.unreachable";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDeliveryGivenUpIsFailForItsSenderAndItsAttemptsAgreeWithItsReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ensureAgency(UNREACHABLE_AGENCY, "SOAP test agency whose server never answers");
        registry.createSystem(new SystemInput(UNREACHABLE_SYSTEM, "Never answers", UNREACHABLE_AGENCY,
                Set.of(UNREACHABLE_AGENCY), Set.of(Protocol.VDXP_REST), DeliveryMode.PUSH,
                "http://127.0.0.1:" + closedPort + "/vdxp", SignaturePolicy.OFF, true, "unreachable-test-secret"),
                "soap-test");
        DocumentExchangePort sender = client(sender());
        byte[] pkg = EdxmlFixtures.document(SENDER_AGENCY, EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-SOAP-DLQ"),
                UNREACHABLE_AGENCY);
        String docId = sender.sendDocument(new SendDocument(MessageType.EDOC, attachment(pkg))).getDocId();

        // Refused connections are retried; the tests' policy gives up after the 4th attempt.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc
                .sql("SELECT transfer_state FROM delivery WHERE doc_id = ?").param(docId).query(String.class)
                .single().equals("DEAD_LETTER"));
        JsonNode letter = null;
        for (JsonNode item : read(TestHttp.get(baseUrl() + "/api/admin/exchange/dead-letters?target="
                + UNREACHABLE_SYSTEM, credentialsWithRole("OPERATOR")).body())) {
            letter = item.path("docId").asText().equals(docId) ? item : letter;
        }
        assertThat(letter).as("dead letter of " + docId).isNotNull();
        assertThat(letter.path("attempts").asInt()).as(letter.toString()).isEqualTo(4);
        assertThat(letter.path("reason").asText()).startsWith("attempt 4 of 4");

        List<SentItem> sent = sender.listSent(new ListSent(MessageType.EDOC, docId)).getItems();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getSendStatus()).isEqualTo(DeliveryStatus.FAIL);
        assertThat(sent.get(0).getSendStatusDescription()).startsWith("Delivery given up after 4 failed attempts")
                .contains("attempt 4 of 4");
    }
}
