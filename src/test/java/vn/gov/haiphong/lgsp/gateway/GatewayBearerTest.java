package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.gateway.mediation.GatewayRefusals;
import vn.gov.haiphong.lgsp.security.sso.SigningKeys;
import vn.gov.haiphong.lgsp.security.sso.TestTokens;

/**
 * The gateway's second authentication: a connected system's client-credentials token from the
 * platform's SSO, over real HTTP (token endpoint, then {@code /gw/r1} and {@code /gw/soap}).
 */
class GatewayBearerTest extends GatewayTestSupport {

    private static final String PATH = "/gw/r1/bearer.echo/items?page=2";

    @Autowired
    SigningKeys signingKeys;

    @BeforeEach
    void service() {
        ensureEchoService("bearer.echo", "Echo (bearer)", "/bearer");
    }

    /** A client-credentials token from the embedded SSO, as a system gets one. */
    private String clientCredentialsToken(String[] system) {
        HttpResponse<String> response = TestHttp.send("POST", baseUrl() + "/oauth2/token", system,
                "application/x-www-form-urlencoded", "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body()).path("access_token").asText();
    }

    private HttpResponse<byte[]> call(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            return TestHttp.CLIENT_FOR_BYTES.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> withToken(String method, String path, String token, String body) {
        return call(method, path, body == null ? Map.of("Authorization", "Bearer " + token)
                : Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), body);
    }

    @Test
    void aClientCredentialsTokenPassesTheGatewayAsItsSystem() {
        String token = clientCredentialsToken(SONV);
        int hits = STUB.hits.get();

        HttpResponse<byte[]> response = withToken("POST", PATH, token, "{\"a\":1}");

        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(STUB.hits.get()).isEqualTo(hits + 1);
        JsonNode seen = body(response);
        assertThat(seen.path("path").asText()).isEqualTo("/bearer/items");
        assertThat(seen.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(seen.path("headers").path("x-lgsp-client").get(0).asText()).isEqualTo(SONV[0]);
        assertThat(seen.path("headers").has("authorization")).as("the token never reaches the provider").isFalse();
        assertThat(response.headers().firstValue("X-LGSP-Request-Hash")).isPresent();
    }

    @Test
    void aTokenGrantsOnlyWhatItsSystemWasGranted() {
        // hd.phuonghaiduong.qlvb holds a valid token but no grant for this service.
        assertRefused(withToken("GET", PATH, clientCredentialsToken(PHUONG_HD), null), 403, "GW-202");
    }

    @Test
    void expiredForeignForgedAndMalformedTokensAreRefusedWithTheirOwnCodes() throws Exception {
        int hits = STUB.hits.get();
        RSAKey platformKey = TestTokens.platformKey(signingKeys);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(signingKeys.activeKid()).generate();

        HttpResponse<byte[]> expired = withToken("GET", PATH,
                TestTokens.systemToken(platformKey, baseUrl(), SONV[0], Instant.now().minusSeconds(600)), null);
        assertRefused(expired, 401, "SSO-101");
        assertThat(expired.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        assertRefused(withToken("GET", PATH, TestTokens.systemToken(stranger, "https://sso.evil.example", SONV[0],
                Instant.now().plusSeconds(300)), null), 401, "SSO-102");
        assertRefused(withToken("GET", PATH, TestTokens.systemToken(stranger, baseUrl(), SONV[0],
                Instant.now().plusSeconds(300)), null), 401, "SSO-103");
        assertRefused(withToken("GET", PATH, "not-a-jwt", null), 401, "SSO-104");
        assertRefused(withToken("GET", PATH, TestTokens.systemToken(platformKey, baseUrl(), "hp.khong-co",
                Instant.now().plusSeconds(300)), null), 401, "SSO-105");
        assertThat(STUB.hits.get()).as("no refused call reaches the provider").isEqualTo(hits);
    }

    @Test
    void oneMechanismAtATime() throws Exception {
        String token = clientCredentialsToken(SONV);
        // Basic is not a gateway mechanism: alone, it is no credential at all.
        assertRefused(call("GET", PATH, Map.of("Authorization", "Basic aHAuc29udi5xbHZiOng="), null), 401, "GW-101");
        // Two Authorization headers, one of them a good token: refused, not guessed.
        HttpRequest twoHeaders = HttpRequest.newBuilder(URI.create(baseUrl() + PATH))
                .header("Authorization", "Bearer " + token).header("Authorization", "Basic aHAuc29udi5xbHZiOng=")
                .build();
        HttpResponse<byte[]> refused = TestHttp.CLIENT_FOR_BYTES.send(twoHeaders,
                HttpResponse.BodyHandlers.ofByteArray());
        assertRefused(refused, 401, "GW-101");
        // A valid HMAC signature and a valid token together: refused, not guessed.
        Map<String, String> signed = client(SONV).sign(GatewayClient.call(PATH), URI.create(baseUrl() + PATH));
        Map<String, String> both = new java.util.LinkedHashMap<>(signed);
        both.put("Authorization", "Bearer " + token);
        assertRefused(call("GET", PATH, both, null), 401, "GW-101");
        // Refused before the HMAC check: its nonce was not spent, so the same signed call alone goes through.
        assertThat(call("GET", PATH, signed, null).statusCode()).isEqualTo(200);
        // Nothing at all.
        assertRefused(call("GET", PATH, Map.of(), null), 401, "GW-101");
    }

    @Test
    void aBadTokenOnTheSoapGatewayIsASoapFault() {
        HttpResponse<byte[]> fault = call("POST", "/gw/soap/soap.donvi", Map.of("Authorization", "Bearer not-a-jwt",
                "Content-Type", "text/xml; charset=utf-8"), GatewaySoapMediationTest.SOAP11.formatted("000.01.21.H26"));
        // SOAP 1.1 carries every fault with HTTP 500; the refusal's own status rides in a header.
        assertThat(fault.statusCode()).isEqualTo(500);
        assertThat(text(fault)).contains("Fault").contains("SSO-104");
        assertThat(fault.headers().firstValue(GatewayRefusals.ERROR_STATUS)).hasValue("401");
    }
}
