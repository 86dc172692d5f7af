package vn.gov.haiphong.lgsp.exchange.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.ChildPlatform;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient.Reply;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestSupport;

/**
 * Crash safety: the platform's JVM is killed (SIGKILL, no graceful stop) in the middle of a load
 * of 2,000 documents. After a restart on the same data, the senders retry what got no answer
 * (same bytes, as the SDK's retry does) and every accepted document is in the recipient's inbox
 * exactly once: none lost, none twice, each under the DocId its sender was given.
 */
class ExchangeCrashTest {

    static final int DOCUMENTS = 2_000;
    static final int KILL_AFTER = 600;
    static final String SENDER = VdxpTestSupport.HOME_AFFAIRS_SYSTEM;
    static final String SENDER_SECRET = "hp-sonv-dev-secret-2025";
    static final String RECIPIENT = VdxpTestSupport.WARD_SYSTEM;
    static final String RECIPIENT_SECRET = "hd-phuonghd-dev-secret-2025";

    private final Path dataDir = Path.of("./target/test-data/crash-" + UUID.randomUUID().toString().substring(0, 8));
    private ChildPlatform platform;

    @AfterEach
    void cleanUp() throws Exception {
        if (platform != null) {
            platform.close();
        }
        PlatformTestSupport.deleteTree(dataDir);
    }

    @Test
    void killingTheJvmMidLoadLosesAndDuplicatesNothing() throws Exception {
        platform = new ChildPlatform(dataDir, Map.of("lgsp.exchange.list-limit", "5000")).start(Duration.ofMinutes(3));
        byte[][] packages = new byte[DOCUMENTS][];
        for (int i = 0; i < DOCUMENTS; i++) {
            packages[i] = VdxpTestSupport.document(VdxpTestSupport.HOME_AFFAIRS,
                    VdxpTestSupport.newDocumentId(VdxpTestSupport.HOME_AFFAIRS), VdxpTestSupport.WARD);
        }
        Map<Integer, String> docIds = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();

        // Four senders; the JVM dies under them once KILL_AFTER documents were accepted.
        ExecutorService senders = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            senders.submit(() -> {
                VdxpTestClient client = new VdxpTestClient(platform.baseUrl() + "/vdxp", SENDER, SENDER_SECRET);
                int i;
                while ((i = next.getAndIncrement()) < DOCUMENTS) {
                    String docId = trySend(client, packages[i]);
                    if (docId == null) {
                        return; // the platform is gone: what is left is retried after the restart
                    }
                    docIds.put(i, docId);
                    if (accepted.incrementAndGet() == KILL_AFTER) {
                        platform.kill();
                    }
                }
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        int acceptedBeforeCrash = docIds.size();
        assertThat(acceptedBeforeCrash).isBetween(KILL_AFTER, DOCUMENTS - 1);
        Map<Integer, String> answeredBeforeCrash = Map.copyOf(docIds);

        platform.start(Duration.ofMinutes(3));
        VdxpTestClient sender = new VdxpTestClient(platform.baseUrl() + "/vdxp", SENDER, SENDER_SECRET);
        for (int i = 0; i < DOCUMENTS; i++) {
            if (!docIds.containsKey(i)) {
                // No answer, or never sent: the client sends the same bytes (again).
                String docId = trySend(sender, packages[i]);
                assertThat(docId).as("document %d after the restart", i).isNotNull();
                docIds.put(i, docId);
            }
        }
        // A document answered before the crash is answered with the same DocId when sent again.
        for (int i : List.of(0, 1, KILL_AFTER / 2)) {
            assertThat(trySend(sender, packages[i])).isEqualTo(answeredBeforeCrash.get(i));
        }

        VdxpTestClient recipient = new VdxpTestClient(platform.baseUrl() + "/vdxp", RECIPIENT, RECIPIENT_SECRET);
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(recipient.count("countReceiveEdoc", "edoc").json().path("count").asInt())
                        .as("documents in the recipient's inbox (%d answered before the crash)", acceptedBeforeCrash)
                        .isGreaterThanOrEqualTo(DOCUMENTS));
        Reply list = recipient.receivedList("edoc");
        JsonNode data = list.json().path("data");
        List<String> inbox = new java.util.ArrayList<>();
        data.forEach(item -> inbox.add(item.path("docId").asText()));
        assertThat(inbox).as("one inbox entry per document, none twice").hasSize(DOCUMENTS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(inbox)).as("every DocId a sender was given").isEqualTo(Set.copyOf(docIds.values()));
        assertThat(recipient.count("countReceiveEdoc", "edoc").json().path("count").asInt()).isEqualTo(DOCUMENTS);
    }

    /** The DocId, or null when the platform did not answer (connection refused or reset). */
    private static String trySend(VdxpTestClient client, byte[] pkg) {
        try {
            Reply reply = client.sendEdoc(pkg, VdxpTestSupport.HOME_AFFAIRS, "edoc");
            if (reply.json() != null && reply.ok()) {
                return reply.json().path("DocId").asText();
            }
            throw new AssertionError("refused: " + reply.text());
        } catch (java.io.UncheckedIOException e) {
            return null;
        }
    }
}
