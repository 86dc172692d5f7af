package vn.gov.haiphong.lgsp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import vn.gov.haiphong.lgsp.platform.routing.RouteCheckTool;
import vn.gov.haiphong.lgsp.security.SecretsTool;

/** The unified LGSP of Hải Phòng: one JVM with H2, Artemis, Kafka and Camel in the default profile. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LgspApplication {

    public static void main(String[] args) throws Exception {
        // "hash-password" or "new-master-key": an operator's tool, not a start (security.SecretsTool).
        var tool = SecretsTool.run(args, System.console(), System.in, System.out, System.err);
        if (tool.isEmpty()) {
            // "test-routes [dir]": the routing tables' cases, without a start (platform.routing).
            tool = RouteCheckTool.run(args, System.out, System.err);
        }
        if (tool.isPresent()) {
            System.exit(tool.get());
        }
        try {
            SpringApplication.run(LgspApplication.class, args);
        } catch (Throwable failedStart) {
            // Spring Boot has reported why. Exit even where a component started before the failure
            // (a broker, a pool) left threads that would keep a half-started JVM running.
            System.exit(1);
        }
    }
}
