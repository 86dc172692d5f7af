package vn.gov.haiphong.lgsp.bench;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.CookieSession;
import vn.gov.haiphong.lgsp.console.DocumentSearch;
import vn.gov.haiphong.lgsp.console.DocumentTimeline;
import vn.gov.haiphong.lgsp.console.Overview;
import vn.gov.haiphong.lgsp.platform.TimeOrderedIds;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;

/**
 * The console's page queries over a large exchange (issue 18): starts the platform (H2 by
 * default; PostgreSQL with {@code --spring.datasource.url=…}), loads {@code --documents}
 * (default 1,000,000) documents spread over 30 days — deliveries to the demo registry's systems
 * (about 1 % still queued, 0.5 % dead letters, the rest delivered, most acknowledged), two
 * message-log rows each, a gateway call for every fifth — straight into the tables, then times
 * (median and slowest of {@code --runs}, default 7, after five warm-ups) each page of the console
 * as an operator's browser gets it over HTTP with its session (queries and rendering), and each kind of document
 * search through the console's read model. The baselines in the same run: a primary-key lookup
 * of one document (what any query costs at least) and the login page over HTTP (what any page
 * costs at least: the request, the security chain and a template, no database).
 *
 * <p>Run: {@code docs/bench/console-bench.sh [--documents=1000000] [--runs=7] [--reuse=true] [--only=text]}
 * ({@code --reuse=true} keeps the database an earlier run loaded; {@code --only} times the
 * queries whose name contains the text); PostgreSQL:
 * {@code docs/bench/console-bench.sh --documents=1000000 --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=consolebench
 * --spring.datasource.username=$USER}.
 */
public final class ConsoleQueryBench {

    private static final int BATCH = 5_000;

