package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.security.gateway.NonceStore;

/** The HMAC-with-freshness scheme: good, stale, replayed, tampered, wrong key, unknown, incomplete. */
class GatewayHmacTest extends GatewayTestSupport {

    private static final String PATH = "/gw/r1/hmac.echo/items?page=1";

    @Autowired
    NonceStore nonces;

    @BeforeEach
    void service() {
        ensureEchoService("hmac.echo", "Echo", "/hmac");
    }

    private HttpResponse<byte[]> send(GatewayClient.Call call) {
        return client(SONV).send(call);
    }

    @Test
    void aGoodSignatureIsAccepted() {
        HttpResponse<byte[]> response = send(GatewayClient.call(PATH).method("POST").body("application/json", "{\"a\":1}"));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        assertThat(body(response).path("body").asText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aStaleOrFutureTimestampIsRefused() {
        long now = Instant.now().getEpochSecond();
        assertRefused(send(GatewayClient.call(PATH).timestamp(now - 301)), 401, "GW-103");
        assertRefused(send(GatewayClient.call(PATH).timestamp(now + 400)), 401, "GW-103");
        assertThat(send(GatewayClient.call(PATH).timestamp(now - 200)).statusCode()).isEqualTo(200);
    }

    @Test
    void aReplayedNonceIsRefusedEvenWithAFreshSignature() {
        String nonce = GatewayClient.newNonce();
        assertThat(send(GatewayClient.call(PATH).nonce(nonce)).statusCode()).isEqualTo(200);
        assertRefused(send(GatewayClient.call(PATH).nonce(nonce)), 401, "GW-104");
        // Another system may use the same nonce: nonces are per system.
        grant("hmac.echo", "SYSTEM", PHUONG_HD[0], null, null);
        assertThat(client(PHUONG_HD).send(GatewayClient.call(PATH).nonce(nonce)).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedBodyIsRefusedBeforeTheProviderSeesIt() {
        int hits = STUB.hits.get();
        HttpResponse<byte[]> response = send(GatewayClient.call(PATH).method("POST")
                .body("application/json", "{\"amount\":1000000}")
                .signedBody("{\"amount\":1}".getBytes(StandardCharsets.UTF_8)));
        assertRefused(response, 401, "GW-106");
        assertThat(STUB.hits.get()).isEqualTo(hits);
    }

    @Test
    void aTamperedPathOrAnotherSystemsNameIsRefused() {
        assertRefused(send(GatewayClient.call(PATH).signedPath("/gw/r1/hmac.echo/other")), 401, "GW-105");
        assertRefused(send(GatewayClient.call(PATH).signedSystem(PHUONG_HD[0])), 401, "GW-105");
    }

    @Test
    void aWrongKeyIsRefused() {
        assertRefused(send(GatewayClient.call(PATH).secret("not-the-secret-of-this-system")), 401, "GW-105");
        assertRefused(send(GatewayClient.call(PATH).secret(PHUONG_HD[1])), 401, "GW-105");
    }

    @Test
    void unknownSystemsMissingAndMalformedHeadersAreRefused() {
        assertRefused(new GatewayClient(baseUrl(), "no.such.system", "whatever-secret-123").get(PATH), 401, "GW-102");
        assertRefused(send(GatewayClient.call(PATH).unsigned()), 401, "GW-101");
        assertRefused(send(GatewayClient.call(PATH).nonce("short")), 401, "GW-101");
        assertRefused(send(GatewayClient.call(PATH).unsigned().header("X-LGSP-Signature", "00")), 401, "GW-101");
        // Operator logins do not open the gateway.
        HttpResponse<String> operator = vn.gov.haiphong.lgsp.TestHttp.get(baseUrl() + PATH, operator());
        assertThat(operator.statusCode()).isEqualTo(401);
        assertThat(read(operator.body()).path("code").asText()).isEqualTo("GW-101");
    }

    @Test
    void noncesOutsideTheWindowArePurged() {
        Instant past = Instant.now().minusSeconds(3600);
        assertThat(nonces.claim("hp.sonv.qlvb", "purge-me-0123456789", past)).isTrue();
        assertThat(nonces.claim("hp.sonv.qlvb", "purge-me-0123456789", past)).isFalse();
        assertThat(nonces.purge()).isGreaterThanOrEqualTo(1);
        // The platform's embedded H2 has one user: the nonces are decided in memory and journaled.
        assertThat(nonces.mode()).isEqualTo(NonceStore.Mode.LOCAL);
        assertThat(nonces.journalDirectory()).isDirectory();
        // Purged from memory too: the nonce may be used again (its old timestamp is what refuses a replay now).
        assertThat(nonces.claim("hp.sonv.qlvb", "purge-me-0123456789", Instant.now().plusSeconds(60))).isTrue();
    }
}
