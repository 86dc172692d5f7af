package vn.gov.haiphong.lgsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole platform of its own in this JVM (default profile: in-JVM Artemis and Kafka, demo data)
 * on a PostgreSQL database, with its own data directory and free ports, beside the suite's shared
 * one: for tests of what the shared H2 platform cannot show. {@link #with} adds or overrides a
 * setting before {@link #start}; {@link #close} stops it and deletes its data directory.
 */
public final class InJvmPlatform implements AutoCloseable {

    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Path dataDir;
    private ConfigurableApplicationContext app;

    public InJvmPlatform(String name, String jdbcUrl) {
        this.dataDir = Path.of("./target/test-data/" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        settings.put("spring.datasource.url", jdbcUrl);
        settings.put("spring.datasource.username", PostgresTestSchema.USER);
        settings.put("spring.datasource.password", "");
        settings.put("lgsp.data-dir", dataDir);
        settings.put("lgsp.routes-dir", PlatformTestSupport.ROUTES_DIR);
        settings.put("lgsp.kafka.embedded.port", 0);
        settings.put("server.port", 0);
        // The shared platform of the same JVM has these names registered already.
        settings.put("spring.jmx.enabled", false);
        settings.put("camel.main.jmx-enabled", false);
        settings.put("lgsp.artemis.jmx-enabled", false);
    }

    public InJvmPlatform with(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    public Path dataDir() {
        return dataDir;
    }

    public InJvmPlatform start() {
        app = new SpringApplicationBuilder(LgspApplication.class).run(settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        return this;
    }

    public ConfigurableApplicationContext context() {
        return app;
    }

    public String baseUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @Override
    public void close() throws IOException {
        if (app != null) {
            app.close();
        }
        PlatformTestSupport.deleteTree(dataDir);
    }
}