    private ConsoleQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.args(args);
        int documents = Integer.parseInt(options.getOrDefault("documents", "1000000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "7"));
        boolean reuse = Boolean.parseBoolean(options.getOrDefault("reuse", "false"));
        String only = options.getOrDefault("only", "");
        Map<String, Object> settings = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            if (name.startsWith("spring.") || name.startsWith("lgsp.")) {
                settings.put(name, value);
            }
        });
        // No sealing of the loaded rows (they are given their place in the chain by the loader).
        settings.put("lgsp.message-log.seal-interval", "1h");
        try (ConfigurableApplicationContext platform = BenchSupport.startPlatform(
                Path.of("./target/bench-data/console"), !reuse, settings)) {
            DataSource dataSource = platform.getBean(DataSource.class);
            String database;
            try (Connection c = dataSource.getConnection()) {
                database = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            }
            RegistrySnapshot registry = platform.getBean(AgencyResolver.class).snapshot();
            long loadStart = System.nanoTime();
            long present = JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM document").query(Long.class).single();
            Sample sample = reuse && present >= documents ? sample(dataSource, registry) : load(dataSource, registry, documents);
            Duration loadTime = Duration.ofNanos(System.nanoTime() - loadStart);
            analyze(dataSource);
            System.out.printf(Locale.ROOT, "Console page queries — %s, %,d documents, %,d deliveries, %,d message log rows"
                    + " (loaded in %d s)%n", database, documents, sample.deliveries, sample.logRows, loadTime.toSeconds());

            DocumentSearch search = platform.getBean(DocumentSearch.class);
            DocumentTimeline timeline = platform.getBean(DocumentTimeline.class);
            Overview overview = platform.getBean(Overview.class);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            String lastPageCursor = pageCursor(search, 100);

            String base = "http://localhost:" + BenchSupport.port(platform);
            CookieSession anonymous = CookieSession.anonymous(base);
            CookieSession operator = CookieSession.login(base, "operator", "operator-dev-2025");
            Map<String, Callable<Object>> queries = new LinkedHashMap<>();
            queries.put("baseline: one document by primary key", () -> jdbc.sql("SELECT subject FROM document WHERE doc_id = ?")
                    .param(sample.docId).query(String.class).optional());
            queries.put("baseline: GET /login (no database)", () -> page(anonymous, "/login"));
            queries.put("page: overview /console/", () -> page(operator, "/console/"));
            queries.put("page: search by H26 code", () -> page(operator, "/console/documents?q=" + sample.h26Code));
            queries.put("page: newest documents", () -> page(operator, "/console/documents"));
            queries.put("page: a document's timeline", () -> page(operator, "/console/documents/" + sample.docId));
            queries.put("page: delivery targets", () -> page(operator, "/console/targets"));
            queries.put("page: dead letters", () -> page(operator, "/console/targets/dead-letters"));
            queries.put("page: merger board", () -> page(operator, "/console/merger"));
            queries.put("page: gateway services, 7 days", () -> page(operator, "/console/gateway?window=7d"));
            queries.put("page: one service's calls, 7 days", () -> page(operator, "/console/gateway/services/demo.opendata?window=7d"));
            queries.put("page: datasets", () -> page(operator, "/console/gateway/data"));
            queries.put("read model: overview (every figure, every target)", overview::read);
            queries.put("search: newest documents (no filter)", () -> find(search, null, null, null, null, null));
            queries.put("search: by DocId", () -> find(search, sample.docId, null, null, null, null));
            queries.put("search: by edXML DocumentId", () -> find(search, sample.edxmlId, null, null, null, null));
            queries.put("search: by notation", () -> find(search, sample.notation, null, null, null, null));
            queries.put("search: by agency code (busiest recipient)", () -> find(search, sample.busyAgency, null, null, null, null));
            queries.put("search: by legacy H26 code", () -> find(search, sample.h26Code, null, null, null, null));
            queries.put("search: by system (sender or recipient)", () -> find(search, null, sample.system, null, null, null));
            queries.put("search: dead letters", () -> find(search, null, null, null, "DEAD_LETTER", null));
            queries.put("search: waiting", () -> find(search, null, null, null, "WAITING", null));
            queries.put("search: status packages of one day", () -> find(search, null, null, "status", null,
                    Instant.now().minus(Duration.ofDays(3))));
            queries.put("search: page 101 of the newest (keyset)", () -> search.search(new DocumentSearch.Criteria(null,
                    null, null, null, null, null, lastPageCursor, 50)));
            queries.put("search: words of the subject (newest 50,000)", () -> find(search, "lô 4711", null, null, null, null));
            queries.put("document page (timeline)", () -> timeline.of(sample.docId).orElseThrow());

            System.out.printf(Locale.ROOT, "%-52s %10s %10s%n", "query", "median ms", "max ms");
            for (Map.Entry<String, Callable<Object>> query : queries.entrySet()) {
                if (!query.getKey().contains(only)) {
                    continue;
                }
                double[] times = time(query.getValue(), runs, jdbc, sample);
                System.out.printf(Locale.ROOT, "%-52s %10.2f %10.2f%n", query.getKey(), times[0], times[1]);
            }
        }
        // The embedded brokers' threads would keep the JVM alive.
        System.exit(0);
    }

    /** One page as the browser of an operator logged in once (a session cookie) gets it; 200 or it fails. */
    private static Object page(CookieSession browser, String path) {
        HttpResponse<String> response = browser.get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body().length();
    }

    private static Object find(DocumentSearch search, String q, String system, String kind, String state, Instant from) {
        Instant to = from == null ? null : from.plus(Duration.ofDays(1));
        return search.search(new DocumentSearch.Criteria(q, system, kind, state, from, to, null, 50));
    }

    /** The cursor of the given page of the newest documents, walked page by page. */
    private static String pageCursor(DocumentSearch search, int pages) {
        String before = null;
        for (int i = 0; i < pages; i++) {
            before = search.search(new DocumentSearch.Criteria(null, null, null, null, null, null, before, 50)).nextBefore();
        }
        return before;
    }

    /**
     * Median and max in ms of {@code runs} calls after five warm-ups. Before each, one row of each
     * table the pages read is written: H2 answers a query again from its result while the tables
     * it read are unchanged, and on a running platform they never are.
     */
    private static double[] time(Callable<Object> query, int runs, JdbcClient jdbc, Sample sample) throws Exception {
        for (int i = 0; i < 5; i++) {
            churn(jdbc, sample);
            query.call();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            churn(jdbc, sample);
            long start = System.nanoTime();
            query.call();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], ms[runs - 1]};
    }

    private static void churn(JdbcClient jdbc, Sample sample) {
        jdbc.sql("UPDATE document SET size_bytes = size_bytes WHERE doc_id = ?").param(sample.docId).update();
        jdbc.sql("UPDATE delivery SET attempts = attempts WHERE doc_id = ?").param(sample.docId).update();
        jdbc.sql("UPDATE message_log SET node = node WHERE message_id = ?").param(sample.docId).update();
    }

    /** The sample of a database loaded by an earlier run ({@code --reuse=true}). */
    private static Sample sample(DataSource dataSource, RegistrySnapshot registry) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long total = jdbc.sql("SELECT COUNT(*) FROM document").query(Long.class).single();
        String edxml = jdbc.sql("SELECT edxml_document_id FROM document WHERE notation = ?").param((total / 2) + "/BENCH")
                .query(String.class).optional().orElseGet(() -> jdbc.sql("SELECT MAX(edxml_document_id) FROM document")
                        .query(String.class).single());
        String docId = jdbc.sql("SELECT doc_id FROM document WHERE edxml_document_id = ?").param(edxml)
                .query(String.class).list().get(0);
        String notation = jdbc.sql("SELECT notation FROM document WHERE doc_id = ?").param(docId).query(String.class).single();
        String busiest = jdbc.sql("SELECT recipient_code FROM delivery GROUP BY recipient_code ORDER BY COUNT(*) DESC"
                + " FETCH FIRST 1 ROWS ONLY").query(String.class).single();
        String h26 = registry.aliases().stream().filter(a -> a.aliasCode().endsWith(".H26"))
                .filter(a -> registry.resolve(a.aliasCode()).map(r -> r.agency().code()).orElse("").equals(busiest))
                .map(a -> a.aliasCode()).findFirst().orElse(busiest);
        String system = registry.systems().stream().filter(s -> !s.agencies().isEmpty()).map(ConnectedSystem::systemId)
                .sorted().findFirst().orElseThrow();
        return new Sample(docId, edxml, notation, busiest, h26, system,
                jdbc.sql("SELECT COUNT(*) FROM delivery").query(Long.class).single(),
                jdbc.sql("SELECT COUNT(*) FROM message_log").query(Long.class).single());
    }

    private record Sample(String docId, String edxmlId, String notation, String busyAgency, String h26Code,
                          String system, long deliveries, long logRows) {
    }

    /** Straight JDBC batches, in id order of time, as the exchange would have written them. */
    private static Sample load(DataSource dataSource, RegistrySnapshot registry, int documents) throws Exception {
        List<ConnectedSystem> senders = registry.systems().stream().filter(s -> !s.agencies().isEmpty())
                .sorted((a, b) -> a.systemId().compareTo(b.systemId())).toList();
        List<String[]> recipients = new ArrayList<>(); // {code, system, mode}
        for (ConnectedSystem system : senders) {
            for (String code : system.agencies()) {
                recipients.add(new String[] {code, system.systemId(), system.deliveryMode().name()});
            }
        }
        String h26 = registry.aliases().stream().filter(a -> a.aliasCode().endsWith(".H26"))
                .filter(a -> recipients.stream().anyMatch(r -> r[0].equals(registry.resolve(a.aliasCode())
                        .map(x -> x.agency().code()).orElse(""))))
                .map(a -> a.aliasCode()).findFirst().orElse(recipients.get(0)[0]);
        Random random = new Random(42);
        Instant now = Instant.now();
        long span = Duration.ofDays(30).toMillis();
        long deliveries = 0;
        long logRows = 0;
        String sampleDoc = null;
        String sampleEdxml = null;
        String sampleNotation = null;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long seq = 0;
            try (PreparedStatement doc = c.prepareStatement("""
                    INSERT INTO document (doc_id, sender_system, from_code, message_type, business_doc_type,
                                          edxml_document_id, referenced_doc_id, status_code, subject, notation, sha256,
                                          size_bytes, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement del = c.prepareStatement("""
                    INSERT INTO delivery (doc_id, recipient_code, recipient_system, status, attempts, created_at, updated_at,
                                          route, target_system, transfer_state, transfer_attempts, last_error,
                                          delivered_at, fetched_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement log = c.prepareStatement("""
                    INSERT INTO message_log (recorded_at, node, kind, message_id, actor, from_code, to_code, route,
                                             outcome, sha256, size_bytes, detail, chain_seq, prev_hash, hash)
                    VALUES (?, 'bench', ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)""")) {
                String hash = "0".repeat(64);
                for (int i = 0; i < documents; i++) {
                    long at = now.toEpochMilli() - span + (long) i * span / documents;
                    Instant received = Instant.ofEpochMilli(at);
                    String docId = TimeOrderedIds.uuid7(at).toString();
                    ConnectedSystem sender = senders.get(random.nextInt(senders.size()));
                    String from = sender.agencies().iterator().next();
                    boolean status = random.nextInt(5) == 0;
                    String edxmlId = from + ",2026/11/01," + i + "/BENCH";
                    String notation = i + "/BENCH";
                    doc.setString(1, docId);
                    doc.setString(2, sender.systemId());
                    doc.setString(3, from);
                    doc.setString(4, status ? "status" : "edoc");
                    if (status) {
                        doc.setNull(5, java.sql.Types.SMALLINT);
                    } else {
                        doc.setInt(5, 0);
                    }
                    doc.setString(6, edxmlId);
                    doc.setString(7, null);
                    doc.setString(8, status ? "03" : null);
                    doc.setString(9, "Công văn về việc triển khai lô " + i);
                    doc.setString(10, status ? null : notation);
                    doc.setString(11, String.format("%064x", i));
                    doc.setLong(12, 8_000 + random.nextInt(40_000));
                    doc.setTimestamp(13, Timestamp.from(received));
                    doc.addBatch();
                    String[] to = recipients.get(random.nextInt(recipients.size()));
                    int roll = random.nextInt(1000);
                    String state = roll < 10 ? "QUEUED" : roll < 15 ? "DEAD_LETTER" : "DELIVERED";
                    String route = switch (to[2]) {
                        case "PULL" -> "local-pull";
                        case "PUSH" -> "local-push";
                        default -> "relay";
                    };
                    boolean pull = "PULL".equals(to[2]);
                    String ack = !"DELIVERED".equals(state) ? "PENDING" : (!pull || random.nextInt(50) > 0) ? "DONE" : "PENDING";
                    del.setString(1, docId);
                    del.setString(2, to[0]);
                    del.setString(3, to[1]);
                    del.setString(4, ack);
                    del.setTimestamp(5, Timestamp.from(received));
                    del.setTimestamp(6, Timestamp.from(received.plusSeconds(1)));
                    del.setString(7, route);
                    del.setString(8, to[1]);
                    del.setString(9, state);
                    del.setInt(10, "DELIVERED".equals(state) ? 1 : 3);
                    del.setString(11, "DEAD_LETTER".equals(state) ? "attempt 10 of 10: connection refused" : null);
                    del.setTimestamp(12, "DELIVERED".equals(state) ? Timestamp.from(received.plusSeconds(1)) : null);
                    del.setTimestamp(13, "DONE".equals(ack) && pull ? Timestamp.from(received.plusSeconds(30)) : null);
                    del.addBatch();
                    deliveries++;
                    for (String kind : new String[] {"EXCHANGE_ACCEPTED", "DELIVERED".equals(state) ? "EXCHANGE_DELIVERED"
                            : null, i % 5 == 0 ? "GATEWAY_CALL" : null}) {
                        if (kind == null) {
                            continue;
                        }
                        boolean call = kind.equals("GATEWAY_CALL");
                        seq++;
                        log.setTimestamp(1, Timestamp.from(received));
                        log.setString(2, kind);
                        log.setString(3, call ? "req-" + i : docId);
                        log.setString(4, sender.systemId());
                        log.setString(5, call ? sender.systemId() : from);
                        log.setString(6, call ? "demo.opendata" : to[0]);
                        log.setString(7, call ? "GET /opendata/datasets" : route);
                        log.setString(8, call && random.nextInt(20) == 0 ? "GW-504" : "OK");
                        log.setString(9, call ? "{\"durationMicros\":" + (2_000 + random.nextInt(80_000))
                                + ",\"status\":200}" : "{}");
                        log.setLong(10, seq);
                        log.setString(11, hash);
                        log.setString(12, hash);
                        log.addBatch();
                        logRows++;
                    }
                    if (i == documents / 2) {
                        sampleDoc = docId;
                        sampleEdxml = edxmlId;
                        sampleNotation = status ? null : notation;
                    }
                    if (sampleNotation == null && !status && i > documents / 2) {
                        sampleNotation = notation;
                    }
                    if ((i + 1) % BATCH == 0 || i == documents - 1) {
                        doc.executeBatch();
                        del.executeBatch();
                        log.executeBatch();
                        c.commit();
                    }
                }
            }
            // The chain's head is the last loaded row: nothing is left for a sealer.
            try (PreparedStatement head = c.prepareStatement("UPDATE message_log_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                head.setLong(1, seq);
                head.setString(2, "0".repeat(64));
                head.executeUpdate();
            }
            c.commit();
        }
        Map<String, Long> perAgency = new LinkedHashMap<>();
        JdbcClient.create(dataSource).sql("SELECT recipient_code, COUNT(*) FROM delivery GROUP BY recipient_code ORDER BY 2 DESC")
                .query(rs -> {
                    perAgency.putIfAbsent(rs.getString(1), rs.getLong(2));
                });
        String busiest = perAgency.keySet().iterator().next();
        return new Sample(sampleDoc, sampleEdxml, sampleNotation, busiest, h26, senders.get(0).systemId(), deliveries,
                logRows);
    }

    /** Fresh statistics, as autovacuum or H2's own would have them on a database of this size. */
    private static void analyze(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            c.createStatement().execute("ANALYZE");
        }
    }
}
