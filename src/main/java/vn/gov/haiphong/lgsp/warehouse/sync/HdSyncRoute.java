package vn.gov.haiphong.lgsp.warehouse.sync;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Consumes every {@code hd.legacy.{dataset}} topic (one pattern subscription, so a dataset
 * declared later needs no code) and applies each record in a database transaction of its own.
 * The record's offset is committed only after that transaction committed, so a node that dies
 * or restarts resumes from the last applied record (a record applied but not yet committed is
 * applied again: a replay, which is a no-op). A poison record goes to {@code hd.legacy.dlt}
 * with the reason in its headers, its offset is committed, and the stream goes on; any other
 * failure (database unavailable, lock conflict) stops at that record and retries it.
 */
@Component
@ConditionalOnProperty(name = "lgsp.warehouse.hd-sync.enabled", havingValue = "true", matchIfMissing = true)
public class HdSyncRoute extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(HdSyncRoute.class);
    /** Every hd.legacy.* topic except the dead-letter topic itself (Kafka matches the whole name). */
    public static final String TOPIC_PATTERN = "hd\\.legacy\\.(?!dlt$)[a-z0-9][a-z0-9-]*";
    public static final String ROUTE_ID = "warehouse-hd-sync";
    public static final String GROUP_ID = "lgsp-warehouse-hd-sync";
    static final String REASON = "lgsp-dlt-reason";
    static final String DETAIL = "lgsp-dlt-detail";

    private final HdSyncService sync;
    private final long metadataMaxAgeMs;

    public HdSyncRoute(HdSyncService sync,
                       @Value("${lgsp.warehouse.hd-sync.topic-refresh:30s}") java.time.Duration topicRefresh) {
        this.sync = sync;
        this.metadataMaxAgeMs = topicRefresh.toMillis();
    }

    @Override
    public void configure() throws Exception {
        // A regular expression cannot sit in an endpoint URI (its '?' would start the options),
        // so the topic pattern is set on the endpoint itself.
        KafkaEndpoint source = (KafkaEndpoint) getContext().getComponent("kafka", KafkaComponent.class)
                .createEndpoint("kafka:hd.legacy.all-datasets?groupId=" + GROUP_ID
                        + "&topicIsPattern=true&autoOffsetReset=earliest&consumersCount=1"
                        + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
                        + "&maxPollRecords=500&metadataMaxAgeMs=" + metadataMaxAgeMs
                        + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer");
        source.getConfiguration().setTopic(TOPIC_PATTERN);

        // Not poison: retried a few times in place, then the consumer stops at this record and
        // seeks back to it (breakOnFirstError), so nothing after it is applied first.
        errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(500).backOffMultiplier(2)
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN));

        from(source).routeId(ROUTE_ID)
            .doTry()
                .process(this::apply)
            .doCatch(HdRecordException.class)
                .process(this::deadLetterHeaders)
                .to("kafka:" + HdSyncService.DEAD_LETTER_TOPIC
                        + "?valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer"
                        + "&maxInFlightRequest=1") // see spring.kafka.producer in application.yml
            .end()
            .process(HdSyncRoute::commitOffset);
    }

    private void apply(Exchange exchange) {
        String topic = exchange.getIn().getHeader(KafkaConstants.TOPIC, String.class);
        HdSyncService.Result result = sync.apply(HdSyncService.datasetOfTopic(topic),
                exchange.getIn().getBody(byte[].class), source(exchange));
        log.debug("HD change {} {} hdVersion {}: {}", result.dataset(), result.key(), result.hdVersion(),
                result.outcome());
    }

    private void deadLetterHeaders(Exchange exchange) {
        HdRecordException poison = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HdRecordException.class);
        String source = source(exchange);
        log.warn("HD record {} dead-lettered to {}: {} {}", source, HdSyncService.DEAD_LETTER_TOPIC, poison.reason(),
                poison.getMessage());
        exchange.getIn().setHeader(REASON, poison.reason().name());
        exchange.getIn().setHeader(DETAIL, poison.getMessage());
        exchange.getIn().setHeader("lgsp-dlt-topic", exchange.getIn().getHeader(KafkaConstants.TOPIC, String.class));
        exchange.getIn().setHeader("lgsp-dlt-partition", String.valueOf(exchange.getIn().getHeader(KafkaConstants.PARTITION)));
        exchange.getIn().setHeader("lgsp-dlt-offset", String.valueOf(exchange.getIn().getHeader(KafkaConstants.OFFSET)));
        exchange.getIn().setHeader("lgsp-dlt-at", Instant.now().toString());
    }

    /** After the database commit (or the dead-letter send): the next start resumes after this record. */
    private static void commitOffset(Exchange exchange) {
        KafkaManualCommit manual = exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual != null) {
            manual.commit();
        }
    }

    private static String source(Exchange exchange) {
        return exchange.getIn().getHeader(KafkaConstants.TOPIC, String.class) + "/"
                + exchange.getIn().getHeader(KafkaConstants.PARTITION) + "@"
                + exchange.getIn().getHeader(KafkaConstants.OFFSET);
    }
}
