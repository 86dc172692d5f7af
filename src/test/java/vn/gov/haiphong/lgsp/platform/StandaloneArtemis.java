package vn.gov.haiphong.lgsp.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One broker of the Artemis pair as an operator runs it: the standalone distribution Maven
 * unpacked into {@code target/artemis-distribution/}, an instance made by
 * {@code etc/artemis/create-instance.sh} (the repository's broker.xml, unchanged), started with
 * its own {@code bin/artemis run} and the variables broker.xml reads.
 */
final class StandaloneArtemis implements AutoCloseable {

    static final String VERSION = org.apache.activemq.artemis.utils.VersionLoader.getVersion().getFullVersion();
    static final Path HOME = Path.of("target/artemis-distribution/apache-artemis-" + VERSION).toAbsolutePath();

    private final Path instance;
    private final Map<String, String> environment;
    private Process process;

    private StandaloneArtemis(Path instance, Map<String, String> environment) {
        this.instance = instance;
        this.environment = environment;
    }

    static boolean distributionPresent() {
        return Files.isExecutable(HOME.resolve("bin/artemis"));
    }

    /** Makes the instance with create-instance.sh; passwords from {@code createEnvironment}. */
    static StandaloneArtemis create(Path instance, Map<String, String> createEnvironment, Map<String, String> runEnvironment)
            throws IOException, InterruptedException {
        ProcessBuilder create = new ProcessBuilder("bash", Path.of("etc/artemis/create-instance.sh").toAbsolutePath().toString(),
                HOME.toString(), instance.toAbsolutePath().toString()).redirectErrorStream(true)
                .redirectOutput(instance.resolveSibling(instance.getFileName() + "-create.log").toFile());
        create.environment().putAll(createEnvironment);
        Files.createDirectories(instance.getParent());
        Process making = create.start();
        if (!making.waitFor(3, TimeUnit.MINUTES) || making.exitValue() != 0) {
            making.destroyForcibly();
            throw new IllegalStateException("create-instance.sh failed: "
                    + Files.readString(instance.resolveSibling(instance.getFileName() + "-create.log")));
        }
        return new StandaloneArtemis(instance, runEnvironment);
    }

    Path log() {
        return instance.resolveSibling(instance.getFileName() + "-run.log");
    }

    StandaloneArtemis start() throws IOException {
        ProcessBuilder run = new ProcessBuilder(instance.resolve("bin/artemis").toAbsolutePath().toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        run.environment().putAll(environment);
        process = run.start();
        return this;
    }

    /** Waits until the broker's log shows this line (e.g. AMQ221007 "Server is now active"). */
    void awaitLog(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (logText().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Artemis " + instance.getFileName() + " exited: " + logText());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Artemis " + instance.getFileName() + " did not log '" + text + "' within "
                + timeout + ": " + logText());
    }

    String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL (bin/artemis execs the JVM, so this is the broker itself). */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
