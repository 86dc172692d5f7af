package vn.gov.haiphong.lgsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for tests, from Debian's {@code chromium} and {@code chromium-driver}
 * (installed by {@code .ci/run}). Register as a JUnit extension ({@code @RegisterExtension}):
 * browsers opened during a test are closed after it, and when the test failed each one's
 * screenshot, page source and network log are saved under {@code target/browser/} first.
 * Where the binaries are missing the test is skipped (an assumption), never failed.
 */
public final class BrowserSupport implements AfterTestExecutionCallback, AfterEachCallback {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path OUTPUT = Path.of("target/browser");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Browser> open = new ArrayList<>();

    /** Starts a browser with a fresh profile; skips the test when Chromium is not installed. */
    public Browser open(String name) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No headless browser here: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing "
                        + "(apt-get install chromium chromium-driver, as .ci/run does)");
        Browser browser = new Browser(name);
        open.add(browser);
        return browser;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
            for (Browser browser : open) {
                browser.save(test + "-FAILED");
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Browser browser : open) {
            browser.close();
        }
        open.clear();
    }

    /** One Chromium: its driver, and the network events (DevTools performance log) seen so far. */
    public static final class Browser implements AutoCloseable {

        public final String name;
        public final ChromeDriver driver;
        private final Path profile;
        private final List<JsonNode> network = new ArrayList<>();

        Browser(String name) {
            this.name = name;
            // Selenium Manager (which downloads drivers and browsers, and reports usage) runs only
            // when the driver or the browser is not given: both are, here and in the system property.
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            try {
                profile = Files.createTempDirectory("lgsp-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // As root (no sandbox), on a closed network (no QUIC, no component or sync traffic).
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                    "--user-data-dir=" + profile);
            // Network.* events, with the request bodies Hawtio posts to Jolokia.
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                    .withLogFile(OUTPUT.resolve("chromedriver-" + name + ".log").toFile()).build();
            try {
                Files.createDirectories(OUTPUT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        }

        public void get(String url) {
            driver.get(url);
        }

        public String url() {
            return driver.getCurrentUrl();
        }

        /** What a person reads on the page (visible text of the body). */
        public String text() {
            // innerText: WebElement.getText() misses text inside Hawtio's scrolled panels.
            Object text = driver.executeScript("return document.body ? document.body.innerText : ''");
            return text == null ? "" : text.toString();
        }

        public <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).until(condition);
        }

        /** Waits until the visible text of the page contains all these strings. */
        public void waitForText(Duration timeout, String... expected) {
            waitFor(timeout, d -> {
                String text = text();
                for (String e : expected) {
                    if (!text.contains(e)) {
                        return null;
                    }
                }
                return true;
            });
        }

        public WebElement find(By by) {
            return driver.findElement(by);
        }

        /**
         * Opens {@code startUrl}, expects Spring Security's generated login page, logs in there and
         * waits to be sent on (to {@code startUrl} when the platform saved it as the request to resume).
         */
        public void login(String startUrl, String username, String password) {
            get(startUrl);
            waitFor(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/login") ? true : null);
            find(By.name("username")).sendKeys(username);
            find(By.name("password")).sendKeys(password);
            find(By.cssSelector("button[type=submit], input[type=submit]")).click();
            waitFor(Duration.ofSeconds(20), d -> !d.getCurrentUrl().endsWith("/login") ? true : null);
        }

        /** DevTools: requests to URLs matching these patterns fail in the browser (none: unblock). */
        public void blockUrls(String... patterns) {
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
        }

        /** All Network.* DevTools events since the browser started (the log is drained into this list). */
        public synchronized List<JsonNode> network() {
            for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
                try {
                    JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                    if (message.path("method").asText().startsWith("Network.")) {
                        network.add(message);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return List.copyOf(network);
        }

        /** The requests seen so far, by DevTools request id, each with its response status (or 0). */
        public List<Exchange> exchanges() {
            Map<String, Exchange> byId = new LinkedHashMap<>();
            for (JsonNode event : network()) {
                JsonNode params = event.path("params");
                String id = params.path("requestId").asText();
                switch (event.path("method").asText()) {
                    case "Network.requestWillBeSent" -> {
                        JsonNode request = params.path("request");
                        // A redirect reuses the id: the earlier hop's answer comes as redirectResponse.
                        Exchange earlier = byId.remove(id);
                        if (earlier != null && params.has("redirectResponse")) {
                            byId.put(id + "#" + byId.size(), earlier.withStatus(params.path("redirectResponse")
                                    .path("status").asInt(), params.path("redirectResponse").path("headers")));
                        }
                        byId.put(id, new Exchange(request.path("method").asText(), request.path("url").asText(),
                                request.path("headers"), request.path("postData").asText(null), 0, null,
                                params.path("documentURL").asText()));
                    }
                    case "Network.responseReceived" -> {
                        Exchange e = byId.get(id);
                        if (e != null) {
                            byId.put(id, e.withStatus(params.path("response").path("status").asInt(),
                                    params.path("response").path("headers")));
                        }
                    }
                    default -> { }
                }
            }
            return List.copyOf(byId.values());
        }

        /** Saves the screenshot, page source, network log and console of this browser as target/browser/{label}-{name}.*. */
        public void save(String label) {
            String base = label + "-" + name;
            try {
                Files.createDirectories(OUTPUT);
                File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), OUTPUT.resolve(base + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(OUTPUT.resolve(base + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n"
                        + driver.getPageSource(), StandardCharsets.UTF_8);
                StringBuilder net = new StringBuilder();
                for (Exchange e : exchanges()) {
                    net.append(e.status).append(' ').append(e.method).append(' ').append(e.url)
                            .append(e.body == null ? "" : "  " + e.body);
                    // What decides cross-origin reads and cookies: worth seeing next to each request.
                    for (String header : List.of("Origin", "Cookie", "X-XSRF-TOKEN")) {
                        if (e.requestHeader(header) != null) {
                            net.append("  >").append(header).append(": ").append(e.requestHeader(header));
                        }
                    }
                    if (e.responseHeaders != null) {
                        e.responseHeaders.properties().forEach(h -> {
                            String n = h.getKey().toLowerCase(java.util.Locale.ROOT);
                            if (n.startsWith("access-control-") || n.equals("set-cookie") || n.equals("location")) {
                                net.append("  <").append(h.getKey()).append(": ").append(h.getValue().asText());
                            }
                        });
                    }
                    net.append('\n');
                }
                Files.writeString(OUTPUT.resolve(base + "-network.txt"), net, StandardCharsets.UTF_8);
                StringBuilder console = new StringBuilder();
                for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                    console.append(entry).append('\n');
                }
                Files.writeString(OUTPUT.resolve(base + "-console.txt"), console, StandardCharsets.UTF_8);
            } catch (Exception e) {
                // Evidence is best effort: a dead browser must not hide the test's own failure.
                System.err.println("Could not save the browser's state as " + base + ": " + e);
            }
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } catch (Exception e) {
                System.err.println("Browser " + name + " did not quit cleanly: " + e);
            }
            try {
                PlatformTestSupport.deleteTree(profile);
            } catch (IOException e) {
                // Chromium may still be writing its profile: a temporary directory left behind is harmless.
            }
        }
    }

    /** One HTTP request the browser made and the status it got (0: no answer seen). */
    public record Exchange(String method, String url, JsonNode requestHeaders, String body, int status,
                           JsonNode responseHeaders, String documentUrl) {

        Exchange withStatus(int status, JsonNode headers) {
            return new Exchange(method, url, requestHeaders, body, status, headers, documentUrl);
        }

        public String requestHeader(String name) {
            var fields = requestHeaders.properties().iterator();
            while (fields.hasNext()) {
                var f = fields.next();
                if (f.getKey().equalsIgnoreCase(name)) {
                    return f.getValue().asText();
                }
            }
            return null;
        }
    }
}
