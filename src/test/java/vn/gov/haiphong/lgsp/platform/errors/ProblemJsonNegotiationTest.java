package vn.gov.haiphong.lgsp.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;

/**
 * A refusal is problem+json with its own status whatever the client said it accepts: a browser
 * (Accept: text/html) asking the admin API for something missing gets 404 REG-102, not a 500.
 */
class ProblemJsonNegotiationTest extends PlatformTestSupport {

    private HttpResponse<String> get(String path, String accept) {
        return TestHttp.send(TestHttp.request(baseUrl() + path, credentialsWithRole("OPERATOR"))
                .header("Accept", accept).GET().build());
    }

    @Test
    void aRefusalIsProblemJsonEvenForABrowser() {
        for (String accept : new String[] {"text/html", "text/html,application/xhtml+xml;q=0.9", "image/png"}) {
            HttpResponse<String> missing = get("/api/admin/agencies/999.99.99.H27", accept);
            assertThat(missing.statusCode()).as(accept + ": " + missing.body()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
            assertThat(missing.body()).contains("\"code\":\"REG-102\"").doesNotContain("Exception");
        }
    }

    @Test
    void anAnswerTheClientCannotAcceptIs406NotA500() {
        HttpResponse<String> answer = get("/api/admin/agencies", "image/png");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(406);
        assertThat(answer.body()).contains("\"code\":\"LGSP-406\"").contains("application/json")
                .doesNotContain("Exception");
    }
}
