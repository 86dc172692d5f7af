package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.haiphong.lgsp.BrowserSupport;
import vn.gov.haiphong.lgsp.BrowserSupport.Browser;
import vn.gov.haiphong.lgsp.BrowserSupport.Exchange;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.security.sso.UserAccounts;

/**
 * The operator plane as a person uses it, in a real (headless) Chromium: the login page, Hawtio
 * showing Camel and Artemis, a session that outlives Hawtio's polling, Hawtio's own logout,
 * Swagger UI on the same session, and pages of other origins that must not be able to act with
 * that session; and an operator walking Hawtio's views, none of whose calls the Jolokia policy
 * refuses.
 * Failures leave a screenshot, the page source and the network log under {@code target/browser/}.
 */
class OperatorBrowserTest extends PlatformTestSupport {

    private static final String[] OPERATOR = {"operator", "operator-dev-2025"};
    private static final String[] ADMIN = {"admin", "admin-dev-2025"};
    private static final Duration RENDER = Duration.ofSeconds(20);
    private static final String ROUTES = "/actuator/hawtio/camel/routes";
    /** Time a walk gives a view to send its requests before moving on. */
    private static final long PAUSE = 800;

    // JUL loggers a forged Jolokia exec would change (setLoggerLevel): a harmless effect the test
    // can observe in this JVM. Held here so the LogManager keeps them while a test runs.
    private static final List<Logger> PROBES = new ArrayList<>();

    @RegisterExtension
    final BrowserSupport browsers = new BrowserSupport();

    @Autowired
    private UserAccounts users;

    // ---------------------------------------------------------------- a. Hawtio shows Camel and Artemis

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void operatorSeesCamelRoutesAndArtemisDeliveryQueuesInHawtio() {
        // The login page, reached from Hawtio's Camel > Routes, sends the person back there.
        Browser browser = loggedIn("routes", OPERATOR, ROUTES);

        // Camel > Routes: the table is filled from Jolokia (route MBeans), one row per route.
        awaitHawtio(browser, "camel/routes", routeRow("registry-changes-log"));
        for (String route : List.of("registry-changes-log", "registry-events-refresh")) {
            WebElement row = browser.find(routeRow(route));
            assertThat(row.isDisplayed()).as("route %s listed", route).isTrue();
            assertThat(row.getText()).as("route %s row", route).contains("Started");
        }

        // JMX: the broker's delivery queues, as the platform's MBean server has them right now.
        List<String> queues = deliveryQueues();
        assertThat(queues).as("the platform has lgsp.delivery.* queues to show").isNotEmpty();
        openHawtio(browser, "jmx", treeNode("org.apache.activemq.artemis"));
        WebElement search = browser.find(By.id("input-search"));
        search.sendKeys("lgsp.delivery");
        search.sendKeys(Keys.ENTER);
        for (String queue : queues) {
            browser.waitFor(RENDER, d -> browser.find(treeNode("org.apache.activemq.artemis")).isDisplayed()
                    && d.findElements(treeNode(queue)).stream().anyMatch(WebElement::isDisplayed) ? true : null);
        }

        // Selecting the queue (not its address, which has the same name) shows its attributes and operations.
        String queue = queues.get(0);
        selectQueueNode(browser, queue);
        browser.waitFor(RENDER, d -> visibleText(browser, "MessageCount") ? true : null);
        browser.find(By.linkText("Operations")).click();
        browser.waitFor(RENDER, d -> visibleText(browser, "removeAllMessages") ? true : null);
        assertThat(browser.url()).contains("/actuator/hawtio/jmx/operations").contains(queue);
    }

    // ---------------------------------------------------------------- b. the session outlives Hawtio's polling

