package vn.gov.haiphong.lgsp.platform;

import java.time.Duration;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Artemis broker of the default profile: persistent journal (Boot's properties),
 * JMX on (Hawtio shows addresses, queues and counts), and an explicit redelivery policy with a
 * dead-letter address for every address, since Boot's embedded broker sets none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded", matchIfMissing = true)
public class ArtemisBrokerConfig {

    @ConfigurationProperties("lgsp.artemis")
    public record RedeliveryPolicy(Duration redeliveryDelay, double redeliveryMultiplier, Duration maxRedeliveryDelay,
                                   int maxDeliveryAttempts, String deadLetterAddress, String expiryAddress,
                                   @org.springframework.boot.context.properties.bind.DefaultValue("true") boolean jmxEnabled) {
    }

    @Bean
    ArtemisConfigurationCustomizer lgspArtemisCustomizer(RedeliveryPolicy policy) {
        return configuration -> {
            configuration.setJMXManagementEnabled(policy.jmxEnabled());
            configuration.setName("lgsp-broker");
            AddressSettings settings = new AddressSettings()
                    .setRedeliveryDelay(policy.redeliveryDelay().toMillis())
                    .setRedeliveryMultiplier(policy.redeliveryMultiplier())
                    .setMaxRedeliveryDelay(policy.maxRedeliveryDelay().toMillis())
                    .setMaxDeliveryAttempts(policy.maxDeliveryAttempts())
                    .setDeadLetterAddress(SimpleString.of(policy.deadLetterAddress()))
                    .setExpiryAddress(SimpleString.of(policy.expiryAddress()))
                    .setAutoCreateQueues(true)
                    .setAutoCreateAddresses(true)
                    // Delivery queues are durable and must outlive their consumers.
                    .setAutoDeleteQueues(false)
                    .setAutoDeleteAddresses(false);
            configuration.addAddressSetting("#", settings);
            // Delivery consumers are slow ones (each waits on commits or on the recipient): a claim
            // check buffered in a busy consumer would wait there while another consumer is idle.
            // (Artemis merges this with "#" above, the more specific match winning.)
            configuration.addAddressSetting("lgsp.delivery.#", new AddressSettings().setDefaultConsumerWindowSize(0));
            // The dead-letter and expiry addresses themselves never redeliver elsewhere.
            configuration.addAddressSetting(policy.deadLetterAddress(), new AddressSettings().setMaxDeliveryAttempts(-1)
                    .setAutoDeleteQueues(false).setAutoDeleteAddresses(false));
            configuration.addQueueConfiguration(QueueConfiguration.of(policy.deadLetterAddress())
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
            configuration.addQueueConfiguration(QueueConfiguration.of(policy.expiryAddress())
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        };
    }
}
