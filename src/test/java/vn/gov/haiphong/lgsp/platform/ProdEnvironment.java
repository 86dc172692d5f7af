package vn.gov.haiphong.lgsp.platform;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import vn.gov.haiphong.lgsp.PostgresTestSchema;

/**
 * The environment an operator gives a prod-profile node (every one of lgsp.required-settings), as
 * the tests that start one give it: a PostgreSQL schema of this machine, a single Kafka broker
 * (so replication 1), a fresh master key, an operator whose password is bcrypt-hashed. Callers
 * add what their start needs beside it.
 */
final class ProdEnvironment {

    private ProdEnvironment() {
    }

    static Map<String, String> of(PostgresTestSchema schema, String artemisUrl, String artemisPassword,
            String kafkaBootstrapServers, String operatorPassword) {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        Map<String, String> env = new HashMap<>();
        env.put("LGSP_DB_URL", schema.jdbcUrl());
        env.put("LGSP_DB_USER", PostgresTestSchema.USER);
        env.put("LGSP_DB_PASSWORD", "");
        env.put("LGSP_ARTEMIS_URL", artemisUrl);
        env.put("LGSP_ARTEMIS_USER", "lgsp");
        env.put("LGSP_ARTEMIS_PASSWORD", artemisPassword);
        env.put("LGSP_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("LGSP_KAFKA_REPLICATION_FACTOR", "1"); // one broker here
        env.put("LGSP_KAFKA_MIN_INSYNC_REPLICAS", "1");
        env.put("LGSP_GATEWAY_PUBLIC_URL", "https://lgsp.example");
        env.put("LGSP_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
        env.put("LGSP_OPERATOR_PASSWORD", "{bcrypt}" + new BCryptPasswordEncoder().encode(operatorPassword));
        return env;
    }
}
