package vn.gov.haiphong.lgsp.gateway.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** No path or query a client adds can take the gateway outside the registered base URL. */
class GatewayPathsTest {

    static final String BASE = "http://10.0.0.5:8080/api";

    @Test
    void ordinaryPathsAndQueriesAreAppendedToTheBase() {
        assertThat(GatewayPaths.upstream(BASE, "/units/000.01.21.H26", "code=a%20b&x=1").toString())
                .isEqualTo("http://10.0.0.5:8080/api/units/000.01.21.H26?code=a%20b&x=1");
        assertThat(GatewayPaths.upstream(BASE, "", null).toString()).isEqualTo(BASE);
        assertThat(GatewayPaths.upstream("http://h", "/x", null).toString()).isEqualTo("http://h/x");
        assertThat(GatewayPaths.upstream(BASE, "/a/b.json", null).getRawPath()).isEqualTo("/api/a/b.json");
    }

    @Test
    void trickPathsAreRefused() {
        for (String path : new String[] {"/../admin", "/a/../../b", "/.", "/a/./b", "/%2e%2e/x", "/%2E%2E/x", "/a%2Fb",
                "/a%2fb", "/a%5Cb", "/a\\b", "//evil.example/x", "/x;param", "/%00", "/a b", "/%252e%252e",
                "relative", "@evil/x", "/é"}) {
            assertThatThrownBy(() -> GatewayPaths.upstream(BASE, path, null)).as(path)
                    .isInstanceOf(GatewayFailure.class).hasMessageStartingWith("Path refused");
        }
    }

    @Test
    void trickQueriesAreRefusedOrStayQueries() {
        assertThatThrownBy(() -> GatewayPaths.upstream(BASE, "/x", "a=1#frag")).isInstanceOf(GatewayFailure.class);
        assertThatThrownBy(() -> GatewayPaths.upstream(BASE, "/x", "a=\n")).isInstanceOf(GatewayFailure.class);
        // An absolute URL in a query is only a query value: the authority does not change.
        assertThat(GatewayPaths.upstream(BASE, "/x", "next=http://evil.example/").getHost()).isEqualTo("10.0.0.5");
    }
}
