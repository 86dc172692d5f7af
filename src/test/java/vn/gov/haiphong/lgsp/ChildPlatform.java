package vn.gov.haiphong.lgsp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform in a separate JVM (the default profile, as {@code mvn spring-boot:run}
 * starts it), for what a test cannot do to its own JVM: kill it without a graceful stop. Its
 * output goes to a log file beside its data directory.
 */
public final class ChildPlatform implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final int port;
    private final Map<String, String> settings;
    private final Map<String, String> environment = new HashMap<>();
    private String operatorPassword = "operator-dev-2025";
    private Process process;
    private int starts;
    private Path log;

    public ChildPlatform(Path dataDir, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.settings = settings;
    }

    /**
     * Environment variables of the child (as an operator sets {@code LGSP_*} for the prod profile),
     * and the operator password its health is checked with.
     */
    public ChildPlatform environment(Map<String, String> variables, String operatorPassword) {
        environment.putAll(variables);
        this.operatorPassword = operatorPassword;
        return this;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The output (log) of the latest start. */
    public Path log() {
        return log;
    }

    /** Starts the platform and waits until its health is UP. */
    public ChildPlatform start(Duration timeout) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                LgspApplication.class.getName(),
                "--lgsp.data-dir=" + dataDir,
                "--server.port=" + port,
                "--lgsp.kafka.embedded.port=0",
                "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false", "--lgsp.artemis.jmx-enabled=false"));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(dataDir);
            log = dataDir.resolveSibling(dataDir.getFileName() + "-run" + (++starts) + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The child platform exited with " + process.exitValue());
            }
            if (healthy()) {
                return this;
            }
            sleep(250);
        }
        kill();
        throw new IllegalStateException("The child platform was not healthy within " + timeout);
    }

    private boolean healthy() {
        try {
            String operator = Base64.getEncoder().encodeToString(("operator:" + operatorPassword)
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .header("Authorization", "Basic " + operator).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // The platform's own status, not any component's: {"status":"DOWN","components":{"db":{"status":"UP"...
            return response.statusCode() == 200 && JSON.readTree(response.body()).path("status").asText().equals("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, no flush. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
