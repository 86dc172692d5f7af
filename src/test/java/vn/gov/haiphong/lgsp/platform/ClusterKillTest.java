package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.gov.haiphong.lgsp.ChildPlatform;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.PostgresTestSchema;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient;

/**
 * The production cluster, killed while it works: a replicated Artemis pair made from the
 * standalone distribution with {@code etc/artemis/} unchanged, a KRaft Kafka broker, this
 * machine's PostgreSQL (a schema of its own) and two platform nodes in the prod profile, each a
 * JVM of its own, all on loopback. Independent signing VDXP clients send documents alternately to
 * both nodes while one recipient system pulls them (list, getEdoc, updateStatus done) from
 * whichever node answers; a third of the way through, one node is killed with SIGKILL, at two
 * thirds the live broker, at five sixths Kafka, which is started again only after the load. Then:
 * <ul>
 * <li>every accepted document reached its recipient exactly once (one DocId per package, none
 *     listed again after it was done), and no package the clients gave up on was delivered;</li>
 * <li>no client was answered LGSP-500 or any FAIL (a stored document is answered OK with its
 *     DocId; a node that died mid-request is retried on the other, which answers the same DocId);</li>
 * <li>the surviving node's readiness always answered within 5 s and was UP throughout, the
 *     broker failover and Kafka's absence included (readiness is what the node can serve);</li>
 * <li>once Kafka is back, every accepted document has its accepted and delivered events there
 *     within a minute (the outbox kept them); events published twice (possible only around a
 *     death) are counted and printed.</li>
 * </ul>
 * Documents: system property {@code lgsp.cluster.documents} (2,000). Figures are printed to the
 * test's output ({@code target/surefire-reports/...ClusterKillTest-output.txt}). Skipped only where
 * PostgreSQL is not reachable.
 */
class ClusterKillTest {

