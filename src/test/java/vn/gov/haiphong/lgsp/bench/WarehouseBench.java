package vn.gov.haiphong.lgsp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import vn.gov.haiphong.lgsp.platform.events.OutboxPublisher;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.warehouse.DatasetCatalog;
import vn.gov.haiphong.lgsp.warehouse.DatasetDefinition;
import vn.gov.haiphong.lgsp.warehouse.DatasetQuery;
import vn.gov.haiphong.lgsp.warehouse.DatasetQueryParser;
import vn.gov.haiphong.lgsp.warehouse.DatasetRepository;
import vn.gov.haiphong.lgsp.warehouse.DatasetService;
import vn.gov.haiphong.lgsp.warehouse.QueryLimits;
import vn.gov.haiphong.lgsp.warehouse.sync.HdSyncRoute;
import vn.gov.haiphong.lgsp.warehouse.sync.HdSyncService;

/**
 * Warehouse benchmark (issue 5): loads {@code --rows} (default 100,000) rows into
 * administrative-units, then measures in one run, one platform:
 * <ul>
 *   <li>open data and authenticated data API queries over HTTP (calls/s, p50, p99) with
 *       {@code --clients} concurrent clients, for a point lookup and a filtered, sorted page;</li>
 *   <li>the same queries straight through the repository's JDBC (no HTTP, auth, audit, JSON):
 *       the database baseline;</li>
 *   <li>sync: {@code --sync} HD change records put on hd.legacy.administrative-units while the
 *       consumer is stopped, then applied (changes/s); and a plain Kafka consumer reading the
 *       same records: the Kafka baseline.</li>
 * </ul>
 * Before them, the costliest queries the limits allow (every filter and sort field), one
 * client, beside a one-filter lookup; {@code --only-costs=true} stops there.
 * Run: {@code docs/bench/warehouse-bench.sh [--rows=100000] [--sync=10000] [--clients=8] [--seconds=20] [--fresh=false]
 * [--only-costs=false]}.
 */
public final class WarehouseBench {

    private static final String UNITS = "administrative-units";
    private static final String[] TYPES = {"Phường", "Xã", "Đặc khu"};

