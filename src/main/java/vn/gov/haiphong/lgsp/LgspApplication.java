package vn.gov.haiphong.lgsp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The unified LGSP of Hải Phòng: one JVM with H2, Artemis, Kafka and Camel in the default profile. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LgspApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(LgspApplication.class, args);
        } catch (Throwable failedStart) {
            // Spring Boot has reported why. Exit even where a component started before the failure
            // (a broker, a pool) left threads that would keep a half-started JVM running.
            System.exit(1);
        }
    }
}