    private static final int DOCUMENTS = Integer.getInteger("lgsp.cluster.documents", 2_000);
    private static final int CLIENTS = 8;
    private static final String SENDER_AGENCY = "000.00.81.H27";
    private static final String SENDER_SYSTEM = "cluster.sender.qlvb";
    private static final String RECIPIENT_AGENCY = "000.00.82.H27";
    private static final String RECIPIENT_SYSTEM = "cluster.recipient.qlvb";
    private static final Duration NO_ANSWER = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir = Path.of("./target/test-data/cluster-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    private final List<AutoCloseable> running = new ArrayList<>();
    private PostgresTestSchema schema;
    private final long t0 = System.nanoTime();
    private boolean passed;

    @AfterEach
    void stopAll() throws Exception {
        Collections.reverse(running);
        for (AutoCloseable each : running) {
            try {
                each.close();
            } catch (Exception e) {
                System.out.println("stopping: " + e);
            }
        }
        if (schema != null) {
            schema.close();
        }
        if (passed) {
            PlatformTestSupport.deleteTree(workDir); // a failed run's logs and journals stay for a person to read
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyAcceptedDocumentIsDeliveredOnceThroughANodeAndTheLiveBrokerDying() throws Exception {
        schema = PostgresTestSchema.createOrSkip("lgsp_cluster", "the cluster kill test was");
        assumeTrue(StandaloneArtemis.distributionPresent(), "the Artemis distribution is unpacked by Maven "
                + "(maven-dependency-plugin, phase generate-test-resources) into " + StandaloneArtemis.HOME);
        Files.createDirectories(workDir);

        // --- the services ----------------------------------------------------------------
        String artemisPassword = "lgsp-" + UUID.randomUUID();
        int primaryPort = freePort();
        int backupPort = freePort();
        String adminPassword = "admin-" + UUID.randomUUID();
        Map<String, String> creation = Map.of("ARTEMIS_ADMIN_PASSWORD", adminPassword, "LGSP_ARTEMIS_PASSWORD", artemisPassword);
        String clusterPassword = "cluster-" + UUID.randomUUID();
        var creatingBackup = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return StandaloneArtemis.create(workDir.resolve("artemis-backup"), creation,
                        brokerEnvironment("backup", backupPort, primaryPort, clusterPassword));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        StandaloneArtemis primary = StandaloneArtemis.create(workDir.resolve("artemis-primary"), creation,
                brokerEnvironment("primary", primaryPort, backupPort, clusterPassword));
        StandaloneArtemis backup = creatingBackup.join();
        running.add(primary);
        running.add(backup);
        primary.start();
        backup.start();
        int kafkaPort = freePort();
        int kafkaControllerPort = freePort();
        Process[] kafka = {startKafka(kafkaPort, kafkaControllerPort, "kafka.log")};
        running.add(() -> kill(kafka[0]));
        primary.awaitLog("AMQ221007", Duration.ofMinutes(2));
        backup.awaitLog("AMQ221024", Duration.ofMinutes(2)); // synchronized with the primary
        awaitLog(workDir.resolve("kafka.log"), "KAFKA UP", Duration.ofMinutes(2));
        log("Artemis pair (replicated) on %d/%d, Kafka on %d, PostgreSQL schema %s", primaryPort, backupPort, kafkaPort,
                schema.name());

        assertBrokerAgreesWithTheEmbeddedOne("tcp://127.0.0.1:" + primaryPort, adminPassword, artemisPassword);

        // --- two nodes, prod profile, configured as an operator does ------------------------
        String operatorPassword = "op-" + UUID.randomUUID();
        Map<String, String> env = ProdEnvironment.of(schema, "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:"
                + backupPort + ")?ha=true&reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=1.5"
                + "&maxRetryInterval=5000&callTimeout=10000&callFailoverTimeout=5000", artemisPassword,
                "127.0.0.1:" + kafkaPort, operatorPassword);
        Map<String, String> settings = Map.of("spring.profiles.active", "prod", "server.address", "127.0.0.1",
                "lgsp.routes-dir", "./routes");
        ChildPlatform[] nodes = new ChildPlatform[2];
        for (int n = 0; n < 2; n++) {
            nodes[n] = new ChildPlatform(workDir.resolve("node" + n), settings).environment(env, operatorPassword);
            running.add(nodes[n]);
        }
        nodes[0].start(Duration.ofMinutes(3)); // the first migrates the schema
        nodes[1].start(Duration.ofMinutes(3));
        log("nodes up: %s, %s", nodes[0].baseUrl(), nodes[1].baseUrl());

        String senderSecret = "sender-" + UUID.randomUUID();
        String recipientSecret = "recipient-" + UUID.randomUUID();
        String[] operator = {"operator", operatorPassword};
        admin(nodes[0], operator, "/api/admin/agencies", "{\"code\":\"" + SENDER_AGENCY
                + "\",\"name\":\"Cluster sender\",\"region\":\"HP\"}");
        admin(nodes[0], operator, "/api/admin/agencies", "{\"code\":\"" + RECIPIENT_AGENCY
                + "\",\"name\":\"Cluster recipient\",\"region\":\"HP\"}");
        admin(nodes[0], operator, "/api/admin/systems", system(SENDER_SYSTEM, SENDER_AGENCY, senderSecret));
        admin(nodes[1], operator, "/api/admin/systems", system(RECIPIENT_SYSTEM, RECIPIENT_AGENCY, recipientSecret));

        // Each node learns registry changes from the other through Kafka: the load starts once
        // both serve both systems.
        for (ChildPlatform node : nodes) {
            awaitResolves(node, operator, SENDER_AGENCY, SENDER_SYSTEM);
            awaitResolves(node, operator, RECIPIENT_AGENCY, RECIPIENT_SYSTEM);
        }

        // --- load, with the kills ---------------------------------------------------------
        Readiness readiness = new Readiness(nodes);
        readiness.start();
        Recipient recipient = new Recipient(nodes, recipientSecret);
        recipient.start();
        Senders senders = new Senders(nodes, senderSecret);
        long loadStart = System.nanoTime();
        senders.start();

        senders.awaitAccepted(DOCUMENTS / 3, Duration.ofMinutes(3));
        nodes[1].kill();
        long nodeKilled = System.nanoTime();
        readiness.nodeKilled(1, nodeKilled);
        log("kill -9 node1 at %d accepted", senders.accepted.size());

        senders.awaitAccepted(2 * DOCUMENTS / 3, Duration.ofMinutes(3));
        java.time.Instant brokerKilledAt = java.time.Instant.now();
        primary.kill();
        long brokerKilled = System.nanoTime();
        int acceptedAtBrokerKill = senders.accepted.size();
        log("kill -9 the live Artemis (primary) at %d accepted", acceptedAtBrokerKill);
        backup.awaitLog("AMQ221007", Duration.ofMinutes(1));
        long backupActive = System.nanoTime();

        // Kafka dies too, for the rest of the load: the outbox keeps the events, the exchange goes on.
        senders.awaitAccepted(5 * DOCUMENTS / 6, Duration.ofMinutes(3));
        kill(kafka[0]);
        long kafkaKilled = System.nanoTime();
        int acceptedAtKafkaKill = senders.accepted.size();
        log("kill -9 Kafka at %d accepted", acceptedAtKafkaKill);

        senders.awaitDone(Duration.ofMinutes(4));
        long sendsDone = System.nanoTime();
        recipient.awaitAll(senders.accepted, Duration.ofMinutes(4));
        long allDelivered = System.nanoTime();
        recipient.stop();
        readiness.stop();
        long probesStopped = System.nanoTime();

        kafka[0] = startKafka(kafkaPort, kafkaControllerPort, "kafka-restart.log");
        awaitLog(workDir.resolve("kafka-restart.log"), "KAFKA UP", Duration.ofMinutes(2));
        long kafkaBack = System.nanoTime();
        log("Kafka back, %.1f s after its death", seconds(kafkaBack - kafkaKilled));

        // --- events on Kafka ----------------------------------------------------------------
        Events events = Events.read("127.0.0.1:" + kafkaPort, Set.copyOf(senders.accepted.values()), Duration.ofMinutes(1));

        // --- figures ----------------------------------------------------------------------
        // Into the recipient's inbox (DOCUMENT_DELIVERED), by the platform's clock: how the pull
        // recipient keeps up is not the platform's delivery.
        List<Long> afterFailover = new ArrayList<>();
        long pendingAtKill = 0;
        long lastPendingDelivered = 0;
        for (Map.Entry<String, java.time.Instant> accepted : events.acceptedAt.entrySet()) {
            java.time.Instant delivered = events.deliveredAt.get(accepted.getKey());
            if (delivered == null) {
                continue;
            }
            if (!accepted.getValue().isBefore(brokerKilledAt)) {
                afterFailover.add(Duration.between(accepted.getValue(), delivered).toMillis());
            } else if (delivered.isAfter(brokerKilledAt)) {
                pendingAtKill++;
                lastPendingDelivered = Math.max(lastPendingDelivered, Duration.between(brokerKilledAt, delivered).toMillis());
            }
        }
        Collections.sort(afterFailover);
        long firstAfterKill = events.deliveredAt.values().stream().filter(at -> at.isAfter(brokerKilledAt))
                .mapToLong(at -> Duration.between(brokerKilledAt, at).toMillis()).min().orElse(-1);
        String figures = String.format(Locale.ROOT, """
                        cluster kill test: %d documents, %d clients, 2 nodes (prod profile), Artemis %s primary+backup (replication), PostgreSQL, Kafka
                          sent: %d packages; accepted (OK + DocId): %d; refused (FAIL, any code, retryable or not): %d (LGSP-500: %d); sent again to the other node: %d cut off in flight by the node's death, %d refused connections (the dead node)
                          kill -9 node1 at %.1f s, kill -9 live broker at %.1f s (%d accepted); backup active %.1f s after the kill
                          delivered (received via VDXP, getEdoc + updateStatus done): %d of %d; duplicates: %d; unexpected: %d
                          time to deliver after failover (into the inbox, platform's clock): first document %.1f s after the broker kill; the %d accepted before the kill and not yet delivered: the last %.1f s after it; the %d accepted after the kill: p50 %.2f s, max %.2f s
                          the recipient had fetched and acknowledged all %.1f s after the last send; load %.1f s in all
                          kill -9 Kafka at %.1f s (%d accepted), started again %.1f s later, after the load: %d documents accepted and delivered while it was away; every event on Kafka %.1f s after its return
                          readiness of node0: %s
                          events on lgsp.document-events: %d for %d documents (%.2f per document); %s; published twice: %d events (%d documents)
                        """, DOCUMENTS, CLIENTS, StandaloneArtemis.VERSION, DOCUMENTS, senders.accepted.size(), senders.fails.size(),
                senders.lgsp500.get(), senders.cutOff.get(), senders.refusedConnections.get(), seconds(nodeKilled - loadStart),
                seconds(brokerKilled - loadStart), acceptedAtBrokerKill, seconds(backupActive - brokerKilled),
                recipient.receivedAt.size(), senders.accepted.size(), recipient.duplicates.size(), recipient.unexpected.size(),
                firstAfterKill / 1e3, pendingAtKill, lastPendingDelivered / 1e3, afterFailover.size(),
                afterFailover.isEmpty() ? -1 : afterFailover.get(afterFailover.size() / 2) / 1e3,
                afterFailover.isEmpty() ? -1 : afterFailover.get(afterFailover.size() - 1) / 1e3,
                seconds(allDelivered - sendsDone), seconds(allDelivered - loadStart), seconds(kafkaKilled - loadStart),
                acceptedAtKafkaKill, seconds(kafkaBack - kafkaKilled), senders.accepted.size() - acceptedAtKafkaKill,
                events.completeAt == 0 ? -1 : seconds(events.completeAt - kafkaBack), readiness.summary(0, brokerKilled),
                events.total, events.byDocument.size(), events.total / (double) Math.max(1, events.byDocument.size()),
                events.byType(), events.duplicateEvents, events.documentsWithDuplicates);
        System.out.println(figures);
        Files.writeString(workDir.resolveSibling("cluster-kill-figures.txt"), figures);

        // --- what must hold ------------------------------------------------------------------
        assertThat(senders.lgsp500.get()).as("LGSP-500 answers").isZero();
        assertThat(senders.fails).as("FAIL answers (a stored document is answered OK)").isEmpty();
        assertThat(senders.gaveUp).as("packages the clients gave up on").isEmpty();
        assertThat(senders.accepted).as("accepted packages").hasSize(DOCUMENTS);
        assertThat(recipient.duplicates).as("deliveries seen twice").isEmpty();
        assertThat(recipient.unexpected).as("deliveries no client was told about").isEmpty();
        assertThat(recipient.receivedAt.keySet()).as("delivered DocIds")
                .containsExactlyInAnyOrderElementsOf(senders.accepted.values());
        assertThat(readiness.noAnswer(0)).as("node0's readiness answered within %s", NO_ANSWER).isEmpty();
        assertThat(readiness.noAnswer(1)).as("node1's readiness answered within %s until it was killed", NO_ANSWER)
                .isEmpty();
        // It could serve throughout: a node's death and a broker failover leave the survivor ready.
        assertThat(readiness.readyBetween(0, loadStart, probesStopped))
                .as("node0 ready throughout: %s", readiness.summary(0, brokerKilled)).isTrue();
        assertThat(events.missing).as("documents without their accepted and delivered events").isEmpty();
        // Within seconds of the failover, not after the recovery sweep's grace (2 minutes).
        assertThat(Duration.ofMillis(lastPendingDelivered)).as("documents waiting at the broker's death in the inbox after it")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(afterFailover).as("documents accepted after the broker's death").isNotEmpty();
        assertThat(Duration.ofMillis(afterFailover.get(afterFailover.size() - 1)))
                .as("documents accepted after the broker's death in the inbox after acceptance").isLessThan(Duration.ofSeconds(30));
        passed = true;
    }

    /**
     * What etc/artemis/broker.xml makes the broker apply, asked of the running broker: the embedded
     * broker's policy (lgsp.artemis.* in application.yml, ArtemisBrokerConfig) on a delivery queue,
     * and the platform's user refused management and addresses other than its own.
     */
    private static void assertBrokerAgreesWithTheEmbeddedOne(String url, String adminPassword, String lgspPassword)
            throws Exception {
        var yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
        yaml.setResources(new org.springframework.core.io.ClassPathResource("application.yml"));
        Properties embedded = yaml.getObject();
        JsonNode applied = ArtemisSettingsProbe.addressSettings(url, "lgsp-admin", adminPassword, "lgsp.delivery.some-system");
        assertThat(applied.path("redeliveryDelay").asLong()).as("%s", applied)
                .isEqualTo(Duration.parse("PT" + embedded.getProperty("lgsp.artemis.redelivery-delay")).toMillis());
        assertThat(applied.path("redeliveryMultiplier").asDouble())
                .isEqualTo(Double.parseDouble(embedded.getProperty("lgsp.artemis.redelivery-multiplier")));
        assertThat(applied.path("maxRedeliveryDelay").asLong())
                .isEqualTo(Duration.parse("PT" + embedded.getProperty("lgsp.artemis.max-redelivery-delay")).toMillis());
        assertThat(applied.path("maxDeliveryAttempts").asInt())
                .isEqualTo(Integer.parseInt(embedded.getProperty("lgsp.artemis.max-delivery-attempts")));
        assertThat(applied.path("deadLetterAddress").asText()).isEqualTo(embedded.getProperty("lgsp.artemis.dead-letter-address"));
        assertThat(applied.path("expiryAddress").asText()).isEqualTo(embedded.getProperty("lgsp.artemis.expiry-address"));
        assertThat(applied.path("defaultConsumerWindowSize").asInt()).as("consumer window of delivery queues").isZero();
        assertThat(applied.path("autoDeleteQueues").asBoolean(true)).as("delivery queues outlive consumers").isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArtemisSettingsProbe.manage(url, "lgsp", lgspPassword,
                "getAddressSettingsAsJSON", "lgsp.delivery.some-system")).as("the nodes' user manages nothing")
                .isInstanceOf(jakarta.jms.JMSException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArtemisSettingsProbe.send(url, "lgsp", lgspPassword,
                "not.a.delivery.queue")).as("the nodes' user sends to delivery queues only")
                .isInstanceOf(jakarta.jms.JMSSecurityException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArtemisSettingsProbe.send(url, "lgsp", "wrong-password",
                "lgsp.delivery.some-system")).as("login required").isInstanceOf(jakarta.jms.JMSException.class);
    }

    private static Map<String, String> brokerEnvironment(String role, int port, int peerPort, String clusterPassword) {
        return Map.of("ARTEMIS_NAME", "lgsp-" + role, "ARTEMIS_HA_ROLE", role, "ARTEMIS_HOST", "127.0.0.1",
                "ARTEMIS_PUBLIC_HOST", "127.0.0.1", "ARTEMIS_PORT", String.valueOf(port),
                "ARTEMIS_PEER_URL", "tcp://127.0.0.1:" + peerPort, "ARTEMIS_CLUSTER_PASSWORD", clusterPassword,
                // NIO: the test must not depend on libaio; the broker's heap kept small beside two nodes.
                "ARTEMIS_JOURNAL_TYPE", "NIO", "JAVA_ARGS", "-Xms64m -Xmx384m -XX:TieredStopAtLevel=1");
    }

    private static String system(String systemId, String agency, String secret) {
        return "{\"systemId\":\"" + systemId + "\",\"name\":\"" + systemId + "\",\"ownerAgency\":\"" + agency
                + "\",\"agencies\":[\"" + agency + "\"],\"protocols\":[\"VDXP_REST\"],\"deliveryMode\":\"PULL\","
                + "\"signaturePolicy\":\"IF_PRESENT\",\"secret\":\"" + secret + "\"}";
    }

    private static void admin(ChildPlatform node, String[] operator, String path, String body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((operator[0] + ":" + operator[1])
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isBetween(200, 201);
    }

    private static void awaitResolves(ChildPlatform node, String[] operator, String code, String systemId)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/admin/resolve/" + code))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((operator[0] + ":" + operator[1])
                            .getBytes(StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).GET().build()).body();
            if (body.contains("\"" + systemId + "\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(node.baseUrl() + " does not resolve " + code + " to " + systemId + ": " + body);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String documentId(int i) {
        return SENDER_AGENCY + ",2026/12/07,CLUSTER-" + i + "/KILL";
    }

    // --- the senders: independent signing clients, alternating between the nodes --------------

    private final class Senders {
        final ChildPlatform[] nodes;
        final String secret;
        final AtomicInteger next = new AtomicInteger();
        /** Package number → DocId. */
        final Map<Integer, String> accepted = new ConcurrentHashMap<>();
        final List<String> fails = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> gaveUp = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger lgsp500 = new AtomicInteger();
        /** Sent again to the other node: the node refused the connection (dead) / the request was cut off in flight. */
        final AtomicInteger refusedConnections = new AtomicInteger();
        final AtomicInteger cutOff = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);

        Senders(ChildPlatform[] nodes, String secret) {
            this.nodes = nodes;
            this.secret = secret;
            running.add(pool::shutdownNow);
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                VdxpTestClient[] clients = {new VdxpTestClient(nodes[0].baseUrl() + "/vdxp", SENDER_SYSTEM, secret),
                        new VdxpTestClient(nodes[1].baseUrl() + "/vdxp", SENDER_SYSTEM, secret)};
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < DOCUMENTS) {
                        send(clients, i);
                    }
                });
            }
            pool.shutdown();
        }

        private void send(VdxpTestClient[] clients, int i) {
            byte[] pkg = EdxmlFixtures.document(SENDER_AGENCY, documentId(i), RECIPIENT_AGENCY);
            int node = i % 2;
            for (int attempt = 0; attempt < 30; attempt++) {
                VdxpTestClient.Reply reply;
                try {
                    reply = clients[node].sendEdoc(pkg, SENDER_AGENCY, "edoc");
                } catch (UncheckedIOException e) {
                    // The node died (or is unreachable): the same package to the other one. Had it
                    // stored the package, the other answers with the same DocId.
                    (e.getCause() instanceof java.net.ConnectException ? refusedConnections : cutOff).incrementAndGet();
                    node = 1 - node;
                    pause(200);
                    continue;
                }
                if (reply.ok()) {
                    String docId = reply.json().path("DocId").asText();
                    accepted.put(i, docId);
                    return;
                }
                String code = reply.json() == null ? "HTTP " + reply.status() : reply.errorCode();
                if ("LGSP-500".equals(code)) {
                    lgsp500.incrementAndGet();
                }
                fails.add("package " + i + ": " + reply.status() + " " + reply.text());
                pause(500);
            }
            gaveUp.add(i);
        }

        void awaitAccepted(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (accepted.size() < count) {
                if (System.nanoTime() > deadline || pool.isTerminated()) {
                    throw new AssertionError(accepted.size() + " accepted, waiting for " + count + "; fails: " + fails);
                }
                Thread.sleep(20);
            }
        }

        void awaitDone(Duration timeout) throws InterruptedException {
            assertThat(pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("senders done").isTrue();
        }
    }

    // --- the recipient: one system pulling from whichever node answers --------------------

    private final class Recipient {
        final VdxpTestClient[] clients;
        final ChildPlatform[] nodes;
        final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        final Map<String, String> packageOf = new ConcurrentHashMap<>();
        final List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        private final Pattern packageNumber = Pattern.compile("CLUSTER-(\\d+)/KILL");
        private final ExecutorService workers = Executors.newFixedThreadPool(4);
        private volatile boolean stop;
        private Thread thread;
        private volatile int node;

        Recipient(ChildPlatform[] nodes, String secret) {
            this.nodes = nodes;
            this.clients = new VdxpTestClient[] {new VdxpTestClient(nodes[0].baseUrl() + "/vdxp", RECIPIENT_SYSTEM, secret),
                    new VdxpTestClient(nodes[1].baseUrl() + "/vdxp", RECIPIENT_SYSTEM, secret)};
        }

        void start() {
            thread = new Thread(this::run, "cluster-recipient");
            thread.setDaemon(true);
            thread.start();
            running.add(this::stop);
        }

        private void run() {
            while (!stop) {
                try {
                    JsonNode list = call(c -> c.receivedList("edoc")).json().path("data");
                    if (list.isEmpty()) {
                        pause(200);
                        continue;
                    }
                    List<java.util.concurrent.Future<?>> handled = new ArrayList<>();
                    for (JsonNode item : list) {
                        handled.add(workers.submit(() -> take(item)));
                    }
                    for (var each : handled) {
                        each.get();
                    }
                } catch (Exception e) {
                    if (!stop) {
                        pause(200);
                    }
                }
            }
        }

        /** One pending item: fetched, checked, acknowledged (the items of one listing are distinct). */
        private void take(JsonNode item) {
                String docId = item.path("docId").asText();
                if (receivedAt.containsKey(docId)) {
                    duplicates.add(docId + " listed again after it was done");
                    return;
                }
                JsonNode edoc = call(c -> c.getEdoc(docId)).json();
            if (edoc == null || !"OK".equals(edoc.path("status").asText())) {
                unexpected.add("getEdoc " + docId + ": " + edoc); // left pending: taken again at the next listing
                return;
            }
                String pkg = new String(Base64.getDecoder().decode(edoc.path("data").asText()), StandardCharsets.UTF_8);
                Matcher number = packageNumber.matcher(pkg);
                String packageId = number.find() ? number.group(1) : "?";
                String before = packageOf.putIfAbsent(packageId, docId);
                if (before != null && !before.equals(docId)) {
                    duplicates.add("package " + packageId + " received as " + before + " and " + docId);
                }
                JsonNode done = call(c -> c.updateStatus(docId, "done")).json();
                if (!"OK".equals(done.path("status").asText())) {
                    unexpected.add("updateStatus " + docId + ": " + done);
                }
                receivedAt.put(docId, System.nanoTime());
        }

        /** One call on the node last used, the other one while it does not answer. */
        private VdxpTestClient.Reply call(java.util.function.Function<VdxpTestClient, VdxpTestClient.Reply> operation) {
            for (int attempt = 0; ; attempt++) {
                try {
                    return operation.apply(clients[node]);
                } catch (UncheckedIOException e) {
                    node = 1 - node;
                    if (attempt > 20 || stop) {
                        throw e;
                    }
                    pause(200);
                }
            }
        }

        void awaitAll(Map<Integer, String> accepted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!receivedAt.keySet().containsAll(accepted.values())) {
                if (System.nanoTime() > deadline) {
                    break; // the assertions say what is missing
                }
                Thread.sleep(100);
            }
            for (String docId : receivedAt.keySet()) {
                if (!accepted.containsValue(docId)) {
                    unexpected.add(docId + " delivered, but no client was answered this DocId");
                }
            }
        }

        void stop() {
            stop = true;
            workers.shutdownNow();
        }
    }

    // --- readiness, as a load balancer polls it ---------------------------------------------

    private final class Readiness {
        record Probe(long at, String answer) {
        }

        final ChildPlatform[] nodes;
        final Map<Integer, List<Probe>> probes = new ConcurrentHashMap<>();
        final Map<Integer, Long> killedAt = new ConcurrentHashMap<>();
        private volatile boolean stop;
        private final List<Thread> threads = new ArrayList<>();

        Readiness(ChildPlatform[] nodes) {
            this.nodes = nodes;
        }

        void start() {
            for (int n = 0; n < nodes.length; n++) {
                int node = n;
                probes.put(node, Collections.synchronizedList(new ArrayList<>()));
                Thread thread = new Thread(() -> {
                    while (!stop) {
                        String answer;
                        try {
                            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                                            nodes[node].baseUrl() + "/actuator/health/readiness")).timeout(NO_ANSWER).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            answer = String.valueOf(response.statusCode());
                        } catch (HttpTimeoutException e) {
                            answer = "no answer";
                        } catch (IOException e) {
                            answer = "refused";
                        } catch (InterruptedException e) {
                            return;
                        }
                        // When the answer came: it tells the node's state at that moment.
                        if (!killedAt.containsKey(node)) {
                            probes.get(node).add(new Probe(System.nanoTime(), answer));
                        }
                        pause(250);
                    }
                }, "readiness-" + node);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            running.add(this::stop);
        }

        void nodeKilled(int node, long at) {
            killedAt.put(node, at);
        }

        List<Probe> noAnswer(int node) {
            return probes.get(node).stream().filter(p -> p.answer().equals("no answer")).toList();
        }

        boolean readyBetween(int node, long from, long to) {
            List<Probe> between = probes.get(node).stream().filter(p -> p.at() >= from && p.at() < to).toList();
            return !between.isEmpty() && between.stream().allMatch(p -> p.answer().equals("200"));
        }

        /** Probes, their answers, and the spans of not-ready answers (seconds after the broker kill). */
        String summary(int node, long brokerKilled) {
            List<Probe> all;
            synchronized (probes.get(node)) {
                all = new ArrayList<>(probes.get(node));
            }
            Map<String, Integer> counts = new java.util.TreeMap<>();
            all.forEach(p -> counts.merge(p.answer(), 1, Integer::sum));
            StringBuilder spans = new StringBuilder();
            Long downSince = null;
            for (Probe p : all) {
                if (!p.answer().equals("200") && downSince == null) {
                    downSince = p.at();
                } else if (p.answer().equals("200") && downSince != null) {
                    spans.append(String.format(Locale.ROOT, " [%.1f s .. %.1f s]", seconds(downSince - brokerKilled),
                            seconds(p.at() - brokerKilled)));
                    downSince = null;
                }
            }
            return all.size() + " probes " + counts + (spans.isEmpty() ? ", never unready"
                    : ", unready (relative to the broker kill):" + spans);
        }

        void stop() {
            stop = true;
        }
    }

    // --- events ------------------------------------------------------------------------------

    private static final class Events {
        int total;
        int duplicateEvents;
        int documentsWithDuplicates;
        /** When (System.nanoTime) every document first had its events; 0 if never. */
        long completeAt;
        final Map<String, Map<String, Integer>> byDocument = new HashMap<>();
        /** DocId → when the platform accepted it / put it in the recipient's inbox (the events' "at"). */
        final Map<String, java.time.Instant> acceptedAt = new HashMap<>();
        final Map<String, java.time.Instant> deliveredAt = new HashMap<>();
        final List<String> missing = new ArrayList<>();

        /** Reads lgsp.document-events from the beginning until every document has its accepted and delivered events. */
        static Events read(String bootstrap, Set<String> docIds, Duration timeout) {
            Events events = new Events();
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            Map<String, Integer> eventIds = new HashMap<>();
            Set<String> duplicated = new java.util.HashSet<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
                List<TopicPartition> partitions = consumer.partitionsFor("lgsp.document-events", Duration.ofSeconds(30))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + timeout.toNanos();
                long quietSince = System.nanoTime();
                while (System.nanoTime() < deadline) {
                    var records = consumer.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, String> record : records) {
                        JsonNode event;
                        try {
                            event = JSON.readTree(record.value());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        events.total++;
                        String type = event.path("type").asText();
                        java.time.Instant at = java.time.Instant.parse(event.path("at").asText());
                        if (type.equals("DOCUMENT_ACCEPTED")) {
                            events.acceptedAt.putIfAbsent(record.key(), at);
                        } else if (type.equals("DOCUMENT_DELIVERED")) {
                            events.deliveredAt.merge(record.key(), at, (a, b) -> a.isBefore(b) ? a : b);
                        }
                        events.byDocument.computeIfAbsent(record.key(), k -> new java.util.TreeMap<>()).merge(type, 1, Integer::sum);
                        if (eventIds.merge(event.path("eventId").asText(), 1, Integer::sum) > 1) {
                            events.duplicateEvents++;
                            duplicated.add(record.key());
                        }
                    }
                    if (!records.isEmpty()) {
                        quietSince = System.nanoTime();
                    }
                    boolean complete = docIds.stream().allMatch(id -> {
                        Map<String, Integer> types = events.byDocument.get(id);
                        return types != null && types.containsKey("DOCUMENT_ACCEPTED") && types.containsKey("DOCUMENT_DELIVERED")
                                && types.containsKey("DOCUMENT_ACKNOWLEDGED");
                    });
                    if (complete && events.completeAt == 0) {
                        events.completeAt = System.nanoTime();
                    }
                    if (complete && System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(3)) {
                        break;
                    }
                }
            }
            for (String id : docIds) {
                Map<String, Integer> types = events.byDocument.getOrDefault(id, Map.of());
                if (!types.containsKey("DOCUMENT_ACCEPTED") || !types.containsKey("DOCUMENT_DELIVERED")) {
                    events.missing.add(id + " " + types);
                }
            }
            events.documentsWithDuplicates = duplicated.size();
            return events;
        }

        String byType() {
            Map<String, Integer> types = new java.util.TreeMap<>();
            byDocument.values().forEach(m -> m.forEach((type, n) -> types.merge(type, n, Integer::sum)));
            return types.toString();
        }
    }

    // --- small things ---------------------------------------------------------------------

    private void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%6.1f s] " + format + "%n", prepend(seconds(System.nanoTime() - t0), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static List<String> javaCommand(String heap, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static void awaitLog(Path log, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(log + " has no '" + text + "' within " + timeout);
    }

    private Process startKafka(int port, int controllerPort, String log) throws IOException {
        return new ProcessBuilder(javaCommand("-Xmx512m", ClusterKafkaBroker.class.getName(),
                workDir.resolve("kafka").toString(), String.valueOf(port), String.valueOf(controllerPort)))
                .redirectErrorStream(true).redirectOutput(workDir.resolve(log).toFile()).start();
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
