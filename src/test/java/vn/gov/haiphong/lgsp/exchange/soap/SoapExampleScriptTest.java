package vn.gov.haiphong.lgsp.exchange.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures;
import vn.gov.haiphong.lgsp.exchange.soap.api.DeliveryStatus;
import vn.gov.haiphong.lgsp.exchange.soap.api.ListSent;
import vn.gov.haiphong.lgsp.exchange.soap.api.MessageType;
import vn.gov.haiphong.lgsp.exchange.soap.api.SendDocument;

/**
 * The SOAP examples (README walk-through, docs/integrators.md) work as printed: {@code docs/examples/soap.sh} (bash, curl, openssl)
 * signs as the demo ward with its dev key, receives, fetches and acknowledges a document, and
 * sends the example package to Sở Nội vụ.
 */
class SoapExampleScriptTest extends SoapTestSupport {

    private static final Path SCRIPT = Path.of("docs/examples/soap.sh");
    private static final Path PACKAGE = Path.of("docs/examples/edoc-phuong-haiduong-to-sonv.edxml");
    private static final Pattern DOC_ID = Pattern.compile("<(?:\\w+:)?docId>([^<]+)</");

    @Test
    void theExampleScriptReceivesFetchesAcknowledgesAndSends() throws Exception {
        assumeTrue(onPath("bash") && onPath("curl") && onPath("openssl") && onPath("base64"),
                "bash, curl, openssl and base64 are needed to run docs/examples/soap.sh");
        byte[] pkg = EdxmlFixtures.document(SENDER_AGENCY, EdxmlFixtures.newDocumentId(SENDER_AGENCY, "TEST-SCRIPT"), WARD);
        String docId = client(sender()).sendDocument(new SendDocument(MessageType.EDOC, attachment(pkg))).getDocId();

        Run listed = run("listReceived", "edoc");
        assertThat(listed.exit()).as(listed.output()).isZero();
        assertThat(docIds(listed.output())).contains(docId);
        assertThat(run("countReceived", "edoc").output()).containsPattern("<(\\w+:)?count>[1-9]\\d*<");

        Run fetched = run("getDocument", docId);
        assertThat(fetched.exit()).isZero();
        assertThat(fetched.bytes()).isEqualTo(pkg);

        Run acknowledged = run("acknowledge", docId, "done");
        assertThat(acknowledged.output()).as(acknowledged.output()).contains(">done<");
        assertThat(client(sender()).listSent(new ListSent(MessageType.EDOC, docId)).getItems().get(0).getSendStatus())
                .isEqualTo(DeliveryStatus.DONE);

        Run sent = run("sendDocument", PACKAGE.toString(), "edoc");
        assertThat(sent.exit()).as(sent.output()).isZero();
        assertThat(docIds(sent.output())).hasSize(1);

        // A refusal is the fault, and a non-zero exit.
        Run refused = run("getDocument", "no-such-document");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("code=\"EXC-308\"");
    }

    private record Run(int exit, byte[] bytes) {
        String output() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("LGSP_URL", baseUrl());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static List<String> docIds(String xml) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = DOC_ID.matcher(xml);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
