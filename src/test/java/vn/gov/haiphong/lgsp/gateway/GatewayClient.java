package vn.gov.haiphong.lgsp.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.gov.haiphong.lgsp.platform.Sha256;
import vn.gov.haiphong.lgsp.security.gateway.GatewaySignature;

/**
 * A gateway client as an integrator would write one: signs each request with the HMAC scheme of
 * docs/integrators.md (real HTTP, JDK client, no redirects). Knobs let tests break one part at a time.
 */
public final class GatewayClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final String systemId;
    private final String secret;

    public GatewayClient(String baseUrl, String systemId, String secret) {
        this.baseUrl = baseUrl;
        this.systemId = systemId;
        this.secret = secret;
    }

    /** One request; every part may be overridden to produce a broken signature. */
    public static final class Call {
        String method = "GET";
        String pathAndQuery;
        byte[] body = new byte[0];
        String contentType;
        Long timestamp;
        String nonce;
        byte[] signedBody;
        String signedPath;
        String secret;
        String signedSystem;
        boolean sign = true;
        final Map<String, String> headers = new LinkedHashMap<>();

        public Call method(String m) {
            method = m;
            return this;
        }

        public Call body(String contentType, byte[] body) {
            this.contentType = contentType;
            this.body = body;
            return this;
        }

        public Call body(String contentType, String body) {
            return body(contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        public Call timestamp(long epochSeconds) {
            timestamp = epochSeconds;
            return this;
        }

        public Call nonce(String n) {
            nonce = n;
            return this;
        }

        public Call signedBody(byte[] b) {
            signedBody = b;
            return this;
        }

        public Call signedPath(String p) {
            signedPath = p;
            return this;
        }

        public Call secret(String s) {
            secret = s;
            return this;
        }

        public Call signedSystem(String s) {
            signedSystem = s;
            return this;
        }

        public Call unsigned() {
            sign = false;
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    public static Call call(String pathAndQuery) {
        Call c = new Call();
        c.pathAndQuery = pathAndQuery;
        return c;
    }

    public static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public HttpResponse<byte[]> send(Call c) {
        return send(c, HttpResponse.BodyHandlers.ofByteArray());
    }

    public <T> HttpResponse<T> send(Call c, HttpResponse.BodyHandler<T> bodyHandler) {
        URI uri = URI.create(baseUrl + c.pathAndQuery);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(c.method, c.body.length == 0 && !"POST".equals(c.method) && !"PUT".equals(c.method)
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body));
        if (c.contentType != null) {
            builder.header("Content-Type", c.contentType);
        }
        if (c.sign) {
            sign(c, uri).forEach(builder::header);
        }
        c.headers.forEach(builder::header);
        try {
            return HTTP.send(builder.build(), bodyHandler);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The five gateway headers for this call. */
    public Map<String, String> sign(Call c, URI uri) {
        return sign(c, uri.getRawPath(), uri.getRawQuery());
    }

    /** The five gateway headers for a request target given raw (paths no URI class would accept). */
    public Map<String, String> sign(Call c, String rawPath, String rawQuery) {
        String timestamp = Long.toString(c.timestamp != null ? c.timestamp : Instant.now().getEpochSecond());
        String nonce = c.nonce != null ? c.nonce : newNonce();
        String bodyHash = Sha256.hex(c.signedBody != null ? c.signedBody : c.body);
        String system = c.signedSystem != null ? c.signedSystem : systemId;
        String canonical = GatewaySignature.canonical(c.method, c.signedPath != null ? c.signedPath : rawPath,
                rawQuery, system, timestamp, nonce, bodyHash);
        String signature = GatewaySignature.hmacHex((c.secret != null ? c.secret : secret).getBytes(StandardCharsets.UTF_8),
                canonical);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(GatewaySignature.SYSTEM, systemId);
        headers.put(GatewaySignature.TIMESTAMP, timestamp);
        headers.put(GatewaySignature.NONCE, nonce);
        headers.put(GatewaySignature.CONTENT_SHA256, bodyHash);
        headers.put(GatewaySignature.SIGNATURE, signature);
        return headers;
    }

    public HttpResponse<byte[]> get(String pathAndQuery) {
        return send(call(pathAndQuery));
    }

    public String systemId() {
        return systemId;
    }
}
