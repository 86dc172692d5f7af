package vn.gov.haiphong.lgsp.exchange.vdxp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpClientSigner;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpHashFile;

/**
 * A VDXP client that puts requests on the wire as the national axis SDK does (VDXP.md §1–4):
 * signed logical headers built by {@link VdxpClientSigner}, a timestamp fixed when the client is
 * created, bodies per operation ({@code sendEdoc}: package + CR LF as octet-stream; empty or
 * {@code {}} otherwise) and {@code Expect: 100-continue} on the non-empty bodies HttpClient sends.
 */
public final class VdxpTestClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, raw body and the body as JSON (null when it is not JSON). */
    public record Reply(int status, byte[] body, JsonNode json) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String errorCode() {
            return json.path("ErrorCode").asText();
        }

        public boolean ok() {
            return "OK".equals(json.path("status").asText()) && "0".equals(errorCode());
        }
    }

    private final String endpoint;
    private final String systemId;
    private final VdxpClientSigner signer;
    private final String timestamp = VdxpClientSigner.timestamp(LocalDateTime.now());

    public VdxpTestClient(String endpoint, String systemId, String secret) {
        this.endpoint = endpoint;
        this.systemId = systemId;
        this.signer = new VdxpClientSigner(secret);
    }

    // --- operations as the SDK sends them -----------------------------------------------------

    public Reply sendEdoc(byte[] pkg, Map<String, String> params) {
        byte[] body = Arrays.copyOf(pkg, pkg.length + 2);
        body[pkg.length] = '\r';
        body[pkg.length + 1] = '\n';
        Map<String, String> all = new LinkedHashMap<>(params);
        all.putIfAbsent("hash-file", VdxpHashFile.compute(pkg));
        return call("POST", "sendEdoc", all, "application/octet-stream", body, false);
    }

    public Reply sendEdoc(byte[] pkg, String from, String messageType) {
        return sendEdoc(pkg, params("from", from, "servicetype", "eDoc", "messagetype", messageType));
    }

    public Reply receivedList(String messageType) {
        return call("POST", "getReceivedEdocList", params("servicetype", "eDoc", "messagetype", messageType),
                "application/json", new byte[0], false);
    }

    public Reply sentList(String messageType, String docId) {
        Map<String, String> params = params("servicetype", "eDoc", "messagetype", messageType);
        if (docId != null) {
            params.put("docId", docId);
        }
        return call("POST", "getSentEdocList", params, "application/json", new byte[0], false);
    }

    public Reply getEdoc(String docId) {
        return call("POST", "getEdoc", params("docId", docId, "filePath", "/tmp/qlvb/inbox"), "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), true);
    }

    public Reply downloadEdoc(String docId) {
        return call("GET", "downloadEdoc", params("docId", docId, "filePath", "/tmp/qlvb/inbox"), "application/json",
                null, false);
    }

    public Reply updateStatus(String docId, String status) {
        return call("POST", "updateStatus", params("docid", docId, "status", status), "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), true);
    }

    public Reply count(String operation, String messageType) {
        return call("POST", operation, params("servicetype", "eDoc", "messagetype", messageType), "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), true);
    }

    public Reply agencies(String operation) {
        return call("POST", operation, new LinkedHashMap<>(), "application/json", new byte[0], false);
    }

    // --- the wire -----------------------------------------------------------------------------

    public static Map<String, String> params(String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    /** The SDK's logical headers for a call: systemid, the caller's keys, timestamp, Content-Type. */
    public LinkedHashMap<String, String> logicalHeaders(Map<String, String> params, String contentType) {
        LinkedHashMap<String, String> logical = new LinkedHashMap<>();
        logical.put("systemid", systemId);
        logical.putAll(params);
        logical.put("timestamp", timestamp);
        logical.put("Content-Type", contentType);
        return logical;
    }

    public Reply call(String method, String operation, Map<String, String> params, String contentType, byte[] body,
               boolean expectContinue) {
        return send(method, operation, signer.sign(logicalHeaders(params, contentType)), body, expectContinue);
    }

    /** Sends these wire headers as they are (tests tamper with them). */
    public Reply send(String method, String operation, Map<String, String> wireHeaders, byte[] body, boolean expectContinue) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + "/" + operation))
                .timeout(Duration.ofSeconds(60)).expectContinue(expectContinue);
        wireHeaders.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    public VdxpClientSigner signer() {
        return signer;
    }

    public String systemId() {
        return systemId;
    }
}