    @Test
    @Timeout(value = 100, unit = TimeUnit.SECONDS)
    void operatorStaysLoggedInWhileHawtioPollsForThirtySeconds() throws Exception {
        Browser browser = loggedIn("polling", OPERATOR, ROUTES);
        awaitHawtio(browser, "camel/routes", routeRow("registry-events-refresh"));
        int before = jolokiaCalls(browser).size();

        Thread.sleep(30_000);

        assertThat(browser.url()).as("still on Hawtio after 30 s, not sent to the login page")
                .contains("/actuator/hawtio/camel/routes");
        List<Exchange> all = jolokiaCalls(browser);
        // Answered polls only: the last one may still be on its way (status 0, nothing received yet).
        List<Exchange> during = all.subList(before, all.size()).stream().filter(e -> e.status() != 0).toList();
        assertThat(during).as("Hawtio polled Jolokia during the 30 s").isNotEmpty();
        assertThat(during).as("every poll answered 200: %s", describe(during)).allMatch(e -> e.status() == 200);

        // A fresh view, fed by new Jolokia requests: the JMX tree.
        browser.find(By.cssSelector("a[href$='/actuator/hawtio/jmx']")).click();
        browser.waitFor(RENDER, d -> d.findElements(treeNode("org.apache.camel")).stream().anyMatch(WebElement::isDisplayed)
                || d.getCurrentUrl().contains("/login") ? true : null);
        assertThat(browser.url()).as("the JMX view, not the login page").contains("/actuator/hawtio/jmx");
        assertThat(browser.find(treeNode("java.lang")).isDisplayed()).isTrue();
    }

