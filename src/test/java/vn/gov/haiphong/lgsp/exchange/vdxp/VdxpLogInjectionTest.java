package vn.gov.haiphong.lgsp.exchange.vdxp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient.Reply;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpSignature;

/** A client's control characters never reach the log as they are: no line of the log is the client's. */
@ExtendWith(OutputCaptureExtension.class)
class VdxpLogInjectionTest extends VdxpTestSupport {

    /** A line as the log writes them (the refusal quotes 40 characters of the DocId). */
    static final String FORGED = "2026-01-01T00:00:00Z ERROR forged";

    @Test
    void aSignedDocIdWithCrLfIsLoggedEscapedOnItsOwnLine(CapturedOutput output) {
        String docId = "x\u001b[2K\r\n" + FORGED;
        VdxpTestClient client = homeAffairs();
        Map<String, String> params = VdxpTestClient.params("docId", docId, "filePath", "/tmp/qlvb/inbox");
        LinkedHashMap<String, String> wire = client.signer().sign(client.logicalHeaders(params, "application/json"));
        // The parameter travels in the signed JSON (escaped there); its plain header copy, which
        // the server ignores, cannot carry a CR LF over HTTP.
        wire.remove(VdxpSignature.PREFIX + "docId");
        Reply reply = client.send("POST", "getEdoc", wire, "{}".getBytes(StandardCharsets.UTF_8), true);
        assertThat(reply.errorCode()).as(reply.text()).isEqualTo("EXC-308");

        String log = output.getOut();
        assertThat(log).contains("DocId x?[2K\\r\\n" + FORGED);
        assertThat(log.lines()).noneMatch(line -> line.startsWith(FORGED));
        assertThat(log).doesNotContain("\u001b[2K");
    }
}
