package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The "jms" health component (readiness) answers within its timeout whatever Artemis does: here a
 * "broker" that accepts TCP connections and never answers, as a hung or half-dead one does, and
 * then a real broker.
 */
class ArtemisHealthIndicatorTest {

    @Test
    void answersDownWithinItsTimeoutWhenArtemisDoesNotAnswer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never a byte back
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            var factory = new CachingConnectionFactory(new ActiveMQConnectionFactory(
                    "tcp://127.0.0.1:" + silent.getLocalPort() + "?callTimeout=30000&reconnectAttempts=-1"));
            ArtemisHealthIndicator health = new ArtemisHealthIndicator(factory, Duration.ofMillis(500));
            try {
                for (int check = 0; check < 3; check++) {
                    long start = System.nanoTime();
                    Health answer = health.health();
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(answer.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(answer.getDetails().get("error")).asString().contains("did not answer within 500 ms");
                    assertThat(took).as("check %d answered", check).isLessThan(Duration.ofSeconds(2));
                }
            } finally {
                health.destroy();
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void answersUpWhenArtemisAnswers() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setName("health-test").setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJMXManagementEnabled(false).addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        broker.start();
        ArtemisHealthIndicator health = new ArtemisHealthIndicator(
                new CachingConnectionFactory(new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port)), Duration.ofSeconds(5));
        try {
            Health answer = health.health();
            assertThat(answer.getStatus()).isEqualTo(Status.UP);
            assertThat(answer.getDetails().get("provider")).isEqualTo("ActiveMQ");
        } finally {
            health.destroy();
            broker.stop();
        }
    }
}
