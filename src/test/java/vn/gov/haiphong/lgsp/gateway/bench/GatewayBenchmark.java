package vn.gov.haiphong.lgsp.gateway.bench;

import com.sun.net.httpserver.HttpServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.ConfigurableApplicationContext;
import vn.gov.haiphong.lgsp.LgspApplication;
import vn.gov.haiphong.lgsp.bench.BenchSupport;
import vn.gov.haiphong.lgsp.bench.CpuUse;
import vn.gov.haiphong.lgsp.gateway.GatewayAdminService;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.GrantInput;
import vn.gov.haiphong.lgsp.gateway.GatewayInputs.ServiceInput;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Kind;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.SubjectType;
import vn.gov.haiphong.lgsp.gateway.mediation.UpstreamClient;
import vn.gov.haiphong.lgsp.security.gateway.GatewaySignature;

/**
 * The gateway benchmark (docs/bench/gateway-benchmark.sh; not a test). In one JVM: a stub REST
 * provider (JDK HttpServer, a ~100-byte JSON answer after an optional service time), the whole
 * platform in its default profile (HMAC authentication with the shared nonce store, access
 * check, rate limiter, audit to the outbox and Kafka, metrics: all on), and a load generator of
 * N keep-alive connections over raw sockets, each request signed with a fresh nonce. It runs
 * the same load straight to the stub (the baseline; the same signing work on the client side),
 * through a bare proxy and through the gateway, in turn, and prints requests/s, latency p50/p99,
 * the ratios and the latency the gateway adds.
 *
 * <p>The bare proxy is the floor under any servlet gateway on this stack: a second embedded
 * Tomcat, configured as the platform's, whose one servlet forwards each request with the
 * gateway's own {@link UpstreamClient} and relays the answer, and does nothing else (no
 * authentication, access check, rate limit, audit or metrics). Its ratio to the direct load is
 * what the hop itself costs; the gateway's ratio to it is what the gateway's checks and audit
 * cost.
 *
 * <p>Settings (system properties): {@code bench.connections} (64), {@code bench.seconds} (20 per
 * measured run), {@code bench.warmup-seconds} (60; then on until the JIT compilers are done, at most
 * {@code bench.warmup-max-seconds}, 600), {@code bench.rounds} (2),
 * {@code bench.stub-delay-ms} (0 = the stub answers at once), {@code bench.out}.
 */
public final class GatewayBenchmark {

    private static final String SYSTEM = "hp.sonv.qlvb";
    private static final byte[] SECRET = "hp-sonv-dev-secret-2025".getBytes(StandardCharsets.UTF_8);

    private GatewayBenchmark() {
    }

