package vn.gov.haiphong.lgsp.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real REST provider for gateway tests (JDK HttpServer on a free port). Under its base path
 * it echoes what it received as JSON; a few paths misbehave on purpose:
 * {@code /slow?ms=}, {@code /status/{code}}, {@code /redirect}, {@code /big?bytes=},
 * {@code /hop} (hop-by-hop and cookie headers), {@code /flaky} (fails while {@link #failing} is set).
 */
public final class StubProvider implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String name;
    public final AtomicInteger hits = new AtomicInteger();
    public final AtomicBoolean failing = new AtomicBoolean();
    public volatile Map<String, Object> last;

    public StubProvider(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("provider", name);
            seen.put("method", exchange.getRequestMethod());
            seen.put("path", path);
            seen.put("query", query);
            seen.put("body", new String(body, StandardCharsets.UTF_8));
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            seen.put("headers", headers);
            last = seen;
            if (path.endsWith("/slow")) {
                long ms = Long.parseLong(query.replace("ms=", ""));
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (path.contains("/status/")) {
                int status = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                send(exchange, status, "{\"status\":" + status + "}");
                return;
            } else if (path.endsWith("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                exchange.sendResponseHeaders(302, -1);
                return;
            } else if (path.endsWith("/big")) {
                int bytes = Integer.parseInt(query.replace("bytes=", ""));
                exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(new byte[bytes]);
                }
                return;
            } else if (path.endsWith("/hop")) {
                exchange.getResponseHeaders().add("Set-Cookie", "session=provider-secret");
                exchange.getResponseHeaders().add("Connection", "X-Provider-Private");
                exchange.getResponseHeaders().add("X-Provider-Private", "hop");
                exchange.getResponseHeaders().add("X-LGSP-Request-Hash", "forged");
                exchange.getResponseHeaders().add("X-Provider-Public", "kept");
            } else if (path.endsWith("/flaky") && failing.get()) {
                send(exchange, 503, "{\"down\":true}");
                return;
            }
            send(exchange, 200, JSON.writeValueAsString(seen));
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
