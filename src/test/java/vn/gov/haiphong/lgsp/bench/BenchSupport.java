package vn.gov.haiphong.lgsp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.gov.haiphong.lgsp.LgspApplication;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.platform.H2StoreCompaction;
import vn.gov.haiphong.lgsp.platform.PostgresMaintenanceCheck;

/**
 * What every benchmark of the platform shares: a platform started in this JVM on a fresh data
 * directory (default profile, embedded H2/Artemis/Kafka, demo data, free ports), a closed-loop
 * load generator (N clients, each calling as fast as it is answered, after a warm-up), and the
 * figures: calls/s, p50 and p99 latency. Benchmarks are main classes under src/test, run by
 * {@code docs/bench/run-bench.sh <class> [--name=value ...]}; they are not tests.
 */
public final class BenchSupport {

    private BenchSupport() {
    }

    /** --name=value arguments. */
    public static Map<String, String> args(String[] args) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                parsed.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return parsed;
    }

    /**
     * The platform on its data directory, emptied first when {@code fresh} (otherwise a previous
     * run's data is reused); {@code settings} override the defaults (as command-line arguments).
     */
    public static ConfigurableApplicationContext startPlatform(Path dataDir, boolean fresh, Map<String, ?> settings)
            throws IOException {
        if (fresh) {
            PlatformTestSupport.deleteTree(dataDir);
        }
        Files.createDirectories(dataDir);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("lgsp.data-dir", dataDir);
        all.put("server.port", 0);
        all.put("lgsp.kafka.embedded.port", 0);
        all.putAll(settings);
        String[] arguments = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(LgspApplication.class).run(arguments);
    }

    public static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** One measured load: calls answered as expected, failures, and latency percentiles. */
    public record Stats(String name, int clients, long calls, long failures, double seconds, double perSecond,
                        double p50Millis, double p99Millis) {
    }

    /**
     * Runs {@code clients} threads, each repeating its call for {@code warmUp + duration}; only
     * calls started after the warm-up count. A call returns false (or throws) when it failed.
     */
    public static Stats load(String name, int clients, Duration warmUp, Duration duration,
                             IntFunction<Callable<Boolean>> callOfClient) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + duration.toNanos();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] mine = new long[1 << 16];
            latencies.add(mine);
            Callable<Boolean> call = callOfClient.apply(client);
            Thread thread = new Thread(() -> {
                long[] buffer = mine;
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        boolean ok;
                        try {
                            ok = call.call();
                        } catch (Exception e) {
                            ok = false;
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom) {
                            if (!ok) {
                                failures.incrementAndGet();
                            } else {
                                if (counts[client] == buffer.length) {
                                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                                    synchronized (latencies) {
                                        latencies.set(client, buffer);
                                    }
                                }
                                buffer[counts[client]++] = t1 - t0;
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-" + name + "-" + c);
            thread.start();
        }
        done.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        double seconds = duration.toNanos() / 1e9;
        return new Stats(name, clients, total, failures.get(), seconds, total / seconds, percentile(all, 0.50),
                percentile(all, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    public static String row(Stats s) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.1f | %.1f |", s.name(), s.clients(), s.calls(),
                s.failures(), s.perSecond(), s.p50Millis(), s.p99Millis());
    }

    public static final String HEADER = "| measurement | clients | calls | failed | calls/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|---|";

    /** The 1-minute load average, so a reader can tell a quiet run from a busy one. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * H2's counters now (file writes; store versions, one per commit that wrote a chunk): the
     * database work per call. Null on another database.
     */
    public static long[] h2Counters(javax.sql.DataSource database) {
        org.h2.mvstore.MVStore store = database == null ? null : H2StoreCompaction.embeddedFileStore(database);
        return store == null ? null : new long[] {store.getFileStore().getWriteCount(), store.getCurrentVersion()};
    }

    /** H2's store now: file size, chunks (entries of its layout map), fill rates. Empty on another database. */
    public static String h2Store(javax.sql.DataSource database) {
        org.h2.mvstore.MVStore store = H2StoreCompaction.embeddedFileStore(database);
        if (store == null) {
            return "";
        }
        var file = store.getFileStore();
        return String.format(Locale.ROOT, "H2 file %.0f MB, layout map %d entries, fill rate %d %%, chunks fill rate %d %%",
                file.size() / 1e6, file.getLayoutMap().size(), store.getFillRate(), file.getChunksFillRate());
    }

    /**
     * On a PostgreSQL without autovacuum (this machine's), analyzes the platform's tables as
     * autovacuum would have by now, so a run measures the plans a maintained server uses rather
     * than the ones made while the tables were empty (PostgresMaintenanceCheck). Returns a line
     * saying so, or an empty one where nothing was needed.
     */
    public static String analyzeWhereAutovacuumIsOff(javax.sql.DataSource database) {
        if (new PostgresMaintenanceCheck(database).findings().isEmpty()) {
            return "";
        }
        var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(database);
        List<String> tables = jdbc.sql("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()")
                .query(String.class).list();
        tables.forEach(table -> jdbc.sql("ANALYZE " + table).update());
        return "PostgreSQL autovacuum is off: analyzed the platform's " + tables.size()
                + " tables, as autovacuum would have";
    }

    public static void log(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }
}
