package vn.gov.haiphong.lgsp.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.BrowserSupport;
import vn.gov.haiphong.lgsp.BrowserSupport.Browser;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.gateway.GatewayAudit;
import vn.gov.haiphong.lgsp.gateway.GatewayClient;
import vn.gov.haiphong.lgsp.gateway.GatewayTestSupport;

/**
 * Page 5 of the operations console, "Gateway and data", as an operator reads it in a real
 * (headless) Chromium, in Vietnamese: a service registered and called by three systems (successes,
 * a provider's 503, refusals, a forged signature) shows its grants and its calls by outcome class;
 * its own page lists the calls per client and one by one, filtered; the data part shows the
 * datasets with their rows, open flag and grants, and the conflict the sample Hải Dương export
 * produces, both sides. Screenshots of each part: {@code target/browser/GatewayConsole-*.png}.
 */
class GatewayConsoleBrowserTest extends GatewayTestSupport {

    private static final String[] OPERATOR = {"operator", "operator-dev-2025"};
    private static final Duration RENDER = Duration.ofSeconds(20);

    @RegisterExtension
    final BrowserSupport browsers = new BrowserSupport();

    @Autowired
    private GatewayAudit audit;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void operatorSeesServicesGrantsCallsDatasetsAndConflicts() throws Exception {
        // A service of its own per run (the shared database outlives a run): calls counted are this test's.
        String code = "t.console.units-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String group = "t-console-hd";
        ensureService(Map.of("serviceCode", code, "name", "Tra cứu đơn vị (bảng điều khiển)", "providerSystem", SONV[0],
                "kind", "REST", "endpoints", Map.of("default", STUB.url("/console")), "ratePerSecond", 50, "rateBurst", 80));
        HttpResponse<String> groupPut = admin("PUT", "/groups/" + group, Map.of("groupId", group,
                "name", "Xã, phường khu vực Hải Dương cũ (thử)", "region", "HD"));
        assertThat(groupPut.statusCode()).as(groupPut.body()).isIn(200, 201);
        grant(code, "SYSTEM", SONV[0], null, null);
        grant(code, "GROUP", group, "GET", "/units/**");

        GatewayClient sonv = client(SONV);
        GatewayClient ward = client(PHUONG_HD);
        String base = "/gw/r1/" + code;
        for (int i = 0; i < 3; i++) {
            assertThat(sonv.get(base + "/units/" + i).statusCode()).isEqualTo(200);
        }
        assertThat(sonv.get(base + "/status/503").statusCode()).as("the provider's own 503, relayed").isEqualTo(503);
        assertThat(ward.get(base + "/units/10722").statusCode()).as("the group's grant").isEqualTo(200);
        assertThat(ward.send(GatewayClient.call(base + "/units/10722").method("DELETE")).statusCode()).isEqualTo(403);
        assertThat(client(HONGBANG).get(base + "/units/1").statusCode()).as("no grant").isEqualTo(403);
        assertThat(sonv.send(GatewayClient.call(base + "/units/1").secret("not-the-secret")).statusCode())
                .as("forged signature").isEqualTo(401);
        audit.flush();

        // The sample export of the former Hải Dương warehouse: Xã Nam Sách (10722) conflicts (or did, if resolved since).
        byte[] export = Files.readAllBytes(Path.of("etc/datasets/hd-export/administrative-units.ndjson"));
        HttpResponse<String> imported = TestHttp.send("POST", baseUrl()
                        + "/api/admin/data/administrative-units/hd-import?fileName=console.ndjson", operator(),
                "application/x-ndjson", export);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        Browser browser = browsers.open("gateway-console");
        browser.login(baseUrl() + "/console/gateway?q=" + code, OPERATOR[0], OPERATOR[1]);
        assertThat(browser.url()).doesNotContain("error").contains("/console/gateway");

        // --- Services: the service, its provider, its grants, its calls of the last 24 hours by class.
        browser.waitForText(RENDER, "Dịch vụ qua cổng kết nối", code);
        assertThat(browser.find(By.id("nav-gateway")).getAttribute("class")).contains("active");
        WebElement row = browser.find(By.id("service-" + code));
        String text = row.getText();
        assertThat(text).contains("Tra cứu đơn vị (bảng điều khiển)", "REST", SONV[0], STUB.url("/console"),
                "50 lời gọi/giây", "Xã, phường khu vực Hải Dương cũ (thử)", "các hệ thống thuộc vùng HD", "GET", "/units/**",
                "mọi phương thức", "mọi đường dẫn");
        assertThat(cell(row, "calls")).as("8 calls").isEqualTo("8");
        assertThat(cell(row, "refused")).as("two GW-202, one GW-105").isEqualTo("3");
        assertThat(cell(row, "upstream")).as("the provider's 503").isEqualTo("1");
        assertThat(cell(row, "other")).isEqualTo("0");
        assertThat(text).contains(" ms");
        browser.save("GatewayConsole-1-services");

        // --- One service: figures, calls per client with registry names, the calls themselves.
        row.findElement(By.cssSelector("a.service-link")).click();
        browser.waitForText(RENDER, "Theo hệ thống gọi", "Lời gọi gần đây");
        assertThat(browser.find(By.id("stat-calls")).getText()).isEqualTo("8");
        assertThat(browser.find(By.id("stat-ok")).getText()).isEqualTo("4");
        assertThat(browser.find(By.id("stat-refused")).getText()).isEqualTo("3");
        assertThat(browser.find(By.id("stat-upstream")).getText()).isEqualTo("1");
        assertThat(browser.find(By.id("stat-p95")).getText()).endsWith("ms");
        String clients = browser.find(By.id("clients")).getText();
        assertThat(clients).contains(SONV[0], PHUONG_HD[0], HONGBANG[0], "unauthenticated:" + SONV[0]);
        assertThat(browser.find(By.id("calls")).findElements(By.cssSelector("tbody tr.call"))).hasSize(8);
        assertThat(browser.find(By.id("calls")).getText()).contains("GET /units/10722", "DELETE /units/10722", "GW-202",
                "GW-105", "503", "lỗi cung cấp", "bị từ chối", "thành công");
        browser.save("GatewayConsole-2-service");

        new Select(browser.find(By.id("outcome"))).selectByValue("REFUSED");
        browser.find(By.id("filter")).click();
        browser.waitFor(RENDER, d -> d.getCurrentUrl().contains("outcome=REFUSED") ? true : null);
        List<WebElement> refused = browser.find(By.id("calls")).findElements(By.cssSelector("tbody tr.call"));
        assertThat(refused).hasSize(3).allMatch(r -> r.getAttribute("class").contains("refused"));
        browser.save("GatewayConsole-3-service-refused");

        // --- Data: the declared datasets, rows, open data, grants with names.
        browser.find(By.id("tab-data")).click();
        browser.waitForText(RENDER, "Kho dữ liệu dùng chung", "administrative-units", "agency-directory", "document-types");
        WebElement units = browser.find(By.id("dataset-administrative-units"));
        assertThat(Long.parseLong(units.findElement(By.cssSelector(".rows-live")).getText())).isGreaterThan(9);
        // Demo grants: the ward's system's grant is stored as its agency's code, named from the registry.
        assertThat(units.getText()).contains("000.00.02.H27", "Sở Nội vụ", "Có", "000.60.71.H27",
                "Ủy ban nhân dân phường Hải Dương", LGSP_CU[0], "đọc", "xung đột đang mở", "bản ghi đã nhận");
        browser.save("GatewayConsole-4-data");

        // --- Conflicts: Xã Nam Sách, both sides, how it stands.
        browser.get(baseUrl() + "/console/gateway/conflicts?status=ALL&dataset=administrative-units&key=10722");
        browser.waitForText(RENDER, "Xung đột đồng bộ từ kho Hải Dương cũ", "10722", "Xã Nam Sách");
        String conflict = browser.find(By.cssSelector("section.conflict")).getText();
        assertThat(conflict).contains("Kho Hải Dương cũ", "Nền tảng", "Cách xử lý");
        assertThat(conflict).containsAnyOf("Chưa xử lý", "Chọn ");
        // The export's population against the platform's: the differing field, marked.
        assertThat(browser.find(By.cssSelector("section.conflict table.sides tr.differs")).getText())
                .startsWith("population").contains("36315");
        browser.save("GatewayConsole-5-conflicts");

        // English on request.
        browser.get(baseUrl() + "/console/gateway/conflicts?lang=en");
        browser.waitForText(RENDER, "Sync conflicts with the former Hải Dương warehouse");
    }

    private static String cell(WebElement row, String cssClass) {
        return row.findElement(By.cssSelector("td." + cssClass)).getText().strip();
    }
}
