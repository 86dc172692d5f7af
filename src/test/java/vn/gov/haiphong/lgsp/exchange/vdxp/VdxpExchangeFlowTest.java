package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import vn.gov.haiphong.lgsp.exchange.document.DocumentExchange;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient.Reply;
import vn.gov.haiphong.lgsp.EventTopicReader;

/**
 * The document exchange end to end over VDXP, as the SDK's calls put it on the wire: a document
 * from the former Hải Phòng to a former Hải Dương ward, fetched, acknowledged, and answered with a
 * status the sender then receives.
 */
class VdxpExchangeFlowTest extends VdxpTestSupport {

    @Autowired
    KafkaProperties kafka;
    @Test
    void aDocumentTravelsToTheWardAndItsStatusComesBack() {
        VdxpTestClient home = homeAffairs();
        VdxpTestClient ward = ward();
        String edxmlId = newDocumentId(HOME_AFFAIRS);
        byte[] pkg = document(HOME_AFFAIRS, edxmlId, WARD);
        long pendingBefore = assertOk(ward.count("countReceiveEdoc", "edoc")).path("count").asLong();

        String docId = sent(home.sendEdoc(pkg, HOME_AFFAIRS, "edoc"));

        // The ward's software sees it in its pending list and in its count.
        List<JsonNode> listed = items(ward.receivedList("edoc"), "docId", docId);
        assertThat(listed).hasSize(1);
        JsonNode item = listed.get(0);
        assertThat(item.path("serviceType").asText()).isEqualTo("eDoc");
        assertThat(item.path("messageType").asText()).isEqualTo("edoc");
        assertThat(item.path("from").asText()).isEqualTo(HOME_AFFAIRS);
        assertThat(item.path("to").asText()).isEqualTo(WARD);
        assertThat(item.path("status").asText()).isEqualTo("pending");
        assertThat(item.path("created_time").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        JsonNode count = assertOk(ward.count("countReceiveEdoc", "edoc")).path("count");
        assertThat(count.isIntegralNumber()).isTrue();
        assertThat(count.asLong()).isEqualTo(pendingBefore + 1);
        // The sender's list does not offer its own document to itself.
        assertThat(items(home.receivedList("edoc"), "docId", docId)).isEmpty();

        // Fetched byte for byte, without the SDK's CR LF: base64 by getEdoc, raw by downloadEdoc.
        JsonNode fetched = assertOk(ward.getEdoc(docId));
        assertThat(Base64.getDecoder().decode(fetched.path("data").asText())).isEqualTo(pkg);
        Reply raw = ward.downloadEdoc(docId);
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(pkg);

        // Acknowledged: out of the pending list.
        assertOk(ward.updateStatus(docId, "done"));
        assertThat(items(ward.receivedList("edoc"), "docId", docId)).isEmpty();
        assertThat(assertOk(ward.count("countReceiveEdoc", "edoc")).path("count").asLong()).isEqualTo(pendingBefore);

        // The ward answers with a QCVN 102 status (03 accepted); it goes to ResponseFor/OrganId.
        byte[] accepted = status(WARD, HOME_AFFAIRS, edxmlId, "03");
        String statusDocId = sent(ward.sendEdoc(accepted, WARD, "status"));
        List<JsonNode> statuses = items(home.receivedList("status"), "docId", statusDocId);
        assertThat(statuses).hasSize(1);
        assertThat(statuses.get(0).path("messageType").asText()).isEqualTo("status");
        assertThat(statuses.get(0).path("from").asText()).isEqualTo(WARD);
        assertThat(statuses.get(0).path("to").asText()).isEqualTo(HOME_AFFAIRS);
        assertThat(items(home.receivedList("edoc"), "docId", statusDocId)).isEmpty();
        assertThat(assertOk(home.count("countReceiveStatus", "status")).path("count").asLong()).isPositive();
        assertThat(Base64.getDecoder().decode(assertOk(home.getEdoc(statusDocId)).path("data").asText()))
                .isEqualTo(accepted);
        assertOk(home.updateStatus(statusDocId, "done"));
        assertThat(items(home.receivedList("status"), "docId", statusDocId)).isEmpty();

        // The sender's sent list shows the delivery done and the status the ward sent back.
        List<JsonNode> sentItems = items(home.sentList("edoc", docId), "senderDocId", docId);
        assertThat(sentItems).hasSize(1);
        JsonNode sent = sentItems.get(0);
        assertThat(sent.path("fromCode").asText()).isEqualTo(HOME_AFFAIRS);
        assertThat(sent.path("toCode").asText()).isEqualTo(WARD);
        assertThat(sent.path("sendStatus").asText()).isEqualTo("done");
        assertThat(sent.path("receiveStatus").asText()).isEqualTo("03");
        assertThat(sent.path("receiveStatusDesc").asText()).isEqualTo("Đã tiếp nhận");
        assertThat(sent.path("title").asText()).isEqualTo("Văn bản liên thông chỉ đạo - 190701");
        assertThat(sent.path("notation").asText()).isEqualTo("PRO-TEST-CASE1");
        assertThat(sent.path("receivedTime").asText()).isNotEmpty();
        // The status is recorded against the original document.
        assertThat(jdbc.sql("SELECT referenced_doc_id FROM document WHERE doc_id = ?").param(statusDocId)
                .query(String.class).single()).isEqualTo(docId);

        // Every step is an event on lgsp.document-events, keyed by the DocId it concerns.
        try (EventTopicReader events = new EventTopicReader(kafka, json, DocumentExchange.TOPIC)) {
            JsonNode acceptedEvent = events.await("DOCUMENT_ACCEPTED", docId);
            assertThat(acceptedEvent.path("actor").asText()).isEqualTo(HOME_AFFAIRS_SYSTEM);
            assertThat(acceptedEvent.path("data").path("from").asText()).isEqualTo(HOME_AFFAIRS);
            assertThat(acceptedEvent.path("data").path("recipients").get(0).path("system").asText())
                    .isEqualTo(WARD_SYSTEM);
            JsonNode ack = events.await("DOCUMENT_ACKNOWLEDGED", docId);
            assertThat(ack.path("data").path("deliveryStatus").asText()).isEqualTo("DONE");
            JsonNode statusEvent = events.await("DOCUMENT_STATUS", docId);
            assertThat(statusEvent.path("data").path("statusCode").asText()).isEqualTo("03");
            assertThat(statusEvent.path("data").path("statusDocId").asText()).isEqualTo(statusDocId);
            assertThat(events.await("DOCUMENT_ACCEPTED", statusDocId).path("data").path("messageType").asText())
                    .isEqualTo("status");
            events.await("DOCUMENT_ACKNOWLEDGED", statusDocId);
        }
    }

    @Test
    void theWardIsReachedByItsLegacyH26CodeAndMaySendUnderIt() {
        VdxpTestClient home = homeAffairs();
        VdxpTestClient ward = ward();
        // Addressed by the H26 code: delivered to the ward under its current code.
        String byAlias = sent(home.sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD_H26),
                HOME_AFFAIRS, "edoc"));
        List<JsonNode> listed = items(ward.receivedList("edoc"), "docId", byAlias);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("to").asText()).isEqualTo(WARD);

        // Both codes of the same unit in one package: still one delivery.
        String both = sent(home.sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD, WARD_H26),
                HOME_AFFAIRS, "edoc"));
        assertThat(items(ward.receivedList("edoc"), "docId", both)).hasSize(1);
        assertThat(deliveryRows(both)).isEqualTo(1);

        // The ward's software still writes its H26 code in From: it acts for that unit.
        String fromAlias = sent(ward.sendEdoc(document(WARD_H26, newDocumentId(WARD_H26), HOME_AFFAIRS),
                WARD_H26, "edoc"));
        List<JsonNode> atHome = items(home.receivedList("edoc"), "docId", fromAlias);
        assertThat(atHome).hasSize(1);
        assertThat(atHome.get(0).path("from").asText()).isEqualTo(WARD);
        for (String docId : List.of(byAlias, both)) {
            assertOk(ward.updateStatus(docId, "done"));
        }
        assertOk(home.updateStatus(fromAlias, "done"));
    }

    @Test
    void aReplayedSendEdocGetsTheSameDocIdAndIsDeliveredOnce() {
        VdxpTestClient home = homeAffairs();
        VdxpTestClient ward = ward();
        byte[] pkg = document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD);
        String first = sent(home.sendEdoc(pkg, HOME_AFFAIRS, "edoc"));
        // A client that timed out resends; a second client instance (new timestamp) too.
        assertThat(sent(home.sendEdoc(pkg, HOME_AFFAIRS, "edoc"))).isEqualTo(first);
        assertThat(sent(homeAffairs().sendEdoc(pkg, HOME_AFFAIRS, "edoc"))).isEqualTo(first);
        assertThat(items(ward.receivedList("edoc"), "docId", first)).hasSize(1);
        assertThat(deliveryRows(first)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE sha256 = (SELECT sha256 FROM document WHERE doc_id = ?)")
                .param(first).query(Integer.class).single()).isEqualTo(1);

        // Even after the recipient acknowledged it, a replay is not delivered again.
        assertOk(ward.updateStatus(first, "done"));
        assertThat(sent(home.sendEdoc(pkg, HOME_AFFAIRS, "edoc"))).isEqualTo(first);
        assertThat(items(ward.receivedList("edoc"), "docId", first)).isEmpty();
    }

    @Test
    void failKeepsTheDocumentPendingAndCountsAttemptsDoneIsFinal() {
        VdxpTestClient ward = ward();
        String docId = sent(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD),
                HOME_AFFAIRS, "edoc"));
        assertOk(ward.updateStatus(docId, "fail"));
        assertOk(ward.updateStatus(docId, "fail"));
        List<JsonNode> listed = items(ward.receivedList("edoc"), "docId", docId);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("status").asText()).isEqualTo("fail");
        assertThat(attempts(docId)).isEqualTo(2);
        // Another status text is recorded and changes nothing.
        assertOk(ward.updateStatus(docId, "processing"));
        assertThat(items(ward.receivedList("edoc"), "docId", docId)).hasSize(1);

        assertOk(ward.updateStatus(docId, "done"));
        assertThat(items(ward.receivedList("edoc"), "docId", docId)).isEmpty();
        // done again is harmless; a late fail does not bring it back.
        assertOk(ward.updateStatus(docId, "done"));
        assertOk(ward.updateStatus(docId, "fail"));
        assertThat(items(ward.receivedList("edoc"), "docId", docId)).isEmpty();
        assertThat(attempts(docId)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT status FROM delivery WHERE doc_id = ?").param(docId).query(String.class).single())
                .isEqualTo("DONE");
    }

    @Test
    void oneDocumentToSeveralAgenciesIsStoredOnceWithADeliveryEach() {
        // 000.00.61.H27 is served by the old Hải Dương LGSP (relay): its delivery waits for the relay route.
        String docId = sent(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD,
                "000.00.61.H27"), HOME_AFFAIRS, "edoc"));
        assertThat(deliveryRows(docId)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_content WHERE doc_id = ?").param(docId)
                .query(Integer.class).single()).isEqualTo(1);
        List<JsonNode> sentItems = items(homeAffairs().sentList("edoc", docId), "senderDocId", docId);
        assertThat(sentItems).extracting(i -> i.path("toCode").asText())
                .containsExactlyInAnyOrder(WARD, "000.00.61.H27");
        assertThat(sentItems).allSatisfy(i -> assertThat(i.path("sendStatus").asText()).isEqualTo("pending"));
        assertOk(ward().updateStatus(docId, "done"));
    }

    @Test
    void getIsAcceptedLikePost() {
        VdxpTestClient home = homeAffairs();
        Reply reply = home.call("GET", "getReceivedEdocList", VdxpTestClient.params("servicetype", "eDoc",
                "messagetype", "edoc"), "application/json", null, false);
        assertThat(assertOk(reply).path("data").isArray()).isTrue();
    }

    private int attempts(String docId) {
        return jdbc.sql("SELECT attempts FROM delivery WHERE doc_id = ?").param(docId).query(Integer.class).single();
    }
}
