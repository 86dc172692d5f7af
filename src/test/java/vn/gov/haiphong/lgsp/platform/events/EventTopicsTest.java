package vn.gov.haiphong.lgsp.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import vn.gov.haiphong.lgsp.PlatformTestSupport;

/**
 * The platform's topics, and each dataset's, exist from the start with the partitions and the
 * settings of lgsp.kafka.topics, not a broker's defaults for auto-created topics (the tests'
 * retention, 3 days, differs from the embedded broker's 7).
 */
class EventTopicsTest extends PlatformTestSupport {

    @Autowired
    KafkaProperties kafka;
    @Autowired
    EventTopics.Settings settings;

    @Test
    void declaredTopicsExistWithTheirSettings() throws Exception {
        List<String> topics = List.of("lgsp.document-events", "lgsp.registry-events", "lgsp.audit", "hd.legacy.dlt",
                "lgsp.data.administrative-units");
        try (AdminClient admin = AdminClient.create(kafka.buildAdminProperties(null))) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(described).hasSize(topics.size())
                    .allSatisfy((name, topic) -> assertThat(topic.partitions()).as(name).hasSize(settings.partitions()));
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get(10, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> {
                ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
                assertThat(retention.source()).as(resource.name() + " retention set on the topic")
                        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
                assertThat(retention.value()).isEqualTo(String.valueOf(settings.retention().toMillis()));
                assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).as(resource.name())
                        .isEqualTo(String.valueOf(settings.minInsyncReplicas()));
            });
        }
    }
}
