package vn.gov.haiphong.lgsp.warehouse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/** The former Hải Dương warehouse, played by a test: a raw producer, and a reader of the dead-letter topic. */
final class HdSyncTestSupport {

    private HdSyncTestSupport() {
    }

    static KafkaProducer<String, byte[]> producer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties(null));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HD upsert of an administrative unit, in HD's field names and codes. */
    static String upsert(String key, long hdVersion, String name, String typeCode, String agencyCode, Long population) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("MA_DVHC", key);
        fields.put("TEN_DVHC", name);
        fields.put("LOAI_DVHC", typeCode);
        if (agencyCode != null) {
            fields.put("MA_DINH_DANH", agencyCode);
        }
        if (population != null) {
            fields.put("DAN_SO", population);
        }
        fields.put("NGAY_HIEU_LUC", "2025-07-01");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("op", "UPSERT");
        record.put("key", key);
        record.put("hdVersion", hdVersion);
        record.put("changedAt", "2025-08-01T08:00:00+07:00");
        record.put("fields", fields);
        return json(record);
    }

    static String delete(String key, long hdVersion) {
        return "{\"op\":\"DELETE\",\"key\":\"" + key + "\",\"hdVersion\":" + hdVersion + "}";
    }

    static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One dead-lettered record: its key, its bytes as text, and its headers as text. */
    record DeadLetter(String key, String value, Map<String, String> headers) {
    }

    /** Every record of a topic from the beginning to its current end (no group). */
    static List<DeadLetter> readAll(KafkaProperties kafka, String topic) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<DeadLetter> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    }
                    records.add(new DeadLetter(record.key(), new String(record.value(), StandardCharsets.UTF_8), headers));
                }
            }
            return records;
        }
    }
}