    private WarehouseBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchSupport.args(argv);
        int rows = Integer.parseInt(args.getOrDefault("rows", "100000"));
        int syncChanges = Integer.parseInt(args.getOrDefault("sync", "10000"));
        int clients = Integer.parseInt(args.getOrDefault("clients", "8"));
        Duration duration = Duration.ofSeconds(Long.parseLong(args.getOrDefault("seconds", "20")));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(args.getOrDefault("warmup", "10")));
        // --fresh=false: keep target/bench-data/warehouse and only add the rows it lacks.
        boolean fresh = Boolean.parseBoolean(args.getOrDefault("fresh", "true"));
        // --only-costs=true: the costliest allowed queries and their baseline only (no throughput, no sync).
        boolean onlyCosts = Boolean.parseBoolean(args.getOrDefault("only-costs", "false"));
        BenchSupport.log("load average at start: " + BenchSupport.loadAverage() + "; " + Runtime.getRuntime()
                .availableProcessors() + " cores; rows=" + rows + " sync=" + syncChanges + " clients=" + clients);

        Map<String, Object> settings = new LinkedHashMap<>();
        // The benchmark measures throughput, not the per-address limit of anonymous clients.
        settings.put("lgsp.opendata.rate-limit.capacity", 1_000_000_000);
        settings.put("lgsp.opendata.rate-limit.refill-per-second", 1_000_000_000);
        settings.put("logging.level.vn.gov.haiphong.lgsp.warehouse.sync", "WARN");
        int exit = 1;
        ConfigurableApplicationContext app = null;
        try {
            app = BenchSupport.startPlatform(Path.of("./target/bench-data/warehouse"), fresh, settings);
            run(app, rows, syncChanges, clients, warmUp, duration, onlyCosts);
            exit = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            if (app != null) {
                app.close();
            }
        }
        // The in-JVM Kafka broker's threads would keep the JVM alive after a failed start.
        System.exit(exit);
    }

    private static void run(ConfigurableApplicationContext app, int rows, int syncChanges, int clients, Duration warmUp,
                            Duration duration, boolean onlyCosts) throws Exception {
        DatasetDefinition units = app.getBean(DatasetCatalog.class).find(UNITS).orElseThrow();
        DatasetService service = app.getBean(DatasetService.class);
        DatasetRepository repository = app.getBean(DatasetRepository.class);
        TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
        OutboxPublisher outbox = app.getBean(OutboxPublisher.class);
        JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
        QueryLimits limits = app.getBean(QueryLimits.class);

        // --- load -------------------------------------------------------------------------------
        // Rows B000000… are written in order, a batch per transaction: a reused directory holds a prefix.
        int present = jdbc.sql("SELECT COUNT(*) FROM dataset_row WHERE dataset = ? AND row_key LIKE 'B%'").param(UNITS)
                .query(Integer.class).single();
        int loadFrom = present - present % 1000;
        BenchSupport.log(present + " bench rows present; writing from B" + loadFrom);
        long t0 = System.nanoTime();
        for (int from = loadFrom; from < rows; from += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(rows, from + 1000); i++) {
                batch.add(unit(i));
            }
            transaction.executeWithoutResult(s -> service.write(units, batch, "bench", Region.HP));
            if ((from / 1000) % 10 == 9) {
                BenchSupport.log((from + 1000) + " rows written");
            }
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        int written = Math.max(0, rows - loadFrom);
        BenchSupport.log(String.format(Locale.ROOT, "%d rows written in %.1f s (%.0f rows/s, with history, index and "
                + "outbox event)", written, loadSeconds, written / loadSeconds));
        long t1 = System.nanoTime();
        while (outbox.pendingCount() > 0) {
            Thread.sleep(500);
        }
        BenchSupport.log(String.format(Locale.ROOT, "their %d change events published in %.1f s more", rows,
                (System.nanoTime() - t1) / 1e9));
        long total = jdbc.sql("SELECT COUNT(*) FROM dataset_row WHERE dataset = ?").param(UNITS).query(Long.class).single();
        BenchSupport.log("administrative-units holds " + total + " rows");

        // --- queries ----------------------------------------------------------------------------
        String base = "http://localhost:" + BenchSupport.port(app);
        String auth = "Basic " + Base64.getEncoder().encodeToString("hp.sonv.qlvb:hp-sonv-dev-secret-2025"
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<BenchSupport.Stats> costs = costliestQueries(base, http, rows, limits, warmUp, duration);
        if (onlyCosts) {
            System.out.println();
            System.out.println("Warehouse query cost, " + rows + " rows, load average now " + BenchSupport.loadAverage());
            System.out.println(BenchSupport.HEADER);
            costs.forEach(c -> System.out.println(BenchSupport.row(c)));
            return;
        }
        List<BenchSupport.Stats> results = new ArrayList<>(costs);
        Map<String, IntFunction<String>> shapes = new LinkedHashMap<>();
        shapes.put("point lookup (code=…)", n -> "code=B" + String.format(Locale.ROOT, "%06d", n % rows));
        shapes.put("filter + sort + page (unitType=Xã&sort=-population&size=20&page=…)",
                n -> "unitType=" + enc("Xã") + "&sort=-population&size=20&page=" + (n % 50));
        for (Map.Entry<String, IntFunction<String>> shape : shapes.entrySet()) {
            IntFunction<String> query = shape.getValue();
            results.add(BenchSupport.load("open data HTTP, " + shape.getKey(), clients, warmUp, duration, c -> () -> {
                String url = base + "/opendata/" + UNITS + "?" + query.apply(ThreadLocalRandom.current().nextInt(1 << 30));
                return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
                        .statusCode() == 200;
            }));
            BenchSupport.log(BenchSupport.row(results.get(results.size() - 1)));
            results.add(BenchSupport.load("data API HTTP (Basic auth, audited), " + shape.getKey(), clients, warmUp,
                    duration, c -> () -> {
                        String url = base + "/api/data/" + UNITS + "?"
                                + query.apply(ThreadLocalRandom.current().nextInt(1 << 30));
                        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
                                HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200;
                    }));
            BenchSupport.log(BenchSupport.row(results.get(results.size() - 1)));
            results.add(BenchSupport.load("baseline: repository JDBC query, " + shape.getKey(), clients, warmUp, duration,
                    c -> () -> {
                        DatasetQuery q = DatasetQueryParser.parse(units,
                                params(query.apply(ThreadLocalRandom.current().nextInt(1 << 30))), false, limits);
                        return repository.query(units, q).total() > 0;
                    }));
            BenchSupport.log(BenchSupport.row(results.get(results.size() - 1)));
        }
        while (outbox.pendingCount() > 0) {
            Thread.sleep(500);
        }

        // --- sync -------------------------------------------------------------------------------
        KafkaProperties kafka = app.getBean(KafkaProperties.class);
        CamelContext camel = app.getBean(CamelContext.class);
        camel.getRouteController().stopRoute(HdSyncRoute.ROUTE_ID);
        String topic = HdSyncService.TOPIC_PREFIX + UNITS;
        String run = "S" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
        Map<String, Object> producerConfig = new HashMap<>(kafka.buildProducerProperties(null));
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long p0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
            for (int i = 0; i < syncChanges; i++) {
                String key = run + String.format(Locale.ROOT, "%06d", i);
                producer.send(new ProducerRecord<>(topic, key, hdRecord(key, i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        BenchSupport.log(String.format(Locale.ROOT, "%d HD change records produced in %.1f s", syncChanges,
                (System.nanoTime() - p0) / 1e9));

        camel.getRouteController().startRoute(HdSyncRoute.ROUTE_ID);
        long first = 0;
        long applied;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        do {
            Thread.sleep(100);
            applied = jdbc.sql("SELECT COUNT(*) FROM hd_sync_state WHERE dataset = ? AND row_key LIKE ?")
                    .params(UNITS, run + "%").query(Long.class).single();
            if (first == 0 && applied > 0) {
                first = System.nanoTime();
            }
        } while (applied < syncChanges && System.nanoTime() < deadline);
        double syncSeconds = (System.nanoTime() - first) / 1e9;
        double syncRate = applied / syncSeconds;
        BenchSupport.log(String.format(Locale.ROOT, "sync: %d changes applied in %.1f s from the first one: %.0f changes/s",
                applied, syncSeconds, syncRate));

        Map<String, Object> consumerConfig = new HashMap<>(kafka.buildConsumerProperties(null));
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A reused directory's topic holds earlier runs' records: count this run's only.
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        long read = 0;
        long c0 = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (read < syncChanges) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty() && c0 == 0) {
                    c0 = System.nanoTime();
                }
                for (var record : records) {
                    if (record.key().startsWith(run)) {
                        read++;
                    }
                }
            }
        }
        double rawSeconds = (System.nanoTime() - c0) / 1e9;
        double rawRate = read / rawSeconds;
        BenchSupport.log(String.format(Locale.ROOT, "baseline: plain consumer read %d records in %.2f s: %.0f records/s",
                read, rawSeconds, rawRate));

        // --- report -----------------------------------------------------------------------------
        System.out.println();
        System.out.println("Warehouse benchmark, " + rows + " rows, load average now " + BenchSupport.loadAverage());
        System.out.println(BenchSupport.HEADER);
        results.forEach(s -> System.out.println(BenchSupport.row(s)));
        System.out.println();
        for (int i = costs.size(); i + 2 < results.size(); i += 3) {
            double db = results.get(i + 2).perSecond();
            System.out.printf(Locale.ROOT, "%s: open data %.0f%% of the JDBC baseline, data API %.0f%%%n",
                    results.get(i).name().replace("open data HTTP, ", ""), 100 * results.get(i).perSecond() / db,
                    100 * results.get(i + 1).perSecond() / db);
        }
        System.out.printf(Locale.ROOT, "sync: %.0f changes/s applied vs %.0f records/s read by a plain consumer (%.1f%%)%n",
                syncRate, rawRate, 100 * syncRate / rawRate);
        if (written > 0) {
            System.out.printf(Locale.ROOT, "load: %.0f rows/s written through DatasetService (batches of 1000)%n",
                    written / loadSeconds);
        }
    }

    /**
     * The costliest queries the limits allow, one anonymous client, beside a one-filter lookup:
     * every filter and sort field allowed, starting from a selective filter (the key field, or a
     * unique name given first); and every filter unselective (a third of the rows match), which
     * only the statement timeout bounds: its calls are expected to end in DATA-418.
     */
    private static List<BenchSupport.Stats> costliestQueries(String base, HttpClient http, int rows, QueryLimits limits,
                                                            Duration warmUp, Duration duration) throws Exception {
        String sorts = "sort=" + String.join(",", List.of("-population", "name", "formerUnits", "unitType", "code")
                .subList(0, Math.min(5, limits.maxSorts())));
        IntFunction<String> keyed = n -> sorts + "&" + filters(n, limits.maxFilters(), true);
        IntFunction<String> named = n -> sorts + "&" + filters(n, limits.maxFilters(), false);
        Map<String, IntFunction<String>> shapes = new LinkedHashMap<>();
        shapes.put("baseline: open data, 1 filter (code=…)", n -> "code=B" + String.format(Locale.ROOT, "%06d", n));
        shapes.put("open data, " + limits.maxFilters() + " filters (key field among them) + " + limits.maxSorts()
                + " sorts", keyed);
        shapes.put("open data, " + limits.maxFilters() + " filters (unique name first, no key) + " + limits.maxSorts()
                + " sorts", named);
        List<BenchSupport.Stats> stats = new ArrayList<>();
        for (Map.Entry<String, IntFunction<String>> shape : shapes.entrySet()) {
            stats.add(BenchSupport.load(shape.getKey(), 1, warmUp, duration, c -> () -> {
                String url = base + "/opendata/" + UNITS + "?"
                        + shape.getValue().apply(ThreadLocalRandom.current().nextInt(rows));
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return answer.statusCode() == 200 && new String(answer.body(), StandardCharsets.UTF_8)
                        .contains("\"total\":1,");
            }));
            BenchSupport.log(BenchSupport.row(stats.get(stats.size() - 1)));
        }
        StringBuilder unselective = new StringBuilder(sorts);
        String[] broad = {"unitType=" + enc("Xã"), "agencyCode=000.60.71.H27", "effectiveFrom=2025-07-01"};
        for (int i = 0; i < limits.maxFilters(); i++) {
            unselective.append('&').append(broad[i % broad.length]);
        }
        String url = base + "/opendata/" + UNITS + "?" + unselective;
        long[] took = new long[3];
        int stopped = 0;
        for (int i = 0; i < took.length; i++) {
            long t0 = System.nanoTime();
            int status = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            took[i] = (System.nanoTime() - t0) / 1_000_000;
            stopped += status == 503 ? 1 : 0;
        }
        java.util.Arrays.sort(took);
        BenchSupport.log(String.format(Locale.ROOT, "open data, %d unselective filters + %d sorts: %d of %d stopped "
                + "by the %d s statement timeout (DATA-418); %d ms median", limits.maxFilters(), limits.maxSorts(),
                stopped, took.length, limits.timeoutSeconds(), took[took.length / 2]));
        stats.add(new BenchSupport.Stats("open data, " + limits.maxFilters() + " unselective filters + "
                + limits.maxSorts() + " sorts (" + stopped + " of 3 stopped: DATA-418)", 1, took.length,
                took.length - stopped, 0, 0, took[took.length / 2], took[took.length - 1]));
        return stats;
    }

    /** {@code count} filters that together match only unit {@code n}; with or without its key field. */
    private static String filters(int n, int count, boolean withKey) {
        String code = "B" + String.format(Locale.ROOT, "%06d", n);
        String type = TYPES[n % 3];
        List<String> selective = new ArrayList<>(List.of("name=" + enc(type + " Thử tải " + n), "unitType=" + enc(type),
                "agencyCode=000.60.71.H27", "formerUnits=" + enc("Đơn vị cũ A " + n + ", Đơn vị cũ B " + n),
                "effectiveFrom=2025-07-01"));
        if (withKey) {
            selective.add(0, "code=" + code);
        }
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append(selective.get(i % selective.size()));
        }
        return query.toString();
    }

    private static Map<String, Object> unit(int i) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", "B" + String.format(Locale.ROOT, "%06d", i));
        row.put("name", TYPES[i % 3] + " Thử tải " + i);
        row.put("unitType", TYPES[i % 3]);
        row.put("agencyCode", "000.60.71.H27");
        row.put("formerUnits", "Đơn vị cũ A " + i + ", Đơn vị cũ B " + i);
        row.put("population", (long) random.nextInt(5_000, 120_000));
        row.put("effectiveFrom", "2025-07-01");
        row.put("officerInCharge", "Phòng Chính quyền địa phương");
        return row;
    }

    private static String hdRecord(String key, int i) {
        return "{\"op\":\"UPSERT\",\"key\":\"" + key + "\",\"hdVersion\":1,\"changedAt\":\"2025-08-01T08:00:00+07:00\","
                + "\"fields\":{\"MA_DVHC\":\"" + key + "\",\"TEN_DVHC\":\"Xã Đồng Bộ " + i + "\",\"LOAI_DVHC\":\"X\","
                + "\"MA_DINH_DANH\":\"000.01.21.H26\",\"DAN_SO\":" + (10_000 + i) + ",\"NGAY_HIEU_LUC\":\"2025-07-01\"}}";
    }

    private static LinkedMultiValueMap<String, String> params(String query) {
        LinkedMultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.add(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
