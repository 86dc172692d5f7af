package vn.gov.haiphong.lgsp.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vn.gov.haiphong.lgsp.BrowserSupport;
import vn.gov.haiphong.lgsp.BrowserSupport.Browser;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestClient;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestSupport;
import vn.gov.haiphong.lgsp.platform.Sha256;

/**
 * The console's overview and document tracking as an operator uses them, in a real (headless)
 * Chromium: a document sent to a ward's legacy H26 code is found by its DocId, its edXML
 * DocumentId and the H26 code, and its page tells its story (accepted over VDXP, routed from the
 * H26 code to the ward's system, delivered, fetched, acknowledged, a status 03 sent back). An
 * operator may not download the package, an administrator may (and it is in the message log);
 * an agency officer is told why the console is closed to them. Screenshots of each page are
 * saved under {@code target/browser/}.
 */
class DocumentTrackingBrowserTest extends VdxpTestSupport {

    private static final String[] OPERATOR = {"operator", "operator-dev-2025"};
    private static final String[] ADMIN = {"admin", "admin-dev-2025"};
    private static final Duration RENDER = Duration.ofSeconds(20);

    @RegisterExtension
    final BrowserSupport browsers = new BrowserSupport();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void operatorFindsADocumentByEachIdentifierAndSeesItsTimeline() {
        String edxmlId = newDocumentId(HOME_AFFAIRS);
        VdxpTestClient.Reply sent = homeAffairs().sendEdoc(document(HOME_AFFAIRS, edxmlId, WARD_H26), HOME_AFFAIRS, "edoc");
        String docId = assertOk(sent).path("DocId").asText();
        awaitDelivered(docId);
        assertOk(ward().getEdoc(docId));
        assertOk(ward().updateStatus(docId, "done"));
        String statusDocId = assertOk(ward().sendEdoc(status(WARD, HOME_AFFAIRS, edxmlId, "03"), WARD, "status"))
                .path("DocId").asText();

        Browser browser = browsers.open("console-documents");
        browser.login(baseUrl() + "/console/documents?q=" + docId, OPERATOR[0], OPERATOR[1]);
        browser.waitForText(RENDER, "Tra cứu văn bản", "Tìm theo DocId");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#results tbody tr[data-doc-id]"));
        assertThat(rows).as("one row for the DocId").hasSize(1);
        assertThat(rows.get(0).getText()).contains(WARD, "Hoàn tất");
        browser.save("documents-by-docid");

        // The document's page: facts, recipients and the timeline from the platform's records.
        rows.get(0).findElement(By.cssSelector("a.doc-link")).click();
        browser.waitForText(RENDER, "Diễn biến", docId);
        String page = browser.text();
        assertThat(page).contains(edxmlId, "VDXP", "127.0.0.1", "hp.sonv.qlvb", "Đã xác nhận");
        assertThat(timeline(browser, "accepted")).contains("hp.sonv.qlvb");
        assertThat(timeline(browser, "routed")).as("the route chosen, and why")
                .contains(WARD_H26 + " → " + WARD, WARD_SYSTEM + " (PULL)", "local-pull");
        assertThat(timeline(browser, "delivered")).contains(WARD);
        assertThat(timeline(browser, "fetched")).contains(WARD_SYSTEM);
        assertThat(timeline(browser, "acknowledged")).contains("DONE");
        assertThat(timeline(browser, "status")).contains("03", "Đã tiếp nhận");
        assertThat(browser.driver.findElements(By.id("download"))).as("no download for an operator").isEmpty();
        assertThat(browser.find(By.id("download-admin-only")).getText()).contains("ADMIN");
        browser.save("document");

        // The same document by its edXML DocumentId, typed into the search box.
        browser.get(baseUrl() + "/console/documents");
        browser.find(By.id("q")).sendKeys(edxmlId);
        browser.find(By.id("search-button")).click();
        browser.waitForText(RENDER, "Tìm theo mã định danh văn bản");
        // The document, and the status package that answers it (newest first).
        assertThat(docIdsOnPage(browser)).containsExactly(statusDocId, docId);

        // ... and by the ward's legacy H26 code, resolved as the registry does.
        browser.get(baseUrl() + "/console/documents?q=" + WARD_H26);
        browser.waitForText(RENDER, "Tìm theo cơ quan");
        assertThat(browser.find(By.id("alias-note")).getText()).contains(WARD_H26, WARD);
        assertThat(docIdsOnPage(browser)).contains(docId);
        browser.save("documents-by-h26");

        // English on request, kept for the next page.
        browser.find(By.id("lang-en")).click();
        browser.waitForText(RENDER, "Document tracking", "By agency");
        browser.get(baseUrl() + "/console/documents/" + docId);
        browser.waitForText(RENDER, "Timeline", "Accepted", "Routed");
        browser.find(By.id("lang-vi")).click();
        browser.waitForText(RENDER, "Diễn biến");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void overviewShowsTodaysFiguresTargetsHealthAndVerifiesTheLog() {
        String docId = assertOk(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD),
                HOME_AFFAIRS, "edoc")).path("DocId").asText();
        awaitDelivered(docId);

