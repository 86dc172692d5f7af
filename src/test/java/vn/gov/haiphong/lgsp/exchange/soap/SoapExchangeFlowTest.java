package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures;
import vn.gov.haiphong.lgsp.exchange.soap.api.Acknowledge;
import vn.gov.haiphong.lgsp.exchange.soap.api.AcknowledgeResponse;
import vn.gov.haiphong.lgsp.exchange.soap.api.CountReceived;
import vn.gov.haiphong.lgsp.exchange.soap.api.DeliveryStatus;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.exchange.soap.api.GetDocument;
import vn.gov.haiphong.lgsp.exchange.soap.api.ListReceived;
import vn.gov.haiphong.lgsp.exchange.soap.api.ListSent;
import vn.gov.haiphong.lgsp.exchange.soap.api.MessageType;
import vn.gov.haiphong.lgsp.exchange.soap.api.ReceivedItem;
import vn.gov.haiphong.lgsp.exchange.soap.api.SendDocument;
import vn.gov.haiphong.lgsp.exchange.soap.api.SendDocumentResponse;
import vn.gov.haiphong.lgsp.exchange.soap.api.SentItem;

/**
 * The document exchange end to end over SOAP with WS-Security and MTOM, as a legacy SOAP system
 * uses it: the test SOAP system sends to the former Hải Dương ward (by its H27 and its H26 code),
 * the ward's software (the demo system, signing with its dev key) lists, fetches, acknowledges
 * and answers with a status, which comes back to the sender.
 */
class SoapExchangeFlowTest extends SoapTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDocumentTravelsToTheWardAndItsStatusComesBack() throws Exception {
        DocumentExchangePort sender = client(sender());
        DocumentExchangePort ward = client(ward());
        String edxmlId = EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-SOAP");
        byte[] pkg = EdxmlFixtures.document(SENDER_AGENCY, edxmlId, WARD);
        long pendingBefore = ward.countReceived(new CountReceived(MessageType.EDOC)).getCount();

        SendDocumentResponse sent = sender.sendDocument(new SendDocument(MessageType.EDOC, attachment(pkg)));
        assertThat(sent.getDocId()).isNotBlank();
        assertThat(sent.isReplay()).isFalse();
        assertThat(sent.getMessageType()).isEqualTo(MessageType.EDOC);
        String docId = sent.getDocId();

        // The ward's software sees it pending, and in its count.
        List<ReceivedItem> listed = only(ward.listReceived(new ListReceived(MessageType.EDOC)).getItems(),
                i -> i.getDocId().equals(docId));
        assertThat(listed).hasSize(1);
        ReceivedItem item = listed.get(0);
        assertThat(item.getMessageType()).isEqualTo(MessageType.EDOC);
        assertThat(item.getFrom()).isEqualTo(SENDER_AGENCY);
        assertThat(item.getTo()).isEqualTo(WARD);
        assertThat(item.getStatus()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(item.getCreatedTime()).isNotNull();
        assertThat(ward.countReceived(new CountReceived(MessageType.EDOC)).getCount()).isEqualTo(pendingBefore + 1);
        // Not offered back to its sender.
        assertThat(only(sender.listReceived(new ListReceived(MessageType.EDOC)).getItems(),
                i -> i.getDocId().equals(docId))).isEmpty();

        // Fetched byte for byte as an MTOM attachment; the sender may fetch its own package too.
        assertThat(bytes(ward.getDocument(new GetDocument(docId)).getContent())).isEqualTo(pkg);
        assertThat(bytes(sender.getDocument(new GetDocument(docId)).getContent())).isEqualTo(pkg);

        // Acknowledged done: out of the pending list.
        AcknowledgeResponse ack = ward.acknowledge(new Acknowledge(docId, "done"));
        assertThat(ack.getDeliveryStatus()).isEqualTo(DeliveryStatus.DONE);
        assertThat(only(ward.listReceived(new ListReceived(MessageType.EDOC)).getItems(),
                i -> i.getDocId().equals(docId))).isEmpty();
        assertThat(ward.countReceived(new CountReceived(MessageType.EDOC)).getCount()).isEqualTo(pendingBefore);

        // sendStatus is sendDocument with a status package: 03 (accepted) goes back to ResponseFor.
        byte[] accepted = EdxmlFixtures.status(WARD, SENDER_AGENCY, edxmlId, "03");
        SendDocumentResponse statusSent = ward.sendDocument(new SendDocument(MessageType.STATUS, attachment(accepted)));
        assertThat(statusSent.getMessageType()).isEqualTo(MessageType.STATUS);
        List<ReceivedItem> statuses = only(sender.listReceived(new ListReceived(MessageType.STATUS)).getItems(),
                i -> i.getDocId().equals(statusSent.getDocId()));
        assertThat(statuses).hasSize(1);
        assertThat(statuses.get(0).getFrom()).isEqualTo(WARD);
        assertThat(statuses.get(0).getTo()).isEqualTo(SENDER_AGENCY);
        assertThat(bytes(sender.getDocument(new GetDocument(statusSent.getDocId())).getContent())).isEqualTo(accepted);
        assertThat(sender.acknowledge(new Acknowledge(statusSent.getDocId(), "done")).getDeliveryStatus())
                .isEqualTo(DeliveryStatus.DONE);

        // The sender's sent list: delivered, and the status the ward sent back.
        List<SentItem> sentItems = sender.listSent(new ListSent(MessageType.EDOC, docId)).getItems();
        assertThat(sentItems).hasSize(1);
        assertThat(sentItems.get(0).getTo()).isEqualTo(WARD);
        assertThat(sentItems.get(0).getSendStatus()).isEqualTo(DeliveryStatus.DONE);
        assertThat(sentItems.get(0).getReceiveStatus()).isEqualTo("03");
        assertThat(sentItems.get(0).getNotation()).isEqualTo("PRO-TEST-CASE1");
        assertThat(sentItems.get(0).getReceivedTime()).isNotNull();
        assertThat(jdbc.sql("SELECT referenced_doc_id FROM document WHERE doc_id = ?").param(statusSent.getDocId())
                .query(String.class).single()).isEqualTo(docId);
    }

