package vn.gov.haiphong.lgsp.platform.routing;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code test-routes [routes-dir]}: an integrator's check of the routing tables before they are
 * deployed, without starting the platform. Loads every {@code *.camel.yaml} of the directory
 * (default {@code ./routes}) and runs every case of its {@code tests/}; prints each failure and
 * a summary; exits 0 when all pass, 1 when something fails, 2 on a usage error.
 */
public final class RouteCheckTool {

    public static final String COMMAND = "test-routes";

    private RouteCheckTool() {
    }

    /** @return the exit status, or empty when {@code args} name another command (or a start) */
    public static Optional<Integer> run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !COMMAND.equals(args[0])) {
            return Optional.empty();
        }
        if (args.length > 2) {
            err.println("Usage: " + COMMAND + " [routes-dir]   (default ./routes)");
            return Optional.of(2);
        }
        Path dir = Path.of(args.length == 2 ? args[1] : "routes");
        if (!Files.isDirectory(dir)) {
            err.println("No routes directory " + dir.toAbsolutePath());
            return Optional.of(2);
        }
        // Only the verdict on the terminal: Camel's start and stop lines are no news here.
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        RouteFiles files = RouteFiles.fromDirectory(dir);
        out.println("Checking " + files.tables().size() + " table(s) and " + files.cases().size()
                + " case file(s) in " + dir);
        RouteCaseRunner.Verdict verdict = new RouteCaseRunner(platformSettings()).check(files);
        out.println(verdict.report());
        return Optional.of(verdict.passed() ? 0 : 1);
    }

    /** The platform's own defaults (application.yml in the jar), overridable with -Dname=value. */
    static Function<String, String> platformSettings() {
        ClassPathResource yaml = new ClassPathResource("application.yml");
        if (!yaml.exists()) {
            return System::getProperty;
        }
        YamlPropertiesFactoryBean flat = new YamlPropertiesFactoryBean();
        flat.setResources(yaml);
        Properties settings = flat.getObject();
        return key -> System.getProperty(key, settings.getProperty(key));
    }
}
