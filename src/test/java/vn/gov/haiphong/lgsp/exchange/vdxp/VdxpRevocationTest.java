package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.businessSampleText;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.replaceOnce;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.revocationSampleText;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.exchange.document.DocumentExchange;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.StoredDocument;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AgencyInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * Revocations, updates and replacements over VDXP, in the shape of the public sample package
 * that carries a Bussiness block: each reaches every recipient of the documents it names (found by
 * DocumentId among what its From agency sent here), and each such document's timeline shows it;
 * one not found here leaves the package routed by its To list, with warning PKG-312.
 * Registry data: code 000.66.81.H27 and its system.
 */
class VdxpRevocationTest extends VdxpTestSupport {

    static final String OTHER_UNIT = "000.66.81.H27";
    static final String OTHER_SYSTEM = "test.zz6681.qlvb";
    static final String OTHER_SECRET = "zz6681-test-secret-2025";
    static boolean registered;

    @Autowired
    RegistryService registry;
    @Autowired
    DocumentStore store;
    @Autowired
    KafkaProperties kafka;

    @BeforeEach
    void registerASecondRecipientOnce() {
        if (registered) {
            return;
        }
        registry.createAgency(new AgencyInput(OTHER_UNIT, "Đơn vị thử nghiệm thu hồi", null, Region.HP,
                AgencyStatus.ACTIVE, null, null, null, null), "test");
        registry.createSystem(new SystemInput(OTHER_SYSTEM, "Phần mềm văn bản - thử nghiệm thu hồi", OTHER_UNIT,
                Set.of(OTHER_UNIT), Set.of(Protocol.VDXP_REST), DeliveryMode.PULL, null, SignaturePolicy.IF_PRESENT,
                true, OTHER_SECRET), "test");
        registered = true;
    }

    VdxpTestClient otherUnit() {
        return new VdxpTestClient(baseUrl() + "/vdxp", OTHER_SYSTEM, OTHER_SECRET);
    }

    @Test
    void aRevocationWithoutBussinessDocumentIdReachesTheRecipientsOfTheDocumentWithItsDocumentId() {
        String documentId = newDocumentId(HOME_AFFAIRS);
        String original = sent(homeAffairs().sendEdoc(utf8(businessSampleText(HOME_AFFAIRS, documentId, WARD,
                OTHER_UNIT)), HOME_AFFAIRS, "edoc"));

        // As the national axis sends them: the revoked document's own DocumentId, no Bussiness/DocumentId;
        // addressed to the ward only, it still reaches the other unit, which got the original too.
        String revocation = sent(homeAffairs().sendEdoc(utf8(revocationSampleText(HOME_AFFAIRS, documentId, WARD)),
                HOME_AFFAIRS, "edoc"));

        assertThat(items(ward().receivedList("edoc"), "docId", revocation)).hasSize(1);
        assertThat(items(otherUnit().receivedList("edoc"), "docId", revocation)).hasSize(1);
        assertThat(recipientSystems(revocation)).containsExactlyInAnyOrder(WARD_SYSTEM, OTHER_SYSTEM);
        assertThat(store.findDocument(revocation).orElseThrow())
                .extracting(StoredDocument::businessDocType, StoredDocument::referencedDocId).containsExactly(1, original);
        assertThat(store.documentsReferringTo(original, 10)).extracting(StoredDocument::docId).containsExactly(revocation);
        for (VdxpTestClient recipient : List.of(ward(), otherUnit())) {
            assertOk(recipient.updateStatus(original, "done"));
            assertOk(recipient.updateStatus(revocation, "done"));
        }
    }

