package vn.gov.haiphong.lgsp.platform;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/** Health of the Kafka cluster the platform publishes to (embedded or external): component "kafka". */
@Component("kafka")
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final Map<String, Object> config;
    private volatile AdminClient admin;

    public KafkaHealthIndicator(KafkaProperties kafkaProperties) {
        super("Kafka health check failed");
        this.config = kafkaProperties.buildAdminProperties(null);
        config.put("request.timeout.ms", 3000);
        config.put("default.api.timeout.ms", 3000);
    }

    /** Created on the first check, not at start-up, when the broker may still be coming up. */
    private AdminClient admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = AdminClient.create(config);
                }
            }
        }
        return admin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(3000));
        int nodes = cluster.nodes().get(3, TimeUnit.SECONDS).size();
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS))
                .withDetail("nodes", nodes);
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close();
        }
    }
}
