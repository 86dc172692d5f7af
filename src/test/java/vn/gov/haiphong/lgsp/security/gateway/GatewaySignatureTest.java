package vn.gov.haiphong.lgsp.security.gateway;

import vn.gov.haiphong.lgsp.platform.Sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The worked example of the gateway HMAC scheme in docs/integrators.md, in Java and with docs/examples/gateway.sh (openssl). */
class GatewaySignatureTest {

    static final String CANONICAL = "LGSP-HMAC-SHA256\nGET\n/gw/r1/dvhc.tra-cuu/units/000.01.21.H26\n\nhp.sonv.qlvb\n"
            + "1764151200\n4f1c2a9e7b3d4c5e8a6f0b1d2e3c4a5b\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String SIGNATURE = "07e2eb59235f09c9a50e489a1c169798a4e50b97e8fd0bae30a413e447a899a9";

    @Test
    void theWorkedExampleOfTheIntegratorsGuide() throws Exception {
        String canonical = GatewaySignature.canonical("GET", "/gw/r1/dvhc.tra-cuu/units/000.01.21.H26", null,
                "hp.sonv.qlvb", "1764151200", "4f1c2a9e7b3d4c5e8a6f0b1d2e3c4a5b", Sha256.hex(new byte[0]));
        assertThat(canonical).isEqualTo(CANONICAL);
        assertThat(GatewaySignature.hmacHex("hp-sonv-dev-secret-2025".getBytes(StandardCharsets.UTF_8), canonical))
                .isEqualTo(SIGNATURE);
        String guide = Files.readString(Path.of("docs/integrators.md"));
        assertThat(guide).contains(SIGNATURE).contains(CANONICAL.replace("\n", "\\n"));
    }

    @Test
    void theExampleScriptSignsTheSameWayWithOpenssl() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "docs/examples/gateway.sh", "POST",
                "/gw/r1/svc/items?b=2&a=1", "pom.xml");
        pb.environment().put("GW_DRY_RUN", "1");
        pb.environment().put("GW_TIMESTAMP", "1764151200");
        pb.environment().put("GW_NONCE", "4f1c2a9e7b3d4c5e8a6f0b1d2e3c4a5b");
        Process dry = pb.redirectErrorStream(true).start();
        assertThat(dry.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(dry.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String bodyHash = Sha256.hex(Files.readAllBytes(Path.of("pom.xml")));
        String canonical = GatewaySignature.canonical("POST", "/gw/r1/svc/items", "b=2&a=1", "hp.sonv.qlvb",
                "1764151200", "4f1c2a9e7b3d4c5e8a6f0b1d2e3c4a5b", bodyHash);
        assertThat(out).startsWith(canonical + "\n----\n");
        assertThat(out).contains("X-LGSP-Signature: "
                + GatewaySignature.hmacHex("hp-sonv-dev-secret-2025".getBytes(StandardCharsets.UTF_8), canonical));
        assertThat(out).contains("X-LGSP-Content-SHA256: " + bodyHash);
    }

    @Test
    void hexComparisonIsCaseInsensitiveAndRefusesNulls() {
        assertThat(GatewaySignature.hexEquals(SIGNATURE, SIGNATURE.toUpperCase())).isTrue();
        assertThat(GatewaySignature.hexEquals(SIGNATURE, SIGNATURE.substring(1) + "0")).isFalse();
        assertThat(GatewaySignature.hexEquals(SIGNATURE, null)).isFalse();
        assertThat(GatewaySignature.EMPTY_SHA256).isEqualTo(Sha256.hex(new byte[0]));
    }
}
