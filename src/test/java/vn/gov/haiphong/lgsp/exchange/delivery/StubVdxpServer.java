package vn.gov.haiphong.lgsp.exchange.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpHashFile;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpRequest;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpSignature;

/**
 * Another VDXP server on a free port (the old Hải Dương LGSP, the national axis, or an agency
 * system taking pushes): checks each sendEdoc as a VDXP server must (HMAC over the received
 * signed header, hash-file over the body without its CR LF) and answers in the VDXP envelope.
 * Its behaviour can be switched: accept, refuse (FAIL), or fail like a broken server (HTTP 503);
 * and it can hold accepted requests unanswered, to see how many a sender keeps in flight.
 */
final class StubVdxpServer implements AutoCloseable {

    enum Mode { ACCEPT, REFUSE, UNAVAILABLE }

    /** One sendEdoc that passed the checks. */
    record Received(String systemId, Map<String, String> parameters, byte[] pkg, String deliveryKey, String docId) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(); // held requests must not block others
    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> rejectedSignatures = new CopyOnWriteArrayList<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ACCEPT);
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    StubVdxpServer(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/vdxp/sendEdoc", this::sendEdoc);
        server.setExecutor(executor);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/vdxp";
    }

    void mode(Mode next) {
        mode.set(next);
    }

    /** From now on requests wait, unanswered, until {@link #release()} (30 s at most). */
    void hold() {
        hold.set(new CountDownLatch(1));
    }

    void release() {
        CountDownLatch gate = hold.getAndSet(null);
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Requests received and not yet answered. */
    int inFlight() {
        return inFlight.get();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> rejectedSignatures() {
        return List.copyOf(rejectedSignatures);
    }

    private void sendEdoc(HttpExchange http) throws IOException {
        inFlight.incrementAndGet();
        try {
            CountDownLatch gate = hold.get();
            if (gate != null) {
                gate.await(30, TimeUnit.SECONDS);
            }
            answer(http);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(http, 503, "stopping", "text/plain");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange http) throws IOException {
        byte[] body = http.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        http.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        switch (mode.get()) {
            case UNAVAILABLE -> {
                reply(http, 503, "<html><body>Service Unavailable</body></html>", "text/html");
                return;
            }
            case REFUSE -> {
                reply(http, 200, "{\"status\":\"FAIL\",\"ErrorCode\":\"E42\",\"ErrorDesc\":\"Unknown recipient here\","
                        + "\"DocId\":\"\"}", "application/json");
                return;
            }
            default -> {
            }
        }
        VdxpRequest request;
        try {
            request = VdxpSignature.verify(headers, secret);
        } catch (RuntimeException e) {
            rejectedSignatures.add(e.getMessage());
            reply(http, 200, "{\"status\":\"FAIL\",\"ErrorCode\":\"401\",\"ErrorDesc\":\"bad signature\",\"DocId\":\"\"}",
                    "application/json");
            return;
        }
        byte[] pkg = VdxpHashFile.matches(request.parameter("hash-file").orElse(""), body).orElse(null);
        if (pkg == null) {
            reply(http, 200, "{\"status\":\"FAIL\",\"ErrorCode\":\"402\",\"ErrorDesc\":\"hash-file\",\"DocId\":\"\"}",
                    "application/json");
            return;
        }
        String docId = "remote-" + UUID.randomUUID();
        received.add(new Received(request.systemId(), request.parameters(), pkg, headers.get("X-LGSP-Delivery-Key"),
                docId));
        reply(http, 200, "{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"DocId\":\"" + docId + "\"}",
                "application/json");
    }

    private static void reply(HttpExchange http, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", type);
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
