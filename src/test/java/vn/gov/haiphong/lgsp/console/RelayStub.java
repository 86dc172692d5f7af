package vn.gov.haiphong.lgsp.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A VDXP server on a free port standing for a relay target of the console tests: it refuses
 * every sendEdoc with a VDXP FAIL (a permanent refusal: the delivery is dead-lettered at once)
 * until told to accept, then answers OK. It checks nothing: the exchange's own tests check the
 * relay's signatures and bytes.
 */
final class RelayStub implements AutoCloseable {

    static final String REFUSAL = "Unknown recipient on the old platform";

    private final HttpServer server;
    private final AtomicBoolean accept = new AtomicBoolean(false);

    RelayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/vdxp/sendEdoc", this::sendEdoc);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/vdxp";
    }

    void accept(boolean yes) {
        accept.set(yes);
    }

    private void sendEdoc(HttpExchange http) throws IOException {
        http.getRequestBody().readAllBytes();
        String body = accept.get()
                ? "{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"DocId\":\"remote-" + UUID.randomUUID() + "\"}"
                : "{\"status\":\"FAIL\",\"ErrorCode\":\"E42\",\"ErrorDesc\":\"" + REFUSAL + "\",\"DocId\":\"\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        http.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
