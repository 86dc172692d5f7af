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
        SpringApplication.run(LgspApplication.class, args);
    }
}
