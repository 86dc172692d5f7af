package vn.gov.haiphong.lgsp.platform;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jms.connection.DelegatingConnectionFactory;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Health component "jms" (for operators, not part of readiness): whether a new connection to Artemis opens and
 * starts, answered within {@code lgsp.artemis.health-timeout} whatever the broker does. Spring
 * Boot's own check waits on the cached connection, which blocks while the client fails over or
 * reconnects (a node's health then did not answer at all); here the check runs on its own thread
 * with a fresh connection of the underlying factory (trying each broker of the URL), and a check
 * still waiting when the next one is asked for is not started twice.
 */
@Component("jmsHealthContributor")
public class ArtemisHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final ConnectionFactory connectionFactory;
    private final Duration timeout;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "artemis-health");
        thread.setDaemon(true);
        return thread;
    });
    private Future<String> pending;

    public ArtemisHealthIndicator(ConnectionFactory connectionFactory,
                                  @Value("${lgsp.artemis.health-timeout}") Duration timeout) {
        super("Artemis health check failed");
        this.connectionFactory = unwrap(connectionFactory);
        this.timeout = timeout;
    }

    /** The factory that makes real connections: not the cache (its one connection may be failing over). */
    static ConnectionFactory unwrap(ConnectionFactory factory) {
        while (true) {
            if (factory instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null) {
                factory = single.getTargetConnectionFactory();
            } else if (factory instanceof DelegatingConnectionFactory delegating
                    && delegating.getTargetConnectionFactory() != null) {
                factory = delegating.getTargetConnectionFactory();
            } else {
                return factory;
            }
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        Future<String> check;
        synchronized (this) {
            if (pending == null || pending.isDone()) {
                pending = checker.submit(this::connect);
            }
            check = pending;
        }
        try {
            builder.up().withDetail("provider", check.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            builder.down().withDetail("error", "Artemis did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            builder.down(e.getCause() instanceof Exception cause ? cause : e);
        }
    }

    private String connect() throws Exception {
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            return connection.getMetaData().getJMSProviderName();
        }
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
