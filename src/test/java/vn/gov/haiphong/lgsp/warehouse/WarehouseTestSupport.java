package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;

/**
 * Helpers for warehouse tests over real HTTP, as the demo connected systems of
 * {@code etc/dev/dev-secrets.yml}. Adds no Spring configuration (shared context). Rows written
 * by tests have keys starting with {@code T-}, one prefix per test class.
 */
abstract class WarehouseTestSupport extends PlatformTestSupport {

    /** Owner (Sở Nội vụ) of administrative-units and agency-directory; WRITE grant on document-types. */
    static final String[] SONV = {"hp.sonv.qlvb", "hp-sonv-dev-secret-2025"};
    /** UBND phường Hải Dương: READ on administrative-units and document-types. */
    static final String[] PHUONG_HD = {"hd.phuonghaiduong.qlvb", "hd-phuonghd-dev-secret-2025"};
    /** Old Hải Dương LGSP: READ (by system id) on administrative-units and agency-directory. */
    static final String[] LGSP_CU = {"hd.lgsp-cu", "hd-lgsp-cu-dev-secret-2025"};
    /** No grant anywhere. */
    static final String[] HONGBANG = {"hp.hongbang.vpub", "hp-hongbang-dev-secret-2025"};

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected KafkaProperties kafka;
    @Autowired
    private OpenDataRateLimiter openDataLimiter;

    /** A full open data bucket for this machine's loopback addresses, which every test calls from. */
    protected void refillLoopbackBuckets() {
        for (String address : List.of("127.0.0.1", "0:0:0:0:0:0:0:1")) {
            openDataLimiter.forget(address);
        }
    }

    protected HttpResponse<String> get(String path, String[] credentials) {
        return TestHttp.get(baseUrl() + path, credentials);
    }

    protected HttpResponse<String> post(String path, String[] credentials, Object body) {
        try {
            return TestHttp.send("POST", baseUrl() + path, credentials, "application/json", json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HttpResponse<String> delete(String path, String[] credentials) {
        return TestHttp.send("DELETE", baseUrl() + path, credentials, null, null);
    }

    protected JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body());
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    protected void awaitOutboxDrained() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                .sql("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL").query(Integer.class).single() == 0);
    }
}
