package vn.gov.haiphong.lgsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/**
 * Reads one platform event topic from the beginning with a plain consumer (all partitions
 * assigned, no group), keeping every record seen, so a test can wait for the events its actions
 * caused and check what was (not) published. Every record read must be a platform event as
 * {@code schemas/events/platform-event.schema.json} describes it, so each test that reads events
 * also checks the published contract.
 */
public final class EventTopicReader implements AutoCloseable {

    /** One record: its Kafka key, its JSON value, and the value's text as published. */
    public record Received(String key, JsonNode value, String raw) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Schema ENVELOPE = PublishedSchemas.load("events/platform-event.schema.json");

    private Duration patience = PATIENCE;
    private boolean envelopeChecked = true;

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper json;
    private final List<Received> received = new ArrayList<>();

    public EventTopicReader(KafkaProperties kafka, ObjectMapper json, String topic) {
        this.topic = topic;
        this.json = json;
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(config);
        // A topic no event has reached yet is being auto-created: its partitions appear shortly.
        List<TopicPartition> partitions = List.of();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (partitions.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Topic " + topic + " has no partitions");
            }
            partitions = consumer.partitionsFor(topic, PATIENCE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * How long the awaits wait (30 s unless changed): longer for a freshly started child platform
     * whose broker is still creating the topics of its whole backlog.
     */
    public EventTopicReader patience(Duration patience) {
        this.patience = patience;
        return this;
    }

    /** Takes records of any JSON payload: for a test that writes outbox rows of its own, not platform events. */
    public EventTopicReader anyPayload() {
        this.envelopeChecked = false;
        return this;
    }

    /** The first record matching, polling until it arrives (30 s unless {@link #patience}). */
    public Received awaitRecord(String description, Predicate<Received> match) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            for (Received record : received) {
                if (match.test(record)) {
                    return record;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No record " + description + " on " + topic + " among " + received.size());
            }
            poll();
        }
    }

    /** The first event (record value) matching. */
    public JsonNode await(String description, Predicate<JsonNode> match) {
        return awaitRecord(description, r -> match.test(r.value())).value();
    }

    /** The event of this type about this key (type is ENTITY_ACTION, e.g. ALIAS_CREATE). */
    public JsonNode await(String type, String key) {
        return await(type + " " + key, e -> type.equals(e.path("type").asText()) && key.equals(e.path("key").asText()));
    }

    /** Every record up to the current end of each partition. */
    public List<Received> readToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + patience.toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Could not read " + topic + " to its end " + ends);
            }
            poll();
        }
        return List.copyOf(received);
    }

    /** The text of every record seen so far, as published. */
    public List<String> raw() {
        return received.stream().map(Received::raw).toList();
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
            JsonNode value;
            try {
                value = json.readTree(record.value());
            } catch (IOException e) {
                throw new UncheckedIOException("Record on " + topic + " is not JSON: " + record.value(), e);
            }
            List<Error> errors = envelopeChecked ? ENVELOPE.validate(value) : List.of();
            if (!errors.isEmpty()) {
                throw new AssertionError("Record on " + topic + " is not a platform event " + errors + ": "
                        + record.value());
            }
            received.add(new Received(record.key(), value, record.value()));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
