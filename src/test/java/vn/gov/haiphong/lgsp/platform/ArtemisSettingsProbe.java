package vn.gov.haiphong.lgsp.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Asks a running broker, through its management address, what it applies: the address settings
 * of an address, as JSON. What an operator sees with {@code artemis address show} or the console.
 */
final class ArtemisSettingsProbe {

    private ArtemisSettingsProbe() {
    }

    /** The address settings the broker applies to {@code address} (merged from every match). */
    static JsonNode addressSettings(String url, String user, String password, String address) throws Exception {
        return new ObjectMapper().readTree((String) manage(url, user, password, "getAddressSettingsAsJSON", address));
    }

    /** One operation on the broker's management resource, as {@code user}. */
    static Object manage(String url, String user, String password, String operation, Object... arguments) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
             QueueConnection connection = factory.createQueueConnection(user, password)) {
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueRequestor requestor = new QueueRequestor(session, ActiveMQJMSClient.createQueue("activemq.management"));
            connection.start();
            Message request = session.createMessage();
            JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, operation, arguments);
            Message reply = requestor.request(request);
            if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new JMSException(operation + " failed: " + (reply == null ? "no reply"
                        : JMSManagementHelper.getResult(reply)));
            }
            return JMSManagementHelper.getResult(reply, String.class);
        }
    }

    /** Sends one persistent message to {@code queue} as {@code user} (throws when refused). */
    static void send(String url, String user, String password, String queue) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
             var connection = factory.createConnection(user, password)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage("probe"));
        }
    }
}
