package vn.gov.haiphong.lgsp.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.BrowserSupport;
import vn.gov.haiphong.lgsp.BrowserSupport.Browser;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.platform.routing.RouteFiles;
import vn.gov.haiphong.lgsp.platform.routing.RoutingTables;

/**
 * The console's routing page in a real (headless) Chromium, in Vietnamese: the live tables with
 * their routes and the cases they passed; then an edit of the document routing table that breaks
 * a case, and the page naming the refused change, the case, what was expected and what came
 * back, while the live tables stay. Screenshots: {@code target/browser/routing-console-*.png}.
 */
class RoutingConsoleBrowserTest extends PlatformTestSupport {

    private static final String[] OPERATOR = {"operator", "operator-dev-2025"};
    private static final Duration RENDER = Duration.ofSeconds(20);
    private static final Path TABLE = Path.of(ROUTES_DIR, "document-routing.camel.yaml");

    @RegisterExtension
    final BrowserSupport browsers = new BrowserSupport();

    @Autowired
    private RoutingTables tables;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void operatorSeesTheLiveTablesAndWhyAnEditWasRefused() throws Exception {
        Browser browser = browsers.open("routing-console");
        browser.login(baseUrl() + "/console/routing", OPERATOR[0], OPERATOR[1]);
        browser.waitForText(RENDER, "Bảng đang chạy", "document-routing.camel.yaml", "21 ca kiểm thử đạt");
        assertThat(browser.find(By.id("nav-routing")).getAttribute("class")).contains("active");
        assertThat(browser.find(By.id("active-tables")).getText()).contains("gateway-route-dvhc")
                .contains("registry-changes-log");
        assertThat(browser.driver.findElements(By.id("refusal"))).isEmpty();
        String live = tables.status().active().sha256();
        try {
            Files.writeString(TABLE, Files.readString(TABLE).replace("constant: local-push", "constant: local-pull"));
            await().atMost(Duration.ofSeconds(30)).until(() -> tables.status().lastRefusal() != null);
            browser.get(baseUrl() + "/console/routing");
            browser.waitForText(RENDER, "Thay đổi bị từ chối", "bảng đang chạy vẫn tiếp tục định tuyến");
            String problems = browser.find(By.id("refusal-problems")).getText();
            assertThat(problems).contains("tests/document-routing.yaml")
                    .contains("a unit whose system takes pushes is pushed to")
                    .contains("lgspRoute expected \"local-push\", got \"local-pull\"");
            assertThat(browser.find(By.id("active-summary")).getText()).contains(live.substring(0, 12));
        } finally {
            Files.copy(Path.of("routes/document-routing.camel.yaml"), TABLE, StandardCopyOption.REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(30)).until(() -> tables.status().lastRefusal() == null
                    && tables.status().active().sha256().equals(RouteFiles.fromDirectory(Path.of(ROUTES_DIR)).sha256()));
        }
        browser.get(baseUrl() + "/console/routing");
        browser.waitForText(RENDER, "Bảng đang chạy");
        assertThat(browser.driver.findElements(By.id("refusal"))).isEmpty();
    }
}
