package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.security.Roles;

/** Oversized admin request bodies are refused with 413 problem+json, declared or chunked. */
class RequestSizeLimitTest extends PlatformTestSupport {

    @Value("${lgsp.limits.admin-request-body:10MB}")
    DataSize limit;

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeReading() throws Exception {
        byte[] body = new byte[(int) limit.toBytes() + 1];
        HttpResponse<String> response = TestHttp.send("POST", baseUrl() + "/api/admin/imports/hp-csv",
                credentialsWithRole(Roles.OPERATOR), "text/csv", body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("LGSP-413");
    }

    @Test
    void chunkedBodyOverTheLimitIsCutOff() throws Exception {
        byte[] body = new byte[(int) limit.toBytes() + 1024];
        HttpRequest request = TestHttp.request(baseUrl() + "/api/admin/imports/hp-csv", credentialsWithRole(Roles.OPERATOR))
                .header("Content-Type", "text/csv")
                // No length known in advance: the JDK client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response = TestHttp.send(request);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("LGSP-413");
    }
}
