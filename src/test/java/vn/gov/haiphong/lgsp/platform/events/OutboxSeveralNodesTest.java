package vn.gov.haiphong.lgsp.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import vn.gov.haiphong.lgsp.EventTopicReader;
import vn.gov.haiphong.lgsp.PlatformTestSupport;

/**
 * Several nodes' publishers on one outbox (here: this node's and two more on the same database and
 * Kafka, all publishing as fast as they can) send each event once, and each key's events in order.
 */
class OutboxSeveralNodesTest extends PlatformTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaProperties kafka;

    @Autowired
    KafkaTemplate<String, String> template;

    @Test
    void eachEventOnceAndInOrderPerKey() throws Exception {
        String topic = "lgsp.test.outbox-nodes-" + Long.toString(System.nanoTime(), 36);
        int keys = 20;
        int perKey = 30;
        for (int n = 0; n < perKey; n++) {
            for (int k = 0; k < keys; k++) {
                jdbc.sql("INSERT INTO event_outbox (topic, event_key, payload, created_at) VALUES (:t, :k, :p, :at)")
                        .param("t", topic).param("k", "k" + k).param("p", "{\"n\":" + n + "}")
                        .param("at", Instant.now().atOffset(ZoneOffset.UTC)).update();
            }
        }
        List<OutboxPublisher> nodes = List.of(node("node-b"), node("node-c"));
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (OutboxPublisher node : nodes) {
                running.add(threads.submit(() -> {
                    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (pending(topic) > 0 && System.nanoTime() < until) {
                        if (node.publishPending() == 0) {
                            Thread.sleep(5);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
            nodes.forEach(OutboxPublisher::stop);
        }
        assertThat(pending(topic)).isZero();

        try (EventTopicReader reader = new EventTopicReader(kafka, json, topic).anyPayload()) {
            List<EventTopicReader.Received> received = reader.readToEnd();
            Map<String, List<Integer>> byKey = new LinkedHashMap<>();
            received.forEach(r -> byKey.computeIfAbsent(r.key(), key -> new ArrayList<>()).add(r.value().path("n").asInt()));
            List<Integer> expected = java.util.stream.IntStream.range(0, perKey).boxed().toList();
            assertThat(received).as("events published").hasSize(keys * perKey);
            assertThat(byKey).hasSize(keys).allSatisfy((key, ns) -> assertThat(ns).as(key).isEqualTo(expected));
        }
    }

    private OutboxPublisher node(String nodeId) {
        return new OutboxPublisher(jdbc, template, true, Duration.ofDays(1), Duration.ofMillis(20), nodeId,
                Duration.ofSeconds(15));
    }

    private long pending(String topic) {
        return jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE topic = :t AND published_at IS NULL")
                .param("t", topic).query(Long.class).single();
    }
}