        Browser browser = browsers.open("console-overview");
        browser.login(baseUrl() + "/console/", OPERATOR[0], OPERATOR[1]);
        browser.waitForText(RENDER, "Tổng quan", "Đích chuyển", "Cơ sở dữ liệu");
        long acceptedToday = Long.parseLong(browser.find(By.cssSelector("#fig-accepted .label")).getText()
                .replaceAll(".*hôm nay (\\d+).*", "$1"));
        assertThat(acceptedToday).as("documents accepted today").isPositive();
        assertThat(browser.find(By.cssSelector("tr[data-target='" + WARD_SYSTEM + "']")).getText()).contains("PULL");
        for (String component : List.of("db", "jms", "kafka")) {
            assertThat(browser.find(By.cssSelector("tr[data-health='" + component + "']")).getText()).contains("UP");
        }
        Object drawn = browser.driver.executeScript("return !!(window.Chart && Chart.getChart('by-hour'));");
        assertThat(drawn).as("the chart by hour is drawn").isEqualTo(Boolean.TRUE);

        browser.find(By.id("verify")).click();
        browser.waitForText(RENDER, "Đã kiểm tra: chuỗi nguyên vẹn.");
        assertThat(browser.find(By.id("verification")).getText()).contains("Nguyên vẹn");
        browser.save("overview");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void downloadingAPackageIsForAdministratorsAndAudited() throws Exception {
        byte[] pkg = document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), WARD);
        String docId = assertOk(homeAffairs().sendEdoc(pkg, HOME_AFFAIRS, "edoc")).path("DocId").asText();
        String url = baseUrl() + "/console/documents/" + docId + "/package";

        HttpResponse<String> refused = TestHttp.send(TestHttp.request(url, OPERATOR).header("Accept", "text/html").GET().build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("cần vai trò ADMIN");

        HttpResponse<byte[]> download = TestHttp.CLIENT_FOR_BYTES.send(TestHttp.request(url, ADMIN).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(Sha256.hex(download.body())).isEqualTo(Sha256.hex(pkg));
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains(docId + ".edxml");
        assertThat(jdbc.sql("SELECT actor FROM message_log WHERE message_id = ? AND kind = 'PACKAGE_DOWNLOADED'")
                .param(docId).query(String.class).list()).containsExactly("admin");

        // The administrator sees the link, and the download on the document's timeline.
        Browser browser = browsers.open("console-download");
        browser.login(baseUrl() + "/console/documents/" + docId, ADMIN[0], ADMIN[1]);
        browser.waitForText(RENDER, "Diễn biến");
        assertThat(browser.find(By.id("download")).getAttribute("href")).endsWith("/console/documents/" + docId + "/package");
        assertThat(timeline(browser, "downloaded")).contains("admin");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anAgencyOfficerIsToldWhyTheConsoleIsClosed() {
        Browser browser = browsers.open("console-officer");
        browser.login(baseUrl() + "/console/", "officer", "officer-dev-2025");
        browser.waitForText(RENDER, "Không được phép", "OPERATOR hoặc ADMIN", "AGENCY_OFFICER");
        assertThat(browser.driver.findElements(By.id("nav-overview"))).as("no console navigation").isEmpty();
        browser.save("refused-officer");
        HttpResponse<String> direct = TestHttp.send(TestHttp.request(baseUrl() + "/console/documents?q="
                + URLEncoder.encode(WARD, StandardCharsets.UTF_8), new String[] {"officer", "officer-dev-2025"})
                .header("Accept", "text/html").GET().build());
        assertThat(direct.statusCode()).isEqualTo(403);
        assertThat(direct.body()).contains("Không được phép").doesNotContain(WARD + "</code>");
    }

    // ------------------------------------------------------------------------------------------

    private static String timeline(Browser browser, String kind) {
        List<WebElement> steps = browser.driver.findElements(By.cssSelector("#timeline li[data-kind='" + kind + "']"));
        assertThat(steps).as("timeline step %s", kind).isNotEmpty();
        return String.join("\n", steps.stream().map(WebElement::getText).toList());
    }

    private static List<String> docIdsOnPage(Browser browser) {
        return browser.driver.findElements(By.cssSelector("#results tbody tr[data-doc-id]")).stream()
                .map(row -> row.getAttribute("data-doc-id")).toList();
    }

    private void awaitDelivered(String docId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Long queued = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE doc_id = ? AND transfer_state <> 'DELIVERED'")
                    .param(docId).query(Long.class).single();
            if (queued == 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("document " + docId + " was not delivered within 20 s");
    }
}
