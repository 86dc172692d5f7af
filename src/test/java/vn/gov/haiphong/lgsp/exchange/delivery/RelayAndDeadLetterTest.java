package vn.gov.haiphong.lgsp.exchange.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.exchange.document.DocumentExchange;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestSupport;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AgencyInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * Guaranteed delivery beyond the pull inbox, against a second VDXP server on a real socket (the
 * old Hải Dương LGSP during the transition): relay with the package unchanged, statuses flowing
 * back, per-unit cut-over by a registry change, redelivery with backoff, dead letters with their
 * reason, operator replay, idempotent claim checks, the routing table's refusals, the MBean.
 * Registry data: codes 000.77.7x.H27.
 */
class RelayAndDeadLetterTest extends VdxpTestSupport {

    static final String RELAY_SECRET = "old-hd-platform-test-secret";
    static final String OLD_HD_UNIT = "000.77.71.H27";
    static final String CUT_OVER_UNIT = "000.77.72.H27";
    static final String RELAY_SYSTEM = "test.old-hd-lgsp";
    static final String NEW_SYSTEM = "test.zz72.qlvb";

    @Autowired
    RegistryService registry;
    @Autowired
    DeliveryDispatcher dispatcher;
    @Autowired
    DeliveryRecovery recovery;
    @Autowired
    KafkaProperties kafka;
    @Autowired
    EmbeddedActiveMQ artemis;
    @Autowired
    CamelContext camel;

    /** Started once for the class (the Spring context outlives it: the registry keeps the systems). */
    static StubVdxpServer oldPlatform;

    @BeforeEach
    void registerTheOldPlatformOnce() throws Exception {
        if (oldPlatform != null) {
            return;
        }
        oldPlatform = new StubVdxpServer(RELAY_SECRET);
        for (String code : List.of(OLD_HD_UNIT, CUT_OVER_UNIT)) {
            registry.createAgency(new AgencyInput(code, "Đơn vị thử nghiệm " + code, null, Region.HD,
                    AgencyStatus.ACTIVE, null, null, null, null), "test");
        }
        registry.createSystem(new SystemInput(RELAY_SYSTEM, "LGSP Hải Dương (cũ) - thử nghiệm", OLD_HD_UNIT,
                Set.of(OLD_HD_UNIT, CUT_OVER_UNIT), Set.of(Protocol.VDXP_REST), DeliveryMode.RELAY,
                oldPlatform.endpoint(), SignaturePolicy.IF_PRESENT, true, RELAY_SECRET), "test");
    }

    @AfterAll
    static void stopTheOldPlatform() {
        if (oldPlatform != null) {
            oldPlatform.close();
            oldPlatform = null;
        }
    }

    VdxpTestClient asOldPlatform() {
        return new VdxpTestClient(baseUrl() + "/vdxp", RELAY_SYSTEM, RELAY_SECRET);
    }

    String transferState(String docId, String system) {
        return jdbc.sql("SELECT transfer_state FROM delivery WHERE doc_id = ? AND recipient_system = ?")
                .params(docId, system).query(String.class).single();
    }

