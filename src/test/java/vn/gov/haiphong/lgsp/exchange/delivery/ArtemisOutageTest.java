package vn.gov.haiphong.lgsp.exchange.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestSupport;

/**
 * While Artemis does not answer, a document is still accepted — it is stored, so the client is
 * told so, with its DocId, never a FAIL — and it is delivered within seconds of Artemis's return,
 * not after the periodic recovery's grace.
 */
class ArtemisOutageTest extends VdxpTestSupport {

    @Autowired
    EmbeddedActiveMQ artemis;

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

    private String transferState(String docId) {
        return jdbc.sql("SELECT transfer_state FROM delivery WHERE doc_id = ? AND recipient_system = ?")
                .params(docId, WARD_SYSTEM).query(String.class).single();
    }
}
