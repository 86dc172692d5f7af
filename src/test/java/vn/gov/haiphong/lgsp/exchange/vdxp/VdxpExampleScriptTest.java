package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The VDXP examples (README walk-through, docs/integrators.md) work as printed: {@code docs/examples/vdxp.sh} (bash, curl, openssl)
 * sends the example package as Sở Nội vụ, and the ward's software lists, fetches and acknowledges it.
 */
class VdxpExampleScriptTest extends VdxpTestSupport {

    private static final Path SCRIPT = Path.of("docs/examples/vdxp.sh");
    private static final Path PACKAGE = Path.of("docs/examples/edoc-sonv-to-phuong-haiduong.edxml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExampleScriptSendsFetchesAndAcknowledges() throws Exception {
        assumeTrue(onPath("bash") && onPath("curl") && onPath("openssl") && onPath("od"),
                "bash, curl, openssl and od are needed to run docs/examples/vdxp.sh");

        JsonNode sent = run(HOME_AFFAIRS_SYSTEM, "sendEdoc", PACKAGE.toString(), "from=" + HOME_AFFAIRS,
                "servicetype=eDoc", "messagetype=edoc");
        assertThat(sent.path("ErrorCode").asText()).as(sent.toString()).isEqualTo("0");
        String docId = sent.path("DocId").asText();

        JsonNode listed = run(WARD_SYSTEM, "getReceivedEdocList", "servicetype=eDoc", "messagetype=edoc");
        List<String> pending = new ArrayList<>();
        listed.path("data").forEach(item -> pending.add(item.path("docId").asText()));
        assertThat(pending).contains(docId);

        JsonNode fetched = run(WARD_SYSTEM, "getEdoc", "docId=" + docId);
        assertThat(Base64.getDecoder().decode(fetched.path("data").asText())).isEqualTo(Files.readAllBytes(PACKAGE));
        assertThat(run(WARD_SYSTEM, "updateStatus", "docid=" + docId, "status=done").path("ErrorCode").asText())
                .isEqualTo("0");

        JsonNode sentList = run(HOME_AFFAIRS_SYSTEM, "getSentEdocList", "servicetype=eDoc", "messagetype=edoc",
                "docId=" + docId);
        assertThat(sentList.path("data").get(0).path("toCode").asText()).isEqualTo(WARD);
        assertThat(sentList.path("data").get(0).path("sendStatus").asText()).isEqualTo("done");
    }

    private JsonNode run(String systemId, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LGSP_URL", baseUrl());
        builder.environment().put("VDXP_SYSTEM", systemId);
        builder.environment().put("VDXP_SECRET", secretOf(systemId));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return JSON.readTree(output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
