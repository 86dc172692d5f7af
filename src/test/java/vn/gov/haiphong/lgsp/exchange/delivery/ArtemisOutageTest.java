package vn.gov.haiphong.lgsp.exchange.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestSupport;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * While Artemis does not answer, a document is still accepted — it is stored, so the client is
 * told so, with its DocId, never a FAIL — and it is delivered within seconds of Artemis's return,
 * not after the periodic recovery's grace. The node stays ready meanwhile: it can serve.
 */
class ArtemisOutageTest extends VdxpTestSupport {

    @Autowired
    EmbeddedActiveMQ artemis;
    @Autowired
    CamelContext camel;
    @Autowired
    JmsTemplate jms;
    @Autowired
    BrokerTrouble trouble;

    @Test
    void aDocumentAcceptedWhileArtemisIsDownIsDeliveredSoonAfterItReturns() throws Exception {
        ActiveMQServer broker = artemis.getActiveMQServer();
        String docId;
        try {
            broker.stop();
            // Answered OK with its DocId (VDXP ErrorCode 0), as any accepted document.
            docId = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD),
                    HOME_AFFAIRS, "edoc"), "0");
            assertThat(transferState(docId)).as("stored, waiting for Artemis").isEqualTo("QUEUED");
            // So the node stays ready for its load balancer; operators see the broker DOWN.
            assertThat(TestHttp.get(baseUrl() + "/actuator/health/readiness", null).statusCode())
                    .as("readiness while Artemis is down").isEqualTo(200);
            HttpResponse<String> health = TestHttp.get(baseUrl() + "/actuator/health", credentialsWithRole(Roles.OPERATOR));
            assertThat(health.body()).as("health while Artemis is down").contains("\"jms\":{\"status\":\"DOWN\"");
        } finally {
            if (!broker.isStarted()) {
                broker.start();
            }
        }
        long back = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "DELIVERED".equals(transferState(docId)));
        assertThat(Duration.ofNanos(System.nanoTime() - back))
                .as("delivered after Artemis's return").isLessThan(DeliveryRecovery.CLAIM_CHECK_GRACE.dividedBy(4));

        // And the platform goes on as before: the next document is delivered straight away.
        String next = sent(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD),
                HOME_AFFAIRS, "edoc"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(transferState(next)));
    }

    /**
     * A claim check held by a consumer session that died with its broker (a failover to the
     * backup) is never acted on: once a consumer reports its session lost, recovery sends it
     * again within seconds, not after the periodic sweep's grace.
     */
    @Test
    void aClaimCheckLostWithAConsumersSessionIsSentAgainSoon() throws Exception {
        String route = "delivery-" + WARD_SYSTEM;
        String docId;
        camel.getRouteController().stopRoute(route);
        try {
            docId = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD),
                    HOME_AFFAIRS, "edoc"), "0");
            // Its claim check taken and never acted on, as by a session that died with a broker.
            jms.setReceiveTimeout(5_000);
            assertThat(jms.receive(DeliveryDispatcher.queueOf(WARD_SYSTEM))).as("the claim check").isNotNull();
        } finally {
            camel.getRouteController().startRoute(route);
        }
        assertThat(transferState(docId)).isEqualTo("QUEUED");

        trouble.onException(new JMSException("AMQ219019: Session is closed"));
        long reported = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "DELIVERED".equals(transferState(docId)));
        assertThat(Duration.ofNanos(System.nanoTime() - reported))
                .as("delivered after the lost session was reported").isLessThan(Duration.ofSeconds(15));
    }

    private String transferState(String docId) {
        return jdbc.sql("SELECT transfer_state FROM delivery WHERE doc_id = ? AND recipient_system = ?")
                .params(docId, WARD_SYSTEM).query(String.class).single();
    }
}