    void awaitTransferState(String docId, String system, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(transferState(docId, system))
                        .as(() -> transferStates(List.of(docId), system)).isEqualTo(state));
    }

    @Test
    void documentsForUnitsOfTheOldPlatformAreRelayedUnchangedAndStatusesComeBack() {
        String documentId = newDocumentId(HOME_AFFAIRS);
        byte[] pkg = document(HOME_AFFAIRS, documentId, OLD_HD_UNIT);
        try (EventTopicReader events = new EventTopicReader(kafka, json, DocumentExchange.TOPIC)) {
            String docId = assertSendReply(homeAffairs().sendEdoc(pkg, HOME_AFFAIRS, "edoc"), "0");
            awaitTransferState(docId, RELAY_SYSTEM, "DELIVERED");

            StubVdxpServer.Received relayed = oldPlatform.received().stream()
                    .filter(r -> (docId + "/" + RELAY_SYSTEM).equals(r.deliveryKey())).findFirst().orElseThrow();
            assertThat(relayed.pkg()).as("the platform never changes a package's bytes").isEqualTo(pkg);
            assertThat(relayed.systemId()).isEqualTo("lgsp.haiphong");
            assertThat(relayed.parameters()).containsEntry("from", HOME_AFFAIRS).containsEntry("messagetype", "edoc");
            assertThat(jdbc.sql("SELECT remote_id FROM delivery WHERE doc_id = ?").param(docId).query(String.class)
                    .single()).isEqualTo(relayed.docId());

            JsonNode routed = events.await("DOCUMENT_ROUTED", docId);
            assertThat(routed.path("data").path("deliveries").get(0).path("route").asText()).isEqualTo("relay");
            assertThat(routed.path("data").path("deliveries").get(0).path("queue").asText())
                    .isEqualTo("lgsp.delivery." + RELAY_SYSTEM);
            JsonNode delivered = events.await("DOCUMENT_DELIVERED", docId);
            assertThat(delivered.path("data").path("channel").asText()).isEqualTo("vdxp-client");

            // The old platform reports back for its unit: the status reaches the original sender.
            String statusId = sent(asOldPlatform().sendEdoc(status(OLD_HD_UNIT, HOME_AFFAIRS, documentId, "03"),
                    OLD_HD_UNIT, "status"));
            assertThat(items(homeAffairs().receivedList("status"), "docId", statusId)).hasSize(1);
            events.await("DOCUMENT_STATUS", docId);
        }
    }

    @Test
    void aBusyTargetGetsMoreConsumersThanItsMinimumWhileEachWaitsOnTheRecipient() {
        oldPlatform.hold();
        List<String> docIds = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                docIds.add(assertSendReply(homeAffairs().sendEdoc(
                        document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), OLD_HD_UNIT), HOME_AFFAIRS, "edoc"), "0"));
            }
            // Two consumers at first (consumers-per-target), each taking one claim check at a time
            // (consumer window 0); Spring adds one each time a receipt finds none idle. That
            // heuristic can lag a consumer behind (once, in CI, seven of eight were in flight), so
            // ask for well past what two fixed consumers or a buffered window reach (two, three).
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(oldPlatform.inFlight())
                            .as(() -> "requests waiting at the recipient; " + deliveryConsumers() + "; "
                                    + transferStates(docIds, RELAY_SYSTEM))
                            .isGreaterThanOrEqualTo(6));
        } finally {
            oldPlatform.release();
        }
        for (String docId : docIds) {
            awaitTransferState(docId, RELAY_SYSTEM, "DELIVERED");
            assertThat(oldPlatform.received()).filteredOn(r -> (docId + "/" + RELAY_SYSTEM).equals(r.deliveryKey()))
                    .hasSize(1);
        }
    }

    /** The relay target's listener container, for a failure message. */
    String deliveryConsumers() {
        JmsConsumer consumer = (JmsConsumer) camel.getRoute("delivery-" + RELAY_SYSTEM)
                .getConsumer();
        try {
            DefaultMessageListenerContainer container =
                    (DefaultMessageListenerContainer) consumer.getListenerContainer();
            return "consumers scheduled " + container.getScheduledConsumerCount() + ", active "
                    + container.getActiveConsumerCount();
        } catch (Exception e) {
            return "consumers unknown (" + e + ")";
        }
    }

    /** Where each delivery to a system stands, with its attempts and last error (for failure messages). */
    String transferStates(List<String> docIds, String system) {
        List<String> states = new ArrayList<>();
        for (String docId : docIds) {
            states.add(jdbc.sql("SELECT transfer_state || ' after ' || transfer_attempts || ' attempt(s) '"
                    + " || COALESCE(last_error, '') FROM delivery WHERE doc_id = ? AND recipient_system = ?")
                    .params(docId, system).query(String.class).single());
        }
        return "deliveries " + states;
    }

    @Test
    void cuttingAUnitOverIsARegistryChangeNotACodeChange() {
        String before = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS),
                CUT_OVER_UNIT), HOME_AFFAIRS, "edoc"), "0");
        assertThat(jdbc.sql("SELECT route FROM delivery WHERE doc_id = ?").param(before).query(String.class).single())
                .isEqualTo("relay");

        // The unit gets its own document software on the new platform; the old one stops serving it.
        registry.updateSystem(RELAY_SYSTEM, new SystemInput(RELAY_SYSTEM, "LGSP Hải Dương (cũ) - thử nghiệm",
                OLD_HD_UNIT, Set.of(OLD_HD_UNIT), Set.of(Protocol.VDXP_REST), DeliveryMode.RELAY,
                oldPlatform.endpoint(), SignaturePolicy.IF_PRESENT, true, null), "test");
        registry.createSystem(new SystemInput(NEW_SYSTEM, "Phần mềm văn bản - đơn vị ZZ72", CUT_OVER_UNIT,
                Set.of(CUT_OVER_UNIT), Set.of(Protocol.VDXP_REST), DeliveryMode.PULL, null, SignaturePolicy.IF_PRESENT,
                true, "zz72-test-secret-000"), "test");

        String after = sent(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS),
                CUT_OVER_UNIT), HOME_AFFAIRS, "edoc"));
        assertThat(jdbc.sql("SELECT route || ' ' || recipient_system FROM delivery WHERE doc_id = ?").param(after)
                .query(String.class).single()).isEqualTo("local-pull " + NEW_SYSTEM);
        assertThat(items(new VdxpTestClient(baseUrl() + "/vdxp", NEW_SYSTEM, "zz72-test-secret-000")
                .receivedList("edoc"), "docId", after)).hasSize(1);
    }

    @Test
    void aRefusalIsDeadLetteredAtOnceWithItsReasonAndAnOperatorReplaysIt() throws Exception {
        oldPlatform.mode(StubVdxpServer.Mode.REFUSE);
        String docId;
        long deliveryId;
        try {
            docId = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS),
                    OLD_HD_UNIT), HOME_AFFAIRS, "edoc"), "0");
            awaitTransferState(docId, RELAY_SYSTEM, "DEAD_LETTER");
            deliveryId = jdbc.sql("SELECT id FROM delivery WHERE doc_id = ?").param(docId).query(Long.class).single();

            String[] operator = credentialsWithRole("OPERATOR");
            HttpResponse<String> list = TestHttp.get(baseUrl() + "/api/admin/exchange/dead-letters?target="
                    + RELAY_SYSTEM, operator);
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode letter = findById(read(list.body()), deliveryId);
            assertThat(letter.path("attempts").asInt()).as(letter.toString()).isEqualTo(1);
            assertThat(letter.path("reason").asText()).contains("refused").contains("E42")
                    .contains("Unknown recipient here");
            assertThat(letter.path("queue").asText()).isEqualTo("DLQ.lgsp.delivery." + RELAY_SYSTEM);
            assertThat(letter.path("route").asText()).isEqualTo("relay");
            // The claim check waits on the target's dead-letter queue, with the reason, for Hawtio.
            assertThat(artemis.getActiveMQServer().locateQueue("DLQ.lgsp.delivery." + RELAY_SYSTEM)
                    .getMessageCount()).isPositive();
            assertThat(mbeanAttribute("DeadLettered", Long.class)).isPositive();
            @SuppressWarnings("unchecked")
            Map<String, Long> depths = mbeanAttribute("QueueDepths", Map.class);
            assertThat(depths).containsKey("DLQ.lgsp.delivery." + RELAY_SYSTEM);
        } finally {
            oldPlatform.mode(StubVdxpServer.Mode.ACCEPT);
        }

        String[] operator = credentialsWithRole("OPERATOR");
        try (EventTopicReader events = new EventTopicReader(kafka, json, DocumentExchange.TOPIC)) {
            HttpResponse<String> replay = TestHttp.send("POST", baseUrl() + "/api/admin/exchange/dead-letters/"
                    + deliveryId + "/replay", operator, "application/json", new byte[0]);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            awaitTransferState(docId, RELAY_SYSTEM, "DELIVERED");
            events.await("DOCUMENT_REPLAYED", docId);
        }
        assertThat(oldPlatform.received()).filteredOn(r -> (docId + "/" + RELAY_SYSTEM).equals(r.deliveryKey()))
                .hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> artemis.getActiveMQServer()
                .locateQueue("DLQ.lgsp.delivery." + RELAY_SYSTEM).getMessageCount() == 0);

        // The hash-chained message log has every step of this document.
        assertThat(jdbc.sql("SELECT kind FROM message_log WHERE message_id = ? ORDER BY id").param(docId)
                .query(String.class).list()).containsExactly("EXCHANGE_ACCEPTED", "EXCHANGE_DEAD_LETTERED",
                "EXCHANGE_REPLAYED", "EXCHANGE_DELIVERED");

        // Replaying again is refused: it is no longer a dead letter.
        assertProblem(TestHttp.send("POST", baseUrl() + "/api/admin/exchange/dead-letters/" + deliveryId + "/replay",
                operator, "application/json", new byte[0]), 409, "EXC-315");
    }

    @Test
    void anUnavailableServerIsRetriedWithBackoffUntilTheLastAttempt() {
        oldPlatform.mode(StubVdxpServer.Mode.UNAVAILABLE);
        try {
            String docId = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS,
                    newDocumentId(HOME_AFFAIRS), OLD_HD_UNIT), HOME_AFFAIRS, "edoc"), "0");
            awaitTransferState(docId, RELAY_SYSTEM, "DEAD_LETTER");
            long deliveryId = jdbc.sql("SELECT id FROM delivery WHERE doc_id = ?").param(docId).query(Long.class)
                    .single();
            // 4 attempts (the tests' policy), all failed: the dead letter counts the last one too.
            JsonNode letter = findById(read(TestHttp.get(baseUrl() + "/api/admin/exchange/dead-letters?target="
                    + RELAY_SYSTEM, credentialsWithRole("OPERATOR")).body()), deliveryId);
            assertThat(letter.path("attempts").asInt()).as(letter.toString()).isEqualTo(4);
            assertThat(letter.path("reason").asText()).startsWith("attempt 4 of 4").contains("HTTP 503");
            // For its sender the delivery failed: given up is not pending.
            JsonNode sent = items(homeAffairs().sentList("edoc", docId), "senderDocId", docId).get(0);
            assertThat(sent.path("sendStatus").asText()).as(sent.toString()).isEqualTo("fail");
            assertThat(sent.path("sendStatusDesc").asText()).startsWith("Delivery given up after 4 failed attempts")
                    .contains("attempt 4 of 4");
        } finally {
            oldPlatform.mode(StubVdxpServer.Mode.ACCEPT);
        }
    }

    @Test
    void aRedeliveredClaimCheckNeverShowsTheRecipientTheDocumentTwice() {
        String docId = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS),
                OLD_HD_UNIT, WARD), HOME_AFFAIRS, "edoc"), "0");
        awaitTransferState(docId, RELAY_SYSTEM, "DELIVERED");
        awaitTransferState(docId, WARD_SYSTEM, "DELIVERED");
        // As after a crash between the hand-over and the commit, or a recovery sweep.
        dispatcher.enqueue(docId, List.of(RELAY_SYSTEM, WARD_SYSTEM));
        dispatcher.enqueue(docId, List.of(RELAY_SYSTEM));
        Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() ->
                artemis.getActiveMQServer().locateQueue("lgsp.delivery." + RELAY_SYSTEM).getMessageCount() == 0);
        assertThat(oldPlatform.received()).filteredOn(r -> (docId + "/" + RELAY_SYSTEM).equals(r.deliveryKey()))
                .hasSize(1);
        assertThat(items(ward().receivedList("edoc"), "docId", docId)).hasSize(1);
        assertOk(ward().updateStatus(docId, "done"));
    }

    @Test
    void recoveryResendsClaimChecksLostBeforeTheyReachedTheQueue() throws Exception {
        // The process "died" between the commit and the enqueue: the claim check is gone.
        String consumer = "delivery-" + WARD_SYSTEM;
        camel.getRouteController().stopRoute(consumer);
        String docId;
        try {
            docId = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD),
                    HOME_AFFAIRS, "edoc"), "0");
            artemis.getActiveMQServer().locateQueue("lgsp.delivery." + WARD_SYSTEM).deleteAllReferences();
        } finally {
            camel.getRouteController().startRoute(consumer);
        }
        assertThat(transferState(docId, WARD_SYSTEM)).isEqualTo("QUEUED");
        assertThat(items(ward().receivedList("edoc"), "docId", docId)).isEmpty();

        assertThat(recovery.sweep(true)).isPositive();
        awaitTransferState(docId, WARD_SYSTEM, "DELIVERED");
        assertThat(items(ward().receivedList("edoc"), "docId", docId)).hasSize(1);
        assertOk(ward().updateStatus(docId, "done"));
    }

    @Test
    void aRevocationReachesEveryRecipientOfTheOriginalEvenOnesItsToListForgot() {
        String documentId = newDocumentId(HOME_AFFAIRS);
        String original = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, documentId, WARD,
                OLD_HD_UNIT), HOME_AFFAIRS, "edoc"), "0");
        awaitTransferState(original, RELAY_SYSTEM, "DELIVERED");

        // The revocation names only the ward; the old platform's unit got the original too.
        // (Real packages carry Bussiness inside TraceHeaderList, as the schema allows.)
        String revocation = documentText(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD).replaceFirst(
                "<edXML:TraceHeaderList>", "<edXML:TraceHeaderList><edXML:Bussiness>"
                        + "<edXML:BussinessDocType>1</edXML:BussinessDocType><edXML:DocumentId>" + documentId
                        + "</edXML:DocumentId></edXML:Bussiness>");
        String revoked = assertSendReply(homeAffairs().sendEdoc(revocation.getBytes(StandardCharsets.UTF_8),
                HOME_AFFAIRS, "edoc"), "0");
        awaitTransferState(revoked, RELAY_SYSTEM, "DELIVERED");
        awaitTransferState(revoked, WARD_SYSTEM, "DELIVERED");
        assertThat(jdbc.sql("SELECT referenced_doc_id FROM document WHERE doc_id = ?").param(revoked)
                .query(String.class).single()).isEqualTo(original);
        assertThat(oldPlatform.received()).filteredOn(r -> (revoked + "/" + RELAY_SYSTEM).equals(r.deliveryKey()))
                .singleElement().satisfies(r -> assertThat(new String(r.pkg(), StandardCharsets.UTF_8))
                        .contains("<edXML:BussinessDocType>1</edXML:BussinessDocType>"));
        assertOk(ward().updateStatus(original, "done"));
        assertOk(ward().updateStatus(revoked, "done"));
    }

    @Test
    void theRoutingTableRefusesWhatItCannotRoute() {
        // Inside the city and unknown: refused at submission, not discovered later.
        assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), "000.77.79.H27"),
                HOME_AFFAIRS, "edoc"), "EXC-305");
        // A ministry's code goes to the national axis, which this test platform has not registered.
        JsonNode refused = assertRefused(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS),
                "000.00.00.G98"), HOME_AFFAIRS, "edoc"), "EXC-305");
        assertThat(refused.path("ErrorDesc").asText()).contains("national-axis");
    }

    private static JsonNode findById(JsonNode list, long deliveryId) {
        for (JsonNode item : list) {
            if (item.path("deliveryId").asLong() == deliveryId) {
                return item;
            }
        }
        throw new AssertionError("dead letter " + deliveryId + " not listed in " + list);
    }

    private static <T> T mbeanAttribute(String name, Class<T> type) throws Exception {
        Object value = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("lgsp:type=Exchange,name=Deliveries"), name);
        return type.cast(value);
    }
}
