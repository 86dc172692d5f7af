package vn.gov.haiphong.lgsp.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * A real single-node Kafka broker (KRaft, combined controller + broker) inside this JVM, with its
 * log under {@code ${lgsp.data-dir}/kafka} so topics and offsets survive a restart. It starts on a
 * background thread as soon as the bean exists, so Spring keeps building the rest of the context in
 * parallel; {@link #start()} (earliest lifecycle phase, before Camel's routes) waits until it is up.
 */
@Component
@ConditionalOnProperty(name = PlatformEnvironment.ACTIVE, havingValue = "true")
public class EmbeddedKafkaServer implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);
    private static final int NODE_ID = 1;

    /** Brokers started before the context existed, by port, waiting for their bean. */
    private static final Map<Integer, CompletableFuture<KafkaRaftServer>> STARTED_EARLY = new ConcurrentHashMap<>();

    private final CompletableFuture<KafkaRaftServer> server;
    private final String bootstrapServers;
    private volatile boolean running;

    public EmbeddedKafkaServer(@Value("${lgsp.data-dir}") Path dataDir,
                               @Value("${lgsp.kafka.embedded.config-file}") Path configFile,
                               @Value("${lgsp.kafka.embedded.port}") int port,
                               @Value("${lgsp.kafka.embedded.controller-port}") int controllerPort) {
        this.bootstrapServers = "localhost:" + port;
        CompletableFuture<KafkaRaftServer> early = STARTED_EARLY.remove(port);
        this.server = early != null ? early : startAsync(dataDir, configFile, port, controllerPort);
    }

    /**
     * Starts the broker while Spring is still reading its configuration (called by
     * {@link PlatformEnvironment}), so its start-up overlaps the single-threaded part of the
     * context's; the bean then adopts it.
     */
    static void startEarly(Path dataDir, Path configFile, int port, int controllerPort) {
        STARTED_EARLY.computeIfAbsent(port, p -> startAsync(dataDir, configFile, port, controllerPort));
    }

    private static CompletableFuture<KafkaRaftServer> startAsync(Path dataDir, Path configFile, int port,
                                                                 int controllerPort) {
        Properties props = brokerProperties(configFile, dataDir.resolve("kafka").toAbsolutePath(), port, controllerPort);
        return CompletableFuture.supplyAsync(() -> startBroker(props), runnable -> {
            Thread thread = new Thread(runnable, "embedded-kafka-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    static Properties brokerProperties(Path configFile, Path logDir, int port, int controllerPort) {
        Properties props = new Properties();
        if (Files.isReadable(configFile)) {
            try (InputStream in = Files.newInputStream(configFile)) {
                props.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read embedded Kafka config " + configFile, e);
            }
        }
        // What makes it a single in-JVM node is not the operator's to change in that file.
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        return props;
    }

    private static KafkaRaftServer startBroker(Properties props) {
        long started = System.nanoTime();
        try {
            KafkaConfig config = new KafkaConfig(props, false);
            Path logDir = Path.of(config.metadataLogDir());
            Files.createDirectories(logDir);
            // Format once; a restart finds meta.properties and keeps every topic and offset
            // (formatting again would mint a new cluster id the existing log refuses).
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                new Formatter()
                        .setClusterId(Uuid.randomUuid().toString())
                        .setNodeId(NODE_ID)
                        .setDirectories(List.of(logDir.toString()))
                        .setMetadataLogDirectory(config.metadataLogDir())
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .run();
            }
            KafkaRaftServer kafka = new KafkaRaftServer(config, Time.SYSTEM);
            kafka.startup();
            log.info("Embedded Kafka broker (KRaft) up at {} in {} ms, log in {}",
                    props.get("advertised.listeners"), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logDir);
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("Embedded Kafka broker failed to start", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void start() {
        server.orTimeout(60, TimeUnit.SECONDS).join();
        running = true;
    }

    /** Camel's consumers stop in a later phase's stop, before this one; the broker itself stops in {@link #destroy()}. */
    @Override
    public void stop() {
        running = false;
    }

    /**
     * After the platform's Kafka clients are closed ({@link ClientsFirst}): a client that outlives
     * the broker retries it until closed, logging "Connection to node 1 could not be established".
     */
    @Override
    public void destroy() {
        server.thenAccept(kafka -> {
            kafka.shutdown();
            kafka.awaitShutdown();
            log.info("Embedded Kafka broker stopped");
        }).join();
    }

    /**
     * The producer and consumer factories, KafkaAdmin and the health indicator's admin client
     * depend on the broker bean, so Spring destroys (closes) them, and every bean using them,
     * before it.
     */
    @Component
    @ConditionalOnProperty(name = PlatformEnvironment.ACTIVE, havingValue = "true")
    static class ClientsFirst implements BeanFactoryPostProcessor {

        private static final List<Class<?>> CLIENTS = List.of(ProducerFactory.class, ConsumerFactory.class,
                KafkaAdmin.class, KafkaHealthIndicator.class);

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beans) {
            String[] broker = beans.getBeanNamesForType(EmbeddedKafkaServer.class, true, false);
            for (Class<?> client : CLIENTS) {
                for (String name : beans.getBeanNamesForType(client, true, false)) {
                    BeanDefinition definition = beans.getBeanDefinition(name);
                    Set<String> dependsOn = new LinkedHashSet<>();
                    if (definition.getDependsOn() != null) {
                        dependsOn.addAll(List.of(definition.getDependsOn()));
                    }
                    dependsOn.addAll(List.of(broker));
                    definition.setDependsOn(dependsOn.toArray(String[]::new));
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** First to start: Kafka clients in every later phase find the broker there. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }
}
