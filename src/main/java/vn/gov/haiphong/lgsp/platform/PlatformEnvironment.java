package vn.gov.haiphong.lgsp.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.net.InetAddress;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Settles, before any bean exists, what must hold one value for the whole process:
 * <ul>
 * <li>this node's id ({@code lgsp.node-id}), unless configured: events carry it so every node can
 * tell its own registry changes from another node's, and it names the node's Kafka consumer groups;</li>
 * <li>whether this JVM runs its own Kafka broker: only when no external
 * {@code spring.kafka.bootstrap-servers} is configured and the embedded broker is not switched
 * off. It then fixes the broker's ports and points every Kafka client (Spring Kafka and Camel's
 * kafka component) at it, so no client needs to know the broker is in-JVM.</li>
 * </ul>
 */
public class PlatformEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String NODE_ID = "lgsp.node-id";

    static final String ACTIVE = "lgsp.kafka.embedded.active";
    static final String PORT = "lgsp.kafka.embedded.port";
    static final String CONTROLLER_PORT = "lgsp.kafka.embedded.controller-port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        boolean external = StringUtils.hasText(env.getProperty("spring.kafka.bootstrap-servers"));
        boolean enabled = env.getProperty("lgsp.kafka.embedded.enabled", Boolean.class, true);
        Map<String, Object> props = new LinkedHashMap<>();
        if (!StringUtils.hasText(env.getProperty(NODE_ID))) {
            props.put(NODE_ID, defaultNodeId(env.getProperty("server.port", "8080")));
        }
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
            EmbeddedKafkaServer.startEarly(Path.of(env.getProperty("lgsp.data-dir", "./data")),
                    Path.of(env.getProperty("lgsp.kafka.embedded.config-file", "./etc/kafka/embedded-broker.properties")),
                    port, controllerPort);
        }
        env.getPropertySources().addFirst(new MapPropertySource("lgspPlatform", props));
    }

    /**
     * Host name and HTTP port: the same after a restart (so a node keeps its Kafka consumer groups
     * instead of leaving one behind per start) and distinct for several nodes on one machine. A
     * random port (0, tests) gets a random suffix instead.
     */
    static String defaultNodeId(String serverPort) {
        String suffix = "0".equals(serverPort.trim()) ? UUID.randomUUID().toString().substring(0, 8) : serverPort.trim();
        return hostName() + "-" + suffix;
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (!StringUtils.hasText(host)) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "node";
            }
        }
        return host;
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
