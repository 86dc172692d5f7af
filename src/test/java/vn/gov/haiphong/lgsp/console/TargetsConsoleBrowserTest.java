package vn.gov.haiphong.lgsp.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.BrowserSupport;
import vn.gov.haiphong.lgsp.BrowserSupport.Browser;
import vn.gov.haiphong.lgsp.exchange.delivery.DeadLetters;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestSupport;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AgencyInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * The delivery-targets page of the console in a real browser, in Vietnamese: every connected
 * system with its figures, a dead letter with its reason, and replays (one, a selection) through
 * the confirmation page, seen delivered on the page and in the database. Registry data of its
 * own: agency 000.78.81.H27 behind the relay {@value #RELAY} (a stub that refuses, then accepts).
 */
class TargetsConsoleBrowserTest extends VdxpTestSupport {

    static final String UNIT = "000.78.81.H27";
    static final String UNIT_NAME = "Đơn vị thử nghiệm bảng điều khiển 81";
    static final String RELAY = "test.console.relay";
    private static final String[] OPERATOR = {"operator", "operator-dev-2025"};
    private static final String[] ADMIN = {"admin", "admin-dev-2025"};
    private static final Duration PAGE = Duration.ofSeconds(20);

    @RegisterExtension
    final BrowserSupport browsers = new BrowserSupport();

    @Autowired
    RegistryService registry;
    @Autowired
    DeadLetters deadLetters;

    static RelayStub relay;

    @BeforeEach
    void registerTheRelayOnce() throws Exception {
        if (relay != null) {
            relay.accept(false);
            return;
        }
        relay = new RelayStub();
        registry.createAgency(new AgencyInput(UNIT, UNIT_NAME, null, Region.HD, AgencyStatus.ACTIVE, null, null, null,
                null), "test");
        registry.createSystem(new SystemInput(RELAY, "Chuyển tiếp thử nghiệm của bảng điều khiển", UNIT, Set.of(UNIT),
                Set.of(Protocol.VDXP_REST), DeliveryMode.RELAY, relay.endpoint(), SignaturePolicy.IF_PRESENT, true,
                "console-relay-test-secret"), "test");
    }

    @AfterAll
    static void stopTheRelay() {
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aDeadLetterShowsWithItsReasonAndIsReplayedThroughTheConfirmation() {
        String docId = deadLetter();
        long deliveryId = deliveryId(docId);

        Browser browser = browsers.open("targets");
        browser.login(baseUrl() + "/console/targets", ADMIN[0], ADMIN[1]);
        browser.waitForText(PAGE, "Đích chuyển", "hp.sonv.qlvb", "hd.lgsp-cu", RELAY);
        // Every demo system with its owner agency's name beside the code, and its delivery mode.
        assertThat(browser.text()).contains("Sở Nội vụ", "000.00.02.H27", "Phần mềm quản lý văn bản - Sở Nội vụ Hải Phòng",
                "RELAY (chuyển tiếp)", "PULL (tự lấy)", "Chuyển thành công gần nhất", "Thư chết");
        String row = browser.find(By.id("target-" + RELAY)).getText();
        assertThat(row).contains(UNIT_NAME, UNIT).contains("E42").contains(RelayStub.REFUSAL);
        assertThat(browser.find(By.cssSelector("#target-" + css(RELAY) + " td.dead-letters")).getText()).startsWith("1");
        browser.save("targets");

        // The dead letters of the target: the letter with its reason, names beside codes.
        browser.find(By.cssSelector("#target-" + css(RELAY) + " td.dead-letters a.badge")).click();
        browser.waitForText(PAGE, "Thư chết", docId);
        String letter = browser.find(By.id("dead-letter-" + deliveryId)).getText();
        assertThat(letter).contains("Văn bản liên thông chỉ đạo - 190701", "Sở Nội vụ", HOME_AFFAIRS, UNIT_NAME, UNIT, "relay")
                .contains(RelayStub.REFUSAL);
        browser.save("targets-dead-letters");

        // Replay it: the confirmation shows exactly that letter; the result says one was replayed.
        relay.accept(true);
        browser.find(By.cssSelector("#dead-letter-" + deliveryId + " a.replay-one")).click();
        browser.waitForText(PAGE, "Xác nhận gửi lại", "Gửi lại 1 thư chết dưới đây?", docId);
        assertThat(browser.find(By.id("to-replay")).findElements(By.cssSelector("tbody tr"))).hasSize(1);
        browser.find(By.id("confirm")).click();
        browser.waitForText(PAGE, "Kết quả gửi lại", "Đã gửi lại 1 thư chết.");
        awaitTransferState(docId, "DELIVERED");
        assertThat(jdbc.sql("SELECT actor FROM message_log WHERE message_id = ? AND kind = 'EXCHANGE_REPLAYED'")
                .param(docId).query(String.class).list()).containsExactly(ADMIN[0]);

        // The target's state on the page: delivered just now, no dead letter left.
        browser.get(baseUrl() + "/console/targets?q=" + RELAY);
        browser.waitForText(PAGE, RELAY);
        assertThat(browser.find(By.cssSelector("#target-" + css(RELAY) + " td.dead-letters")).getText()).isEqualTo("0");
        assertThat(browser.find(By.cssSelector("#target-" + css(RELAY) + " td.last-delivered")).getText())
                .matches("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d");
        assertThat(browser.find(By.id("targets")).findElements(By.cssSelector("tbody tr"))).hasSize(1);

        // Asked again, or for what is no delivery at all: said on the page, no error page.
        browser.get(baseUrl() + "/console/targets/replay?id=" + deliveryId + "&id=abc");
        browser.waitForText(PAGE, "Lần chuyển " + deliveryId + " không phải là thư chết",
                "„abc\" không phải là mã lần chuyển", "Không có thư chết nào để gửi lại.");
        assertThat(browser.driver.findElements(By.id("confirm"))).isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anOperatorReplaysASelectionAndALetterReplayedMeanwhileIsReported() {
        String first = deadLetter();
        String second = deadLetter();
        String third = deadLetter();
        relay.accept(true);

        Browser browser = browsers.open("selection");
        browser.login(baseUrl() + "/console/targets/dead-letters?target=" + RELAY, OPERATOR[0], OPERATOR[1]);
        browser.waitForText(PAGE, "Thư chết", first, second, third);
        browser.find(By.id("select-" + deliveryId(first))).click();
        browser.find(By.id("select-" + deliveryId(second))).click();
        browser.find(By.id("replay-selected")).click();
        browser.waitForText(PAGE, "Gửi lại 2 thư chết dưới đây?", first, second);
        assertThat(browser.find(By.id("to-replay")).getText()).doesNotContain(third);

        // Someone replays the second one meanwhile (e.g. through the admin API): only the first is replayed here.
        deadLetters.replay(deliveryId(second), "someone-else");
        browser.find(By.id("confirm")).click();
        browser.waitForText(PAGE, "Đã gửi lại 1 thư chết.",
                "Lần chuyển " + deliveryId(second) + " không phải là thư chết");
        browser.save("targets-replayed");
        awaitTransferState(first, "DELIVERED");
        awaitTransferState(second, "DELIVERED");
        assertThat(transferState(third)).isEqualTo("DEAD_LETTER");
        assertThat(jdbc.sql("SELECT actor FROM message_log WHERE message_id = ? AND kind = 'EXCHANGE_REPLAYED'")
                .param(first).query(String.class).list()).containsExactly(OPERATOR[0]);

        // The third, by "all of the target": the confirmation lists it, the result counts it.
        browser.get(baseUrl() + "/console/targets/replay?target=" + RELAY);
        browser.waitForText(PAGE, "Gửi lại 1 thư chết của đích " + RELAY, third);
        browser.find(By.id("confirm")).click();
        browser.waitForText(PAGE, "Đã gửi lại 1 thư chết của đích " + RELAY + ".");
        awaitTransferState(third, "DELIVERED");

        // In English when asked.
        browser.get(baseUrl() + "/console/targets?lang=en&mode=RELAY");
        browser.waitForText(PAGE, "Delivery targets", "Last successful delivery", RELAY, "RELAY (relayed)");
        assertThat(browser.text()).doesNotContain("hp.sonv.qlvb");
    }

    /** A document to the relay's unit, refused by the relay: a dead letter with its reason. */
    String deadLetter() {
        String docId = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS), UNIT),
                HOME_AFFAIRS, "edoc"), "0");
        awaitTransferState(docId, "DEAD_LETTER");
        return docId;
    }

    long deliveryId(String docId) {
        return jdbc.sql("SELECT id FROM delivery WHERE doc_id = ? AND target_system = ?").params(docId, RELAY)
                .query(Long.class).single();
    }

    String transferState(String docId) {
        return jdbc.sql("SELECT transfer_state FROM delivery WHERE doc_id = ? AND target_system = ?")
                .params(docId, RELAY).query(String.class).single();
    }

    void awaitTransferState(String docId, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(transferState(docId)).isEqualTo(state));
    }

    /** A system id as a CSS id selector part (dots escaped). */
    static String css(String id) {
        return id.replace(".", "\\.");
    }

}