    record Result(String name, long requests, long errors, double seconds, long p50Micros, long p99Micros,
                  double cpuMicrosPerRequest, String database, String cpuByThread) {
        double rate() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-8s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  CPU %6.0f us/request "
                    + "(%d requests, %d errors)%s%n         CPU us/request by thread: %s", name, rate(),
                    p50Micros / 1000.0, p99Micros / 1000.0, cpuMicrosPerRequest, requests, errors, database,
                    cpuByThread);
        }
    }

    public static void main(String[] args) throws Exception {
        int connections = Integer.getInteger("bench.connections", 64);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup-seconds", 60);
        int rounds = Integer.getInteger("bench.rounds", 2);
        int stubDelay = Integer.getInteger("bench.stub-delay-ms", 0);
        Path out = Path.of(System.getProperty("bench.out", "target/bench/gateway-benchmark.txt"));

        HttpServer stub = stub(stubDelay);
        int stubPort = stub.getAddress().getPort();
        Path dataDir = Path.of("./target/bench/data");
        deleteTree(dataDir);
        // Arguments go to the platform after the benchmark's own, e.g. another database.
        List<String> platformArgs = new ArrayList<>(List.of("--lgsp.data-dir=" + dataDir, "--server.port=0",
                "--lgsp.kafka.embedded.port=0", "--logging.level.root=WARN", "--logging.level.vn.gov.haiphong=WARN",
                "--server.tomcat.threads.max=200", "--management.endpoints.web.exposure.include=health"));
        platformArgs.addAll(List.of(args));
        ConfigurableApplicationContext platform = SpringApplication.run(LgspApplication.class,
                platformArgs.toArray(String[]::new));
        int gatewayPort = Integer.parseInt(platform.getEnvironment().getProperty("local.server.port"));
        database = platform.getBean(javax.sql.DataSource.class);
        GatewayAdminService admin = platform.getBean(GatewayAdminService.class);
        admin.createService(new ServiceInput("bench.echo", "Benchmark stub", SYSTEM, Kind.REST,
                Map.of("default", "http://127.0.0.1:" + stubPort + "/api"), 10_000, null, null, 1_000_000, 10_000_000,
                null, true), "benchmark");
        admin.createGrant(new GrantInput("bench.echo", SubjectType.SYSTEM, SYSTEM, "GET", "/items/**"), "benchmark");

        WebServer bareProxy = bareProxy(stubPort, platform.getBean(UpstreamClient.class));
        int bareProxyPort = bareProxy.getPort();

        String gatewayPath = "/gw/r1/bench.echo/items/42";
        String directPath = "/api/items/42";
        List<String> lines = new ArrayList<>();
        lines.add("LGSP gateway benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, load average at start " + loadAverage());
        lines.add(String.format(Locale.ROOT, "connections %d, %d s per run, %d rounds, stub service time %d ms, "
                + "GET with HMAC auth + nonce + access check + rate limit + audit + metrics", connections, seconds,
                rounds, stubDelay));
        System.out.println(lines.get(0));
        run("warm-up", gatewayPort, gatewayPath, connections, warmup);
        run("warm-up", stubPort, directPath, connections, Math.max(3, warmup / 3));
        run("warm-up", bareProxyPort, directPath, connections, Math.max(3, warmup / 3));
        String analyzed = BenchSupport.analyzeWhereAutovacuumIsOff(database);
        if (!analyzed.isEmpty()) {
            lines.add(analyzed);
            System.out.println(analyzed);
        }
        String warmedUp = warmUntilCompiled(gatewayPort, gatewayPath, stubPort, directPath, connections, warmup,
                Integer.getInteger("bench.warmup-max-seconds", 600));
        lines.add(warmedUp);
        System.out.println(warmedUp);
        List<Result> direct = new ArrayList<>();
        List<Result> bare = new ArrayList<>();
        List<Result> gateway = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Result d = run("direct", stubPort, directPath, connections, seconds);
            Result b = run("bare", bareProxyPort, directPath, connections, seconds);
            Result g = run("gateway", gatewayPort, gatewayPath, connections, seconds);
            direct.add(d);
            bare.add(b);
            gateway.add(g);
            for (Result r : List.of(d, b, g)) {
                lines.add(r.toString());
                System.out.println(r);
            }
        }
        double directRate = direct.stream().mapToDouble(Result::rate).average().orElse(0);
        double bareRate = bare.stream().mapToDouble(Result::rate).average().orElse(0);
        double bareAddedP50 = (bare.stream().mapToLong(Result::p50Micros).average().orElse(0)
                - direct.stream().mapToLong(Result::p50Micros).average().orElse(0)) / 1000.0;
        double bareCpu = bare.stream().mapToDouble(Result::cpuMicrosPerRequest).average().orElse(0);
        double gatewayRate = gateway.stream().mapToDouble(Result::rate).average().orElse(0);
        double addedP50 = (gateway.stream().mapToLong(Result::p50Micros).average().orElse(0)
                - direct.stream().mapToLong(Result::p50Micros).average().orElse(0)) / 1000.0;
        double addedP99 = (gateway.stream().mapToLong(Result::p99Micros).average().orElse(0)
                - direct.stream().mapToLong(Result::p99Micros).average().orElse(0)) / 1000.0;
        double directCpu = direct.stream().mapToDouble(Result::cpuMicrosPerRequest).average().orElse(0);
        double gatewayCpu = gateway.stream().mapToDouble(Result::cpuMicrosPerRequest).average().orElse(0);
        String summary = String.format(Locale.ROOT, "mean: direct %.0f req/s, gateway %.0f req/s, ratio %.2f; "
                + "latency added by the gateway: p50 %.2f ms, p99 %.2f ms; CPU per request: direct %.0f us, "
                + "gateway %.0f us (the gateway's own share %.0f us, i.e. at most %.0f req/s per core for the "
                + "gateway alone)", directRate, gatewayRate, gatewayRate / directRate, addedP50, addedP99, directCpu,
                gatewayCpu, gatewayCpu - directCpu, 1e6 / Math.max(1, gatewayCpu - directCpu));
        String floor = String.format(Locale.ROOT, "bare proxy (Tomcat + the gateway's HTTP client, no checks): "
                + "%.0f req/s, ratio to direct %.2f, added p50 %.2f ms, CPU %.0f us per request; the gateway reaches "
                + "%.2f of the bare proxy", bareRate, bareRate / directRate, bareAddedP50, bareCpu,
                gatewayRate / bareRate);
        lines.add(summary);
        lines.add(floor);
        lines.add("load average at end " + loadAverage());
        System.out.println(summary);
        System.out.println(floor);
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        bareProxy.stop();
        platform.close();
        stub.stop(0);
        System.exit(0);
    }

    /**
     * Goes on warming up, in 20 s slices of gateway then 5 s of direct load, until the JIT
     * compilers are done: with this many classes on 2 loaded cores, C2 still compiled for most of
     * each second minutes after the start, so the rounds measured its work rather than the
     * platform's. Done = compiling for less than a tenth of a gateway slice's wall time, or the
     * time limit. Returns a line saying how long and what the last slice compiled.
     */
    static String warmUntilCompiled(int gatewayPort, String gatewayPath, int stubPort, String directPath,
                                    int connections, int warmedSeconds, int maxSeconds) throws Exception {
        int total = warmedSeconds + Math.max(3, warmedSeconds / 3);
        double share = 1;
        while (total < maxSeconds) {
            long jitBefore = CpuUse.jitMillis();
            run("warm-up", gatewayPort, gatewayPath, connections, 20);
            share = (CpuUse.jitMillis() - jitBefore) / 20_000.0;
            run("warm-up", stubPort, directPath, connections, 5);
            total += 25;
            System.err.printf(Locale.ROOT, "bench warm-up: %d s, JIT compiling %.0f %% of the last gateway slice%n",
                    total, share * 100);
            if (share < 0.10) {
                break;
            }
        }
        return String.format(Locale.ROOT, "warm-up %d s; JIT compiled %.0f %% of the last gateway slice's wall time%s",
                total, share * 100, share < 0.10 ? "" : " (the warm-up limit, bench.warmup-max-seconds, came first)");
    }

    /**
     * The bare proxy (see the class comment): forwards the request's method, path and query to
     * the stub with the platform's {@link UpstreamClient} (its pool, breaker and deadline), no
     * headers, and relays status, Content-Type and body.
     */
    static WebServer bareProxy(int stubPort, UpstreamClient upstream) {
        String base = "http://127.0.0.1:" + stubPort;
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxThreads(200); // as the platform's (server.tomcat.threads.max above)
            }
        });
        HttpServlet forward = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                byte[] body = request.getInputStream().readAllBytes();
                String query = request.getQueryString();
                URI target = URI.create(base + request.getRequestURI() + (query == null ? "" : "?" + query));
                UpstreamClient.Answer answer = upstream.call(base, request.getMethod(), target, List.of(), body,
                        10_000, 1_000_000, false);
                response.setStatus(answer.status());
                String contentType = answer.header("Content-Type");
                if (contentType != null) {
                    response.setContentType(contentType);
                }
                response.setContentLength(answer.body().length);
                response.getOutputStream().write(answer.body());
            }
        };
        WebServer server = factory.getWebServer(context -> context.addServlet("bare-proxy", forward).addMapping("/*"));
        server.start();
        return server;
    }

    static HttpServer stub(int delayMs) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: ~40 ms per keep-alive exchange, which would cap both runs alike.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        byte[] answer = "{\"id\":42,\"code\":\"000.01.21.H26\",\"name\":\"UBND phuong Hai Duong\",\"region\":\"HD\"}"
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (delayMs > 0) {
                    try {
                        Thread.sleep(delayMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(delayMs > 0 ? 256 : 8));
        server.start();
        return server;
    }

    /** The platform's database, for H2's write counters. */
    private static javax.sql.DataSource database;

    /** N connections, each sending signed GETs back to back for the given time. */
    static Result run(String name, int port, String path, int connections, int seconds) throws Exception {
        // On stderr, so that a profiler can be attached to one phase (docs/performance.md).
        System.err.println("bench phase: " + name + " for " + seconds + " s");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        CpuUse cpuUse = CpuUse.start();
        long[] filesAtStart = BenchSupport.h2Counters(database);
        for (int c = 0; c < connections; c++) {
            int index = c;
            Thread t = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                // A server may close a keep-alive connection (Tomcat: after 100 requests); like a
                // real client, open a new one and go on.
                while (System.nanoTime() < end) {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        socket.setTcpNoDelay(true);
                        OutputStream out = socket.getOutputStream();
                        InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                        while (System.nanoTime() < end) {
                            byte[] request = request(path, port,
                                    randomNonce());
                            long t0 = System.nanoTime();
                            out.write(request);
                            out.flush();
                            int[] status = new int[1];
                            boolean open = readResponse(in, status);
                            long micros = (System.nanoTime() - t0) / 1000;
                            if (status[0] != 200) {
                                errors.incrementAndGet();
                            }
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = micros;
                            if (!open) {
                                break;
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
                latencies[index] = mine;
                counts[index] = n;
                done.countDown();
            }, "bench-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        double cpuPerRequest = cpuUse.microsPerCall(total);
        String byThread = cpuUse.byThread(total);
        long[] filesAtEnd = BenchSupport.h2Counters(database);
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(name, total, errors.get(), elapsed, percentile(all, 0.50), percentile(all, 0.99),
                cpuPerRequest, filesAtStart == null || filesAtEnd == null ? ""
                        : String.format(Locale.ROOT, "; H2 file writes %.0f/s, store versions %.0f/s",
                        (filesAtEnd[0] - filesAtStart[0]) / elapsed, (filesAtEnd[1] - filesAtStart[1]) / elapsed),
                byThread);
    }

    /** 32 random hex digits, as clients make them (`openssl rand -hex 16`, docs/examples/gateway.sh): not in any order. */
    static String randomNonce() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
    }

    static byte[] request(String path, int port, String nonce) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String canonical = GatewaySignature.canonical("GET", path, null, SYSTEM, timestamp, nonce,
                GatewaySignature.EMPTY_SHA256);
        String signature = GatewaySignature.hmacHex(SECRET, canonical);
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + GatewaySignature.SYSTEM + ": " + SYSTEM + "\r\n"
                + GatewaySignature.TIMESTAMP + ": " + timestamp + "\r\n"
                + GatewaySignature.NONCE + ": " + nonce + "\r\n"
                + GatewaySignature.CONTENT_SHA256 + ": " + GatewaySignature.EMPTY_SHA256 + "\r\n"
                + GatewaySignature.SIGNATURE + ": " + signature + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response (Content-Length or chunked) into status[0]; false when the server closes the connection. */
    static boolean readResponse(InputStream in, int[] status) throws IOException {
        String statusLine = line(in);
        if (statusLine.length() < 12) {
            throw new IOException("connection closed");
        }
        status[0] = Integer.parseInt(statusLine.substring(9, 12));
        boolean open = true;
        long length = -1;
        boolean chunked = false;
        for (String l; !(l = line(in)).isEmpty(); ) {
            if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(l.substring(15).strip());
            } else if (l.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                chunked = true;
            } else if (l.regionMatches(true, 0, "connection:", 0, 11) && l.toLowerCase(Locale.ROOT).contains("close")) {
                open = false;
            }
        }
        if (chunked) {
            for (int size; (size = Integer.parseInt(line(in).strip(), 16)) > 0; ) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            in.skipNBytes(length);
        }
        return open;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