    @Test
    void aReplacementReachesTheRecipientsOfEveryDocumentItNamesAndAnUpdateFindsItsOriginalByDocumentId() {
        String toWardId = newDocumentId(HOME_AFFAIRS);
        String toWard = sent(homeAffairs().sendEdoc(utf8(businessSampleText(HOME_AFFAIRS, toWardId, WARD)),
                HOME_AFFAIRS, "edoc"));
        String toOtherId = newDocumentId(HOME_AFFAIRS);
        String toOther = sent(homeAffairs().sendEdoc(utf8(businessSampleText(HOME_AFFAIRS, toOtherId, OTHER_UNIT)),
                HOME_AFFAIRS, "edoc"));

        // One replacement of both, one of them named twice; addressed to the ward only.
        String replacement = sent(homeAffairs().sendEdoc(utf8(business(businessSampleText(HOME_AFFAIRS,
                newDocumentId(HOME_AFFAIRS), WARD), 3, replacementInfo(toWardId, toOtherId, toWardId))),
                HOME_AFFAIRS, "edoc"));
        assertThat(recipientSystems(replacement)).containsExactlyInAnyOrder(WARD_SYSTEM, OTHER_SYSTEM);
        assertThat(items(otherUnit().receivedList("edoc"), "docId", replacement)).hasSize(1);
        assertThat(store.documentsReferringTo(toWard, 10)).extracting(StoredDocument::docId).containsExactly(replacement);
        assertThat(store.documentsReferringTo(toOther, 10)).extracting(StoredDocument::docId).containsExactly(replacement);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_reference WHERE doc_id = ?").param(replacement)
                .query(Integer.class).single()).as("each named document once").isEqualTo(2);

        // An update without Bussiness/DocumentId: the document with its own DocumentId, sent to the other unit.
        String update = sent(homeAffairs().sendEdoc(utf8(business(businessSampleText(HOME_AFFAIRS, toOtherId, WARD),
                2, "")), HOME_AFFAIRS, "edoc"));
        assertThat(recipientSystems(update)).containsExactlyInAnyOrder(WARD_SYSTEM, OTHER_SYSTEM);
        assertThat(store.findDocument(update).orElseThrow().referencedDocId()).isEqualTo(toOther);
        assertThat(store.documentsReferringTo(toOther, 10)).extracting(StoredDocument::docId)
                .containsExactly(replacement, update);

