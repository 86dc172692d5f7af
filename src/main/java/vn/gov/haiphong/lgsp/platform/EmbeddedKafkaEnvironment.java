package vn.gov.haiphong.lgsp.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides, before any bean exists, whether this JVM runs its own Kafka broker: only when no
 * external {@code spring.kafka.bootstrap-servers} is configured and the embedded broker is not
 * switched off. It then fixes the broker's ports and points every Kafka client (Spring Kafka and
 * Camel's kafka component) at it, so no client needs to know the broker is in-JVM.
 */
public class EmbeddedKafkaEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String ACTIVE = "lgsp.kafka.embedded.active";
    static final String PORT = "lgsp.kafka.embedded.port";
    static final String CONTROLLER_PORT = "lgsp.kafka.embedded.controller-port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        boolean external = StringUtils.hasText(env.getProperty("spring.kafka.bootstrap-servers"));
        boolean enabled = env.getProperty("lgsp.kafka.embedded.enabled", Boolean.class, true);
        Map<String, Object> props = new LinkedHashMap<>();
        if (external || !enabled) {
            props.put(ACTIVE, "false");
            props.putIfAbsent("camel.component.kafka.brokers", env.getProperty("spring.kafka.bootstrap-servers", ""));
        } else {
            int port = portOrFree(env.getProperty(PORT, Integer.class, 9092));
            int controllerPort = portOrFree(env.getProperty(CONTROLLER_PORT, Integer.class, 0));
            String bootstrap = "localhost:" + port;
            props.put(ACTIVE, "true");
            props.put(PORT, port);
            props.put(CONTROLLER_PORT, controllerPort);
            props.put("spring.kafka.bootstrap-servers", bootstrap);
            props.put("camel.component.kafka.brokers", bootstrap);
        }
        env.getPropertySources().addFirst(new MapPropertySource("lgspEmbeddedKafka", props));
    }

    /** 0 means "any free port" (tests, several nodes on one machine). */
    private static int portOrFree(int configured) {
        if (configured > 0) {
            return configured;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the embedded Kafka broker", e);
        }
    }

    @Override
    public int getOrder() {
        // After config files are read (ConfigDataEnvironmentPostProcessor is HIGHEST + 10).
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
