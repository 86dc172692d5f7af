package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformEnvironmentTest {

    @Test
    void theDefaultNodeIdIsTheSameAfterARestartAndDiffersPerPort() {
        String first = PlatformEnvironment.defaultNodeId("8080");
        assertThat(PlatformEnvironment.defaultNodeId("8080")).as("after a restart").isEqualTo(first).endsWith("-8080");
        assertThat(PlatformEnvironment.defaultNodeId("8081")).as("a second node on this machine").isNotEqualTo(first);
        assertThat(PlatformEnvironment.defaultNodeId("0")).as("random port: one id per process")
                .isNotEqualTo(PlatformEnvironment.defaultNodeId("0")).doesNotEndWith("-0");
    }
}