        for (String docId : List.of(toWard, replacement, update)) {
            assertOk(ward().updateStatus(docId, "done"));
        }
        for (String docId : List.of(toOther, replacement, update)) {
            assertOk(otherUnit().updateStatus(docId, "done"));
        }
    }

    @Test
    void aDocumentNotSentHereByItsAgencyLeavesThePackageRoutedByItsToListWithAWarning() {
        String documentId = newDocumentId(HOME_AFFAIRS);
        String original = sent(homeAffairs().sendEdoc(utf8(businessSampleText(HOME_AFFAIRS, documentId, OTHER_UNIT)),
                HOME_AFFAIRS, "edoc"));

        // The ward names Home Affairs' document: accepted for its To list, never for that document's recipients.
        String foreign = sent(ward().sendEdoc(utf8(revocationSampleText(WARD, documentId, HOME_AFFAIRS)),
                WARD, "edoc"));
        assertThat(recipientSystems(foreign)).containsExactly(HOME_AFFAIRS_SYSTEM);
        assertThat(items(otherUnit().receivedList("edoc"), "docId", foreign)).isEmpty();
        assertNotFoundWarning(foreign, documentId);

        // A revocation of a document sent before the unit came to this platform: it still reaches its To list.
        String unknown = newDocumentId(HOME_AFFAIRS);
        String revocation = sent(homeAffairs().sendEdoc(utf8(revocationSampleText(HOME_AFFAIRS, unknown, WARD)),
                HOME_AFFAIRS, "edoc"));
        assertThat(items(ward().receivedList("edoc"), "docId", revocation)).hasSize(1);
        assertThat(recipientSystems(revocation)).containsExactly(WARD_SYSTEM);
        assertThat(store.findDocument(revocation).orElseThrow().referencedDocId()).isNull();
        assertNotFoundWarning(revocation, unknown);

        // A replacement naming one document found and one never sent here: the found one's recipients too,
        // one reference. (The revocation above is now itself a document with DocumentId `unknown`.)
        String neverSent = newDocumentId(HOME_AFFAIRS);
        String replacement = sent(homeAffairs().sendEdoc(utf8(business(businessSampleText(HOME_AFFAIRS,
                newDocumentId(HOME_AFFAIRS), WARD), 3, replacementInfo(documentId, neverSent))), HOME_AFFAIRS, "edoc"));
        assertThat(recipientSystems(replacement)).containsExactlyInAnyOrder(WARD_SYSTEM, OTHER_SYSTEM);
        assertThat(store.findDocument(replacement).orElseThrow().referencedDocId()).isEqualTo(original);
        assertThat(jdbc.sql("SELECT referenced_doc_id FROM document_reference WHERE doc_id IN (?, ?, ?)")
                .params(foreign, revocation, replacement).query(String.class).list()).containsExactly(original);
        assertThat(store.documentsReferringTo(original, 10)).extracting(StoredDocument::docId)
                .containsExactly(replacement);
        assertNotFoundWarning(replacement, neverSent);

        assertOk(homeAffairs().updateStatus(foreign, "done"));
        for (String docId : List.of(revocation, replacement)) {
            assertOk(ward().updateStatus(docId, "done"));
        }
        for (String docId : List.of(original, replacement)) {
            assertOk(otherUnit().updateStatus(docId, "done"));
        }
    }

    /** PKG-312 in the acceptance event and the message log, naming exactly the DocumentId not found. */
    private void assertNotFoundWarning(String docId, String documentId) {
        JsonNode accepted;
        try (EventTopicReader events = new EventTopicReader(kafka, json, DocumentExchange.TOPIC)) {
            accepted = events.await("DOCUMENT_ACCEPTED", docId).path("data");
        }
        assertThat(accepted.path("warnings").toString()).contains("\"PKG-312\"");
        assertThat(accepted.path("notFoundDocumentIds").toString()).isEqualTo(jsonOf(List.of(documentId)));
        HttpResponse<String> log = TestHttp.get(baseUrl() + "/api/admin/message-log?messageId=" + docId,
                credentialsWithRole(Roles.OPERATOR));
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        JsonNode detail = null;
        for (JsonNode row : read(log.body()).path("items")) {
            if (row.path("kind").asText().equals("EXCHANGE_ACCEPTED")) {
                detail = row.path("detail");
            }
        }
        assertThat(detail).as(log.body()).isNotNull();
        assertThat(detail.path("warnings").toString()).contains("\"PKG-312\"");
        assertThat(detail.path("notFoundDocumentIds").toString()).isEqualTo(jsonOf(List.of(documentId)));
    }

    private String jsonOf(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- packages -----------------------------------------------------------------------------

    /** The sample's Bussiness block made a BussinessDocType {@code type} whose Bussiness/DocumentId is replaced by {@code content}. */
    private static String business(String sample, int type, String content) {
        String text = replaceOnce(sample, "<edXML:BussinessDocType>0</edXML:BussinessDocType>",
                "<edXML:BussinessDocType>" + type + "</edXML:BussinessDocType>");
        return replaceOnce(text, "<edXML:DocumentId>000.00.00.G22,2014/02/30,7806/VPCP-TTĐT</edXML:DocumentId>",
                content);
    }

    private static String replacementInfo(String... documentIds) {
        StringBuilder list = new StringBuilder("<edXML:ReplacementInfoList>");
        for (String id : documentIds) {
            list.append("<edXML:ReplacementInfo><edXML:DocumentId>").append(id).append("</edXML:DocumentId>")
                    .append("<edXML:OrganIdList><edXML:OrganId>").append(WARD).append("</edXML:OrganId>")
                    .append("</edXML:OrganIdList></edXML:ReplacementInfo>");
        }
        return list.append("</edXML:ReplacementInfoList>").toString();
    }

    private List<String> recipientSystems(String docId) {
        return jdbc.sql("SELECT recipient_system FROM delivery WHERE doc_id = ?").param(docId).query(String.class).list();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
