package vn.gov.haiphong.lgsp.platform;

import java.nio.file.Path;

/**
 * A single-node KRaft Kafka broker in a JVM of its own (the project's Kafka jars, configured from
 * etc/kafka/embedded-broker.properties), for tests whose platforms are child processes:
 * {@code ClusterKafkaBroker <data dir> <port> <controller port>}. Runs until killed.
 */
public final class ClusterKafkaBroker {

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaServer kafka = new EmbeddedKafkaServer(Path.of(args[0]), Path.of("etc/kafka/embedded-broker.properties"),
                Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        kafka.start();
        System.out.println("KAFKA UP " + kafka.bootstrapServers());
        Thread.currentThread().join();
    }

    private ClusterKafkaBroker() {
    }
}
