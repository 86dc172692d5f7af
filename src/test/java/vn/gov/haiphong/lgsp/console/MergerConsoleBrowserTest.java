package vn.gov.haiphong.lgsp.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.BrowserSupport;
import vn.gov.haiphong.lgsp.BrowserSupport.Browser;
import vn.gov.haiphong.lgsp.exchange.vdxp.VdxpTestSupport;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.AgencyInput;
import vn.gov.haiphong.lgsp.registry.RegistryInputs.SystemInput;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryService;

/**
 * The merger board of the console in a real browser, in Vietnamese: the units of the former Hải
 * Dương with their H27 and H26 codes and the relay serving them; an administrator cutting a unit
 * over through the confirmation page, after which the unit's next document takes the new route and
 * the change log names the administrator; an operator's forged cut-over refused by the security
 * chain. Uses the demo unit 000.61.72.H27 (no other test does) and restores the registry after.
 */
class MergerConsoleBrowserTest extends VdxpTestSupport {

    static final String UNIT = "000.61.72.H27";
    static final String UNIT_H26 = "000.07.22.H26";
    static final String UNIT_NAME = "Ủy ban nhân dân phường Chí Linh";
    static final String RELAY = "hd.lgsp-cu";
    static final String OWNER = "000.78.91.H27";
    static final String NEW_SYSTEM = "test.console.chilinh.qlvb";
    private static final String[] OPERATOR = {"operator", "operator-dev-2025"};
    private static final String[] ADMIN = {"admin", "admin-dev-2025"};
    private static final Duration PAGE = Duration.ofSeconds(20);

    @RegisterExtension
    final BrowserSupport browsers = new BrowserSupport();

    @Autowired
    RegistryService registry;
    @Autowired
    AgencyResolver resolver;

