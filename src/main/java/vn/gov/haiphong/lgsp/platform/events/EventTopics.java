package vn.gov.haiphong.lgsp.platform.events;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The Kafka topics the platform publishes to, declared with the partitions, replication,
 * {@code min.insync.replicas} and retention of {@code lgsp.kafka.topics}: Spring Kafka's
 * {@link KafkaAdmin} creates those missing at start and brings the configuration of existing ones
 * to these values ({@code spring.kafka.admin.modify-topic-configs}), instead of relying on a
 * broker's auto-creation with its defaults. Capabilities with topics of their own (a dataset's)
 * declare them with {@link Settings#topic}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventTopics.Settings.class)
public class EventTopics {

    /**
     * @param names             the platform's own topics
     * @param partitions        partitions per topic (events of one key stay in order in one partition)
     * @param replicationFactor copies of each partition (1 for the embedded broker; 3 in production)
     * @param minInsyncReplicas copies that must have an event before it counts as published (acks=all)
     * @param retention         how long Kafka keeps events
     */
    @ConfigurationProperties("lgsp.kafka.topics")
    public record Settings(@DefaultValue List<String> names, @DefaultValue("3") int partitions,
                           @DefaultValue("1") short replicationFactor, @DefaultValue("1") int minInsyncReplicas,
                           @DefaultValue("7d") Duration retention) {

        public NewTopic topic(String name) {
            return TopicBuilder.name(name).partitions(partitions).replicas(replicationFactor)
                    .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas))
                    .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()))
                    .build();
        }
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics(Settings settings) {
        return new KafkaAdmin.NewTopics(settings.names().stream().map(settings::topic).toArray(NewTopic[]::new));
    }
}
