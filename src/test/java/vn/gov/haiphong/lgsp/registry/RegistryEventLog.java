package vn.gov.haiphong.lgsp.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/**
 * Reads {@code lgsp.registry-events} (or another platform event topic) from the beginning with a
 * plain consumer (all partitions assigned, no group), keeping every event seen, so a test can wait
 * for the events of its changes.
 */
public final class RegistryEventLog implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper json;
    private final List<JsonNode> events = new ArrayList<>();
    private final List<String> raw = new ArrayList<>();
    private final String topic;

    public RegistryEventLog(KafkaProperties kafka, ObjectMapper json) {
        this(kafka, json, RegistryService.TOPIC);
    }

    public RegistryEventLog(KafkaProperties kafka, ObjectMapper json, String topic) {
        this.json = json;
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The first event matching, polling until it arrives (30 s at most). */
    public JsonNode await(String description, Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            for (JsonNode event : events) {
                if (match.test(event)) {
                    return event;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No event " + description + " on " + topic + " among " + events.size() + " events");
            }
            poll();
        }
    }

    /** The event of this type for this key (type is ENTITY_ACTION, e.g. ALIAS_CREATE). */
    public JsonNode await(String type, String key) {
        return await(type + " " + key, e -> type.equals(e.path("type").asText()) && key.equals(e.path("key").asText()));
    }

    /** Reads every partition up to its current end, so {@link #raw()} holds all events published so far. */
    public void readToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Could not read " + topic + " to its end " + ends);
            }
            poll();
        }
    }

    /** Every event text seen so far (raw JSON as published). */
    public List<String> raw() {
        return List.copyOf(raw);
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            raw.add(record.value());
            try {
                events.add(json.readTree(record.value()));
            } catch (IOException e) {
                throw new UncheckedIOException("Event is not JSON: " + record.value(), e);
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
