package vn.gov.haiphong.lgsp.warehouse;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import vn.gov.haiphong.lgsp.platform.events.EventTopics;

/** Each declared dataset's change topic ({@code lgsp.data.<dataset>}), with the platform's topic settings. */
@Configuration(proxyBeanMethods = false)
class DatasetTopics {

    @Bean
    KafkaAdmin.NewTopics datasetChangeTopics(EventTopics.Settings settings, DatasetCatalog catalog) {
        return new KafkaAdmin.NewTopics(catalog.all().stream()
                .map(dataset -> settings.topic(DatasetService.topicOf(dataset.name()))).toArray(NewTopic[]::new));
    }
}