    @Test
    void theWardIsReachedByItsLegacyH26CodeAndMaySendUnderIt() throws Exception {
        DocumentExchangePort sender = client(sender());
        DocumentExchangePort ward = client(ward());
        String byAlias = sender.sendDocument(new SendDocument(MessageType.EDOC, attachment(EdxmlFixtures.document(
                SENDER_AGENCY, EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-SOAP"), WARD_H26)))).getDocId();
        List<ReceivedItem> listed = only(ward.listReceived(new ListReceived(MessageType.EDOC)).getItems(),
                i -> i.getDocId().equals(byAlias));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).getTo()).isEqualTo(WARD);

        // The ward's software still writes its H26 code in From: it acts for that unit.
        String fromAlias = ward.sendDocument(new SendDocument(MessageType.EDOC, attachment(EdxmlFixtures.document(
                WARD_H26, EdxmlFixtures.newDocumentId(WARD_H26, "TEST-SOAP"), SENDER_AGENCY)))).getDocId();
        List<ReceivedItem> atSender = only(sender.listReceived(new ListReceived(MessageType.EDOC)).getItems(),
                i -> i.getDocId().equals(fromAlias));
        assertThat(atSender).hasSize(1);
        assertThat(atSender.get(0).getFrom()).isEqualTo(WARD);
        ward.acknowledge(new Acknowledge(byAlias, "done"));
        sender.acknowledge(new Acknowledge(fromAlias, "done"));
    }

    @Test
    void theSamePackageAgainAnswersTheSameDocIdAsAReplayAndIsDeliveredOnce() throws Exception {
        DocumentExchangePort sender = client(sender());
        byte[] pkg = EdxmlFixtures.document(SENDER_AGENCY, EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-SOAP"), WARD);
        SendDocumentResponse first = sender.sendDocument(new SendDocument(MessageType.EDOC, attachment(pkg)));
        SendDocumentResponse again = sender.sendDocument(new SendDocument(MessageType.EDOC, attachment(pkg)));
        assertThat(again.getDocId()).isEqualTo(first.getDocId());
        assertThat(again.isReplay()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE doc_id = ?").param(first.getDocId())
                .query(Integer.class).single()).isEqualTo(1);
        // fail keeps it pending and counts; done is final.
        DocumentExchangePort ward = client(ward());
        AcknowledgeResponse failed = ward.acknowledge(new Acknowledge(first.getDocId(), "fail"));
        assertThat(failed.getDeliveryStatus()).isEqualTo(DeliveryStatus.FAIL);
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(ward.acknowledge(new Acknowledge(first.getDocId(), "done")).getDeliveryStatus())
                .isEqualTo(DeliveryStatus.DONE);
    }

    @Test
    void soap12EndpointServesTheSameExchange() throws Exception {
        DocumentExchangePort sender = client12(sender());
        DocumentExchangePort ward = client12(ward());
        byte[] pkg = EdxmlFixtures.document(SENDER_AGENCY, EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-SOAP12"), WARD);
        String docId = sender.sendDocument(new SendDocument(MessageType.EDOC, attachment(pkg))).getDocId();
        assertThat(bytes(ward.getDocument(new GetDocument(docId)).getContent())).isEqualTo(pkg);
        assertThat(ward.acknowledge(new Acknowledge(docId, "done")).getDeliveryStatus()).isEqualTo(DeliveryStatus.DONE);
        // Refusals are faults with the same codes over SOAP 1.2.
        assertFault("EXC-308", () -> ward.getDocument(new GetDocument("no-such-document")));
    }

    @Test
    void theWsdlServedIsTheHandWrittenContract() throws Exception {
        HttpResponse<String> wsdl = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("DocumentExchangeSoap11", "DocumentExchangeSoap12", "RSA-SHA256",
                "urn:lgsp:sendDocument").contains(endpoint());
        HttpResponse<String> xsd = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "?xsd=DocumentExchange.xsd"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(xsd.statusCode()).isEqualTo(200);
        assertThat(xsd.body()).contains("name=\"sendDocument\"", "xmime:expectedContentTypes");
        // No public list of the endpoints.
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/services/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.body()).doesNotContain("DocumentExchange");
    }
}