    // ---------------------------------------------------------------- c. Hawtio's own logout

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void hawtiosLogOutEndsTheSession() {
        Browser browser = loggedIn("logout", OPERATOR, ROUTES);
        awaitHawtio(browser, "camel/routes", routeRow("registry-changes-log"));
        String session = browser.driver.manage().getCookieNamed("JSESSIONID").getValue();

        browser.find(By.id("hawtio-header-user-dropdown-toggle")).click();
        By logOut = By.xpath("//*[@role='menuitem' or self::button or self::a][normalize-space(.)='Log out']");
        try {
            browser.waitFor(Duration.ofSeconds(5), d -> d.findElements(logOut).stream().anyMatch(WebElement::isDisplayed) ? true : null);
        } catch (TimeoutException e) {
            fail("Hawtio's user menu offers no 'Log out'; it shows: "
                    + browser.driver.findElements(By.cssSelector("[role=menuitem]")).stream()
                    .map(WebElement::getText).toList());
        }
        browser.find(logOut).click();

        // The platform's logout page: a change of state, so a form with its CSRF token, not a link.
        browser.waitFor(RENDER, d -> d.getCurrentUrl().endsWith("/logout") ? true : null);
        browser.find(By.cssSelector("form[action$='/logout'] button[type=submit]")).click();
        browser.waitFor(RENDER, d -> d.getCurrentUrl().contains("/login") ? true : null);
        // Spring Security's login page after a logout (/login?logout) says so.
        assertThat(browser.text()).as("the login page tells the person they were signed out")
                .containsIgnoringCase("signed out");

        browser.get(baseUrl() + "/actuator/hawtio/");
        assertThat(browser.url()).as("Hawtio asks for a login again").endsWith("/login");
        // The session ended on the server, not only in this browser: its old cookie opens nothing.
        HttpResponse<String> replay = TestHttp.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/hawtio/"))
                .header("Cookie", "JSESSIONID=" + session).GET().build());
        assertThat(replay.statusCode()).as("old session cookie after logout").isEqualTo(302);
        assertThat(replay.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    // ---------------------------------------------------------------- d. Swagger UI on the same session

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void swaggerUiRunsAnAdminCallOnTheSessionHawtioUsed() {
        // Use Hawtio first, as an operator would; whether it renders is test a's business.
        Browser browser = loggedIn("swagger", ADMIN, ROUTES);
        try {
            browser.waitFor(Duration.ofSeconds(15), d -> !d.findElements(routeRow("registry-changes-log")).isEmpty()
                    || d.getCurrentUrl().contains("/login") ? true : null);
        } catch (TimeoutException e) {
            // Hawtio still loading: Swagger UI below must work all the same.
        }

        browser.get(baseUrl() + "/api/admin/docs");
        By listUsers = By.xpath("//div[contains(@class,'opblock-get')][.//*[@data-path='/api/admin/users']]");
        try {
            // Swagger UI is reached by a redirect to its index page; anything else (a refusal) ends the wait.
            browser.waitFor(RENDER, d -> !d.getCurrentUrl().contains("swagger-ui")
                    || d.findElements(listUsers).stream().anyMatch(WebElement::isDisplayed) ? true : null);
            assertThat(browser.driver.findElements(listUsers)).isNotEmpty();
        } catch (TimeoutException | AssertionError e) {
            fail("Swagger UI did not show the admin API on the console session (" + browser.url() + "): "
                    + browser.text().substring(0, Math.min(600, browser.text().length())));
        }
        assertThat(browser.url()).as("no second login").doesNotContain("/login");

        WebElement operation = browser.find(listUsers);
        operation.findElement(By.cssSelector(".opblock-summary")).click();
        browser.waitFor(RENDER, d -> operation.findElements(By.cssSelector("button.try-out__btn")).size() == 1 ? true : null);
        operation.findElement(By.cssSelector("button.try-out__btn")).click();
        browser.waitFor(RENDER, d -> operation.findElements(By.cssSelector("button.execute")).size() == 1 ? true : null);
        operation.findElement(By.cssSelector("button.execute")).click();
        String status = browser.waitFor(RENDER, d -> operation.findElements(
                By.cssSelector(".live-responses-table tbody .response-col_status")).stream()
                .map(WebElement::getText).map(String::trim).filter(s -> !s.isEmpty()).findFirst().orElse(null));
        assertThat(status).as("status of GET /api/admin/users from Swagger UI's Try it out").isEqualTo("200");
        assertThat(operation.findElement(By.cssSelector(".live-responses-table tbody .response-col_description")).getText())
                .contains("\"officer\"");
    }

    // ---------------------------------------------------------------- e. pages of other origins

    /** 127.0.0.1 is another site than localhost: a SameSite session cookie is not sent to it. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void pageOfAnotherSiteCannotActWithTheAdminsSession() throws Exception {
        foreignPageCannotActWithTheSession("127.0.0.1");
    }

    /** localhost on another port is the same site, another origin: only CSRF and Origin checks stop it. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void pageOfAnotherOriginOfTheSameSiteCannotActWithTheAdminsSession() throws Exception {
        foreignPageCannotActWithTheSession("localhost");
    }

    private void foreignPageCannotActWithTheSession(String foreignHost) throws Exception {
        String probe = "lgsp.browser.probe." + foreignHost.replace('.', '_');
        Logger postProbe = probe(probe + ".post");
        Logger getProbe = probe(probe + ".get");
        Logger imgProbe = probe(probe + ".img");
        assertThat(users.get("officer").enabled()).as("officer enabled before the attempt").isTrue();

        HttpServer foreign = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve(foreign, "/probe", probePage(baseUrl(), postProbe.getName(), getProbe.getName(), imgProbe.getName()));
        serve(foreign, "/form", "<!doctype html><title>form</title><form id=f method=POST action='" + baseUrl()
                + "/api/admin/users/officer/disable'><input type=hidden name=reason value=forged></form>"
                + "<script>document.getElementById('f').submit()</script>");
        foreign.start();
        String origin = "http://" + foreignHost + ":" + foreign.getAddress().getPort();
        try {
            // Straight to the login page; Hawtio, where it lands, is kept from running (and, as
            // today, from ending the session when its Jolokia POSTs are refused) during the login.
            Browser browser = browsers.open("foreign-" + foreignHost);
            browser.blockUrls("*/actuator/hawtio/*");
            browser.login(baseUrl() + "/login", ADMIN[0], ADMIN[1]);
            browser.blockUrls();
            // The admin's session works (the attacker's precondition): the browser itself lists the users.
            browser.get(baseUrl() + "/api/admin/users");
            assertThat(browser.text()).as("the admin's session opens the admin API").contains("\"officer\"");
            browser.get(origin + "/probe");
            browser.waitFor(RENDER, d -> "done".equals(d.getTitle()) ? true : null);
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) browser.driver.executeScript("return window.results");

            // A top-level form POST, as a link in a mail would start it; the browser lands on the platform.
            browser.get(origin + "/form");
            try {
                browser.waitFor(Duration.ofSeconds(10), d -> d.getCurrentUrl().startsWith(baseUrl()) ? true : null);
            } catch (TimeoutException e) {
                // The form was not submitted or not answered: the server-side check below decides.
            }
            String formAnswer = browser.url() + " " + browser.text();
            browser.save("foreign-page");
            Files.writeString(BrowserSupport.OUTPUT.resolve("foreign-" + foreignHost + "-results.txt"),
                    "foreign page " + origin + " saw: " + seen + "\nafter the form POST: " + formAnswer + "\n",
                    StandardCharsets.UTF_8);

            JsonNode officer = officerAsAdminSeesIt();
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(officer.path("enabled").asBoolean(false))
                    .as("officer still enabled after a form POST from %s to /api/admin/users/officer/disable; "
                            + "the browser showed: %s", origin, formAnswer).isTrue();
            soft.assertThat(postProbe.getLevel()).as("Jolokia exec by fetch POST from %s (page saw: %s)",
                    origin, seen.get("post")).isNull();
            soft.assertThat(String.valueOf(seen.get("post"))).as("Jolokia's answer must not be readable by %s", origin)
                    .startsWith("unreadable");
            soft.assertThat(getProbe.getLevel()).as("Jolokia GET exec by fetch no-cors from %s (page saw: %s)",
                    origin, seen.get("get")).isNull();
            soft.assertThat(imgProbe.getLevel()).as("Jolokia GET exec by <img> from %s (page saw: %s)",
                    origin, seen.get("img")).isNull();
            soft.assertAll();
        } finally {
            foreign.stop(0);
            if (!users.get("officer").enabled()) {
                // Other tests log in as the officer: undo what the forged request did.
                users.setEnabled("officer", true, "OperatorBrowserTest");
            }
            for (Logger logger : List.of(postProbe, getProbe, imgProbe)) {
                logger.setLevel(null);
            }
        }
    }

    /** A page of another origin trying three ways to make the logged-in browser run a Jolokia exec. */
    private static String probePage(String platform, String postLogger, String getLogger, String imgLogger) {
        String exec = platform + "/actuator/jolokia/exec/java.util.logging:type=Logging/setLoggerLevel/";
        return """
                <!doctype html><title>waiting</title><h1>An unrelated page</h1>
                <script>
                window.results = {};
                // (1) A POST with the session cookie; text/plain keeps it a "simple" request (no preflight).
                const post = fetch('%1$s/actuator/jolokia', {method: 'POST', credentials: 'include',
                    headers: {'Content-Type': 'text/plain'},
                    body: JSON.stringify({type: 'exec', mbean: 'java.util.logging:type=Logging',
                        operation: 'setLoggerLevel', arguments: ['%2$s', 'FINE']})})
                  .then(r => r.text().then(t => { results.post = 'readable ' + r.status + ' ' + t; }))
                  .catch(e => { results.post = 'unreadable (' + e + ')'; });
                // (2) The GET form of exec, answer unreadable but the call made.
                const get = fetch('%3$s%4$s/FINE', {mode: 'no-cors', credentials: 'include'})
                  .then(r => { results.get = 'sent, opaque answer ' + r.type; })
                  .catch(e => { results.get = 'failed (' + e + ')'; });
                // (3) The same as an image, as any page (or a mail) can embed.
                const img = new Promise(done => {
                  const i = new Image();
                  i.onload = () => done('loaded'); i.onerror = () => done('error (not an image, or refused)');
                  i.src = '%3$s%5$s/FINE';
                }).then(v => { results.img = v; });
                Promise.all([post, get, img]).then(() => { document.title = 'done'; });
                </script>
                """.formatted(platform, postLogger, exec, getLogger, imgLogger);
    }

    // ---------------------------------------------------------------- 3. survey of Hawtio's Jolokia requests

    /**
     * Not a check of the fix but a record for it: which Jolokia requests Hawtio sends while an
     * operator walks its views, to which URL, with which headers, and what they got. First as the
     * platform is (Hawtio's POSTs meet CSRF), then with the session's CSRF token added by the
     * test (DevTools extra header), so the survey can see the views Hawtio would use.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anOperatorWalkingHawtiosViewsIsRefusedOnlyWhatThePolicyForbids() throws Exception {
        String since = Instant.now().toString();
        Browser walk = loggedIn("walk", OPERATOR, ROUTES);
        awaitHawtio(walk, "camel/routes", routeRow("registry-changes-log"));
        List<String> steps = new ArrayList<>();
        step(steps, "camel route registry-events-refresh", () -> {
            walk.find(treeNode("registry-events-refresh")).click();
            Thread.sleep(PAUSE);
            openTabs(walk, "Attributes", "Operations", "Source", "Properties", "Exchanges", "Chart", "Route Diagram");
            return walk.url();
        });
        step(steps, "camel context views", () -> {
            walk.find(treeNode("lgsp")).click();
            Thread.sleep(PAUSE);
            openTabs(walk, "Routes", "Exchanges", "Source", "Route Diagram");
            return walk.url();
        });
        step(steps, "jmx artemis queue", () -> {
            openHawtio(walk, "jmx", treeNode("org.apache.activemq.artemis"));
            walk.find(By.id("input-search")).sendKeys("lgsp.delivery" + Keys.ENTER);
            selectQueueNode(walk, deliveryQueues().get(0));
            Thread.sleep(PAUSE);
            for (String tab : List.of("Operations", "Chart", "Attributes")) {
                walk.find(By.linkText(tab)).click();
                Thread.sleep(PAUSE);
            }
            return walk.url();
        });
        step(steps, "runtime and spring boot", () -> {
            walk.find(By.linkText("Runtime")).click();
            Thread.sleep(PAUSE);
            for (String tab : List.of("Metrics", "Threads")) {
                walk.find(By.linkText(tab)).click();
                Thread.sleep(PAUSE);
            }
            walk.find(By.linkText("Spring Boot")).click();
            Thread.sleep(PAUSE);
            return walk.url();
        });
        assertThat(steps).as("every view opened").noneMatch(step -> step.contains("FAILED"));
        assertThat(walk.url()).as("still in Hawtio, not sent to the login page").contains("/actuator/hawtio/");

        // Every call Hawtio made was let through (no CSRF or login refusal, which would end the session) ...
        // (those answered by now: a poll may still be in flight)
        List<Exchange> calls = jolokiaCalls(walk).stream().filter(call -> call.status() != 0).toList();
        assertThat(calls).isNotEmpty();
        assertThat(calls).allSatisfy(call -> assertThat(call.status()).as(call.method() + " " + call.url()).isEqualTo(200));
        Set<String> types = calls.stream().flatMap(e -> requests(e).stream()).map(r -> r.path("type").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(types).as("request types Hawtio sent").contains("read", "exec", "list", "search");
        // ... and the policy refused none of the operations its views run (a refused one is audited).
        JsonNode refused = read(TestHttp.get(baseUrl() + "/api/admin/message-log?kind=JMX_EXEC&size=200&from=" + since,
                ADMIN).body());
        assertThat(refused.path("items").findParents("kind")).as("operations refused to the operator in Hawtio's views")
                .noneSatisfy(row -> assertThat(row.path("actor").asText()).isEqualTo(OPERATOR[0]));
    }

    /** Opens each of these tabs the current view has, giving each time to send its requests. */
    private static void openTabs(Browser browser, String... tabs) throws InterruptedException {
        for (String tab : tabs) {
            List<WebElement> links = browser.driver.findElements(By.linkText(tab));
            if (!links.isEmpty()) {
                links.get(0).click();
                Thread.sleep(PAUSE);
            }
        }
    }

    private interface Step {
        String run() throws Exception;
    }

    private static void step(List<String> steps, String name, Step step) {
        long start = System.nanoTime();
        try {
            String outcome = step.run();
            steps.add(name + " (" + (System.nanoTime() - start) / 1_000_000 + " ms): " + outcome);
        } catch (Exception | AssertionError e) {
            steps.add(name + ": FAILED " + e.toString().lines().findFirst().orElse(""));
        }
    }

    /** The Jolokia requests in one HTTP exchange: a POST body (one or a bulk array), or the GET path. */
    private static List<JsonNode> requests(Exchange e) {
        List<JsonNode> out = new ArrayList<>();
        if (e.body() != null && !e.body().isBlank()) {
            try {
                JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.body());
                if (body.isArray()) {
                    body.forEach(out::add);
                } else {
                    out.add(body);
                }
            } catch (Exception ignored) {
                // Not JSON: not a Jolokia request body.
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    /** A browser logged in through the login page, reached by opening {@code startPath} (resumed after login). */
    private Browser loggedIn(String name, String[] account, String startPath) {
        Browser browser = browsers.open(name);
        browser.login(baseUrl() + startPath, account[0], account[1]);
        assertThat(browser.url()).as("login of %s accepted", account[0]).doesNotContain("error");
        return browser;
    }

    /**
     * Opens a Hawtio view and waits until {@code expected} shows; fails at once, with Hawtio's
     * Jolokia requests and their answers, when Hawtio sends the person back to the login page.
     */
    private void openHawtio(Browser browser, String view, By expected) {
        browser.get(baseUrl() + "/actuator/hawtio/" + view);
        awaitHawtio(browser, view, expected);
    }

    /** Waits for the Hawtio view the browser is on to show {@code expected} (see openHawtio). */
    private void awaitHawtio(Browser browser, String view, By expected) {
        try {
            browser.waitFor(RENDER, d -> d.getCurrentUrl().contains("/login")
                    || d.findElements(expected).stream().anyMatch(WebElement::isDisplayed) ? true : null);
        } catch (TimeoutException e) {
            fail("Hawtio's " + view + " did not show " + expected + " within " + RENDER + "; Jolokia: "
                    + describe(jolokiaCalls(browser)));
        }
        if (browser.url().contains("/login")) {
            fail("Hawtio sent the operator back to the login page (" + browser.url() + ") instead of showing " + view
                    + ". Its requests: " + describe(browser.exchanges().stream().filter(e -> e.url().contains("/jolokia")
                    || e.url().contains("/auth/")).toList()));
        }
    }

    private static By routeRow(String route) {
        return By.xpath("//tr[td[normalize-space(.)='" + route + "']]");
    }

    private static By treeNode(String label) {
        return By.xpath("//button[normalize-space(.)='" + label + "']");
    }

    private static boolean visibleText(Browser browser, String text) {
        return browser.driver.findElements(By.xpath("//*[not(self::script)][text()[contains(., '" + text + "')]]"))
                .stream().anyMatch(WebElement::isDisplayed);
    }

    /**
     * Clicks the tree node of the queue itself (its address node bears the same name). The queue's
     * node may only be shown once the tree has expanded (slowly, on a loaded machine): the nodes
     * are looked for again until a deadline.
     */
    private static void selectQueueNode(Browser browser, String queue) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (WebElement node : browser.driver.findElements(treeNode(queue))) {
                if (!node.isDisplayed()) {
                    continue;
                }
                node.click();
                try {
                    // Generous: on a loaded machine Hawtio takes seconds to route after a click.
                    browser.waitFor(Duration.ofSeconds(5), d -> d.getCurrentUrl().contains("queues") ? true : null);
                    return;
                } catch (TimeoutException e) {
                    // That was the address node: try the next one.
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        fail("No tree node of queue " + queue + " selects it; URL " + browser.url());
    }

    private static List<Exchange> jolokiaCalls(Browser browser) {
        return browser.exchanges().stream().filter(e -> e.url().contains("/jolokia") && "POST".equals(e.method())).toList();
    }

    private static String describe(List<Exchange> exchanges) {
        return exchanges.stream().map(e -> e.status() + " " + e.method() + " " + URI.create(e.url()).getPath()
                + (e.body() == null ? "" : " " + e.body().substring(0, Math.min(120, e.body().length()))))
                .distinct().collect(Collectors.joining("; ", "[", "]"));
    }

    /** The lgsp.delivery.* queues of the embedded broker, by name. */
    private static List<String> deliveryQueues() {
        try {
            return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(
                            "org.apache.activemq.artemis:component=addresses,subcomponent=queues,*"), null).stream()
                    .map(n -> ObjectName.unquote(n.getKeyProperty("queue")))
                    .filter(q -> q.startsWith("lgsp.delivery.")).sorted().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode officerAsAdminSeesIt() {
        HttpResponse<String> list = TestHttp.get(baseUrl() + "/api/admin/users", ADMIN);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode user : read(list.body())) {
            if ("officer".equals(user.path("username").asText())) {
                return user;
            }
        }
        throw new AssertionError("no officer in " + list.body());
    }

    private static Logger probe(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(null);
        synchronized (PROBES) {
            PROBES.add(logger);
        }
        return logger;
    }

    private static void serve(HttpServer server, String path, String html) {
        server.createContext(path, exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}