    @BeforeEach
    void registerTheUnitsNewSystemOnce() {
        if (resolver.snapshot().system(NEW_SYSTEM).isPresent()) {
            return;
        }
        registry.createAgency(new AgencyInput(OWNER, "Trung tâm chuyển đổi số thử nghiệm 91", null, Region.HD,
                AgencyStatus.ACTIVE, null, null, null, null), "test");
        registry.createSystem(new SystemInput(NEW_SYSTEM, "Phần mềm văn bản mới - UBND phường Chí Linh (thử nghiệm)",
                OWNER, Set.of(OWNER), Set.of(Protocol.VDXP_REST), DeliveryMode.PULL, null, SignaturePolicy.IF_PRESENT,
                true, "console-chilinh-test-secret"), "test");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anAdministratorCutsAUnitOverAndItsNextDocumentTakesTheNewRoute() {
        Set<String> relayAgencies = Set.copyOf(system(RELAY).agencies());
        assertThat(relayAgencies).contains(UNIT);
        long changesBefore = changeRows();
        try {
            Browser browser = browsers.open("merger");
            browser.login(baseUrl() + "/console/merger", ADMIN[0], ADMIN[1]);
            browser.waitForText(PAGE, "Hợp nhất Hải Phòng – Hải Dương", "Tiến độ chuyển đổi",
                    "Văn bản theo tuyến trong 7 ngày qua", "Xung đột khi nhập danh bạ");
            // H27 and H26 codes side by side; the ward already on the unified platform; the unit behind the relay.
            assertThat(browser.find(By.id("unit-" + WARD)).getText()).contains("Ủy ban nhân dân phường Hải Dương",
                    WARD, WARD_H26, "Nền tảng hợp nhất", WARD_SYSTEM);
            assertThat(browser.find(By.id("unit-" + UNIT)).getText()).contains(UNIT_NAME, UNIT, UNIT_H26,
                    "LGSP Hải Dương cũ (chuyển tiếp)", RELAY);
            assertThat(browser.find(By.id("routes")).getText()).contains("local-pull", "relay", "national-axis");
            assertThat(browser.find(By.id("conflicts-now")).getText()).contains("000.01.31.H27");
            String progressBefore = browser.find(By.cssSelector("#progress .value")).getText();
            Boolean charts = (Boolean) browser.driver.executeScript("return !!window.Chart"
                    + " && !!Chart.getChart('routes-chart') && !!Chart.getChart('progress-chart')");
            assertThat(charts).as("both charts drawn").isTrue();
            browser.save("merger");

            // The unit's row: choose the new system, confirm on the next page.
            new Select(browser.find(By.cssSelector("#unit-" + css(UNIT) + " form.cut-over select"))).selectByValue(NEW_SYSTEM);
            browser.find(By.cssSelector("#unit-" + css(UNIT) + " form.cut-over button")).click();
            browser.waitForText(PAGE, "Chuyển đơn vị này khỏi LGSP Hải Dương cũ");
            assertThat(browser.find(By.id("confirm-unit")).getText()).contains(UNIT_NAME, UNIT, UNIT_H26);
            assertThat(browser.find(By.id("confirm-from")).getText()).contains(RELAY, "RELAY");
            assertThat(browser.find(By.id("confirm-to")).getText()).contains(NEW_SYSTEM, "PULL");
            browser.save("merger-confirm");
            browser.find(By.id("confirm")).click();
            browser.waitForText(PAGE, "Đã chuyển " + UNIT + " " + UNIT_NAME + " từ " + RELAY + " sang " + NEW_SYSTEM);
            assertThat(browser.find(By.id("unit-" + UNIT)).getText()).contains("Nền tảng hợp nhất", NEW_SYSTEM)
                    .doesNotContain(RELAY);
            assertThat(browser.find(By.cssSelector("#progress .value")).getText()).isNotEqualTo(progressBefore);

            // The registry changed through RegistryService: both systems, the cut-over, the admin as actor.
            assertThat(jdbc.sql("SELECT action || ' ' || entity || ' ' || entity_key || ' ' || actor FROM registry_change"
                    + " WHERE id > ? ORDER BY id").param(changesBefore).query(String.class).list()).containsExactly(
                    "UPDATE SYSTEM " + NEW_SYSTEM + " admin", "UPDATE SYSTEM " + RELAY + " admin",
                    "CUT_OVER AGENCY " + UNIT + " admin");
            assertThat(system(RELAY).agencies()).doesNotContain(UNIT);
            assertThat(system(RELAY).secretCiphertext()).as("the relay keeps its secret").isNotNull();

            // The next document to the unit, even by its old H26 code, goes to its own system.
            String docId = assertSendReply(homeAffairs().sendEdoc(document(HOME_AFFAIRS, newDocumentId(HOME_AFFAIRS),
                    UNIT_H26), HOME_AFFAIRS, "edoc"), "0");
            assertThat(jdbc.sql("SELECT route || ' ' || target_system FROM delivery WHERE doc_id = ?").param(docId)
                    .query(String.class).single()).isEqualTo("local-pull " + NEW_SYSTEM);

            // Cut over already: asked again, the page says so and offers no button.
            browser.get(baseUrl() + "/console/merger/cut-over?unit=" + UNIT + "&to=" + NEW_SYSTEM);
            browser.waitForText(PAGE, "Đơn vị " + UNIT + " không còn được phục vụ qua LGSP Hải Dương cũ");
            assertThat(browser.driver.findElements(By.id("confirm"))).isEmpty();
        } finally {
            restore(relayAgencies);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anOperatorSeesTheBoardButACutOverIsRefused() {
        long changesBefore = changeRows();
        Browser browser = browsers.open("merger-operator");
        browser.login(baseUrl() + "/console/merger?q=" + UNIT, OPERATOR[0], OPERATOR[1]);
        browser.waitForText(PAGE, UNIT_NAME, UNIT_H26, RELAY,
                "Chuyển đơn vị sang nền tảng hợp nhất là thay đổi danh bạ: chỉ vai trò ADMIN làm được.");
        assertThat(browser.driver.findElements(By.cssSelector("form.cut-over"))).isEmpty();
        assertThat(browser.find(By.cssSelector("#unit-" + css(UNIT) + " button.cut-over-disabled")).isEnabled()).isFalse();

        // A forged POST with the operator's own valid CSRF token: the security chain refuses it.
        browser.driver.executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/console/merger/cut-over';
                for (const [name, value] of [['unit', arguments[0]], ['to', arguments[1]],
                        ['_csrf', document.querySelector('input[name=_csrf]').value]]) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();""", UNIT, NEW_SYSTEM);
        browser.waitForText(PAGE, "Không được phép", "Thao tác này cần vai trò ADMIN", "Tài khoản operator có vai trò: OPERATOR.");
        browser.save("merger-operator-refused");
        assertThat(system(RELAY).agencies()).contains(UNIT);
        assertThat(changeRows()).isEqualTo(changesBefore);

        // The confirmation page itself is for administrators too.
        browser.get(baseUrl() + "/console/merger/cut-over?unit=" + UNIT + "&to=" + NEW_SYSTEM);
        browser.waitForText(PAGE, "Thao tác này cần vai trò ADMIN");

        // In English when asked.
        browser.get(baseUrl() + "/console/merger?lang=en&q=" + UNIT);
        browser.waitForText(PAGE, "Hải Phòng – Hải Dương merger", "Old Hải Dương LGSP (relay)", UNIT_H26,
                "Cutting a unit over is a registry change: only the ADMIN role may do it.");
    }

    ConnectedSystem system(String systemId) {
        return resolver.fromDatabase().system(systemId).orElseThrow();
    }

    long changeRows() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM registry_change").query(Long.class).single();
    }

    /**
     * The registry as the demo data has it: the unit back on the relay, the new system without it.
     * Asserts nothing (it runs in a finally block: a failure here must not hide the test's own).
     */
    void restore(Set<String> relayAgencies) {
        ConnectedSystem fresh = system(NEW_SYSTEM);
        if (fresh.agencies().contains(UNIT)) {
            Set<String> without = new LinkedHashSet<>(fresh.agencies());
            without.remove(UNIT);
            registry.updateSystem(NEW_SYSTEM, MergerCutOver.input(fresh, without), "test");
        }
        ConnectedSystem relay = system(RELAY);
        if (!relay.agencies().equals(relayAgencies)) {
            registry.updateSystem(RELAY, MergerCutOver.input(relay, relayAgencies), "test");
        }
    }

    static String css(String id) {
        return id.replace(".", "\\.");
    }

}
