package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.PostgresTestSchema;

/** The start-up warning about a PostgreSQL that never analyzes the platform's tables, on real servers. */
class PostgresMaintenanceCheckTest {

    @Test
    void thisMachinesPostgresIsJudgedByItsOwnSettings() throws SQLException {
        try (PostgresTestSchema schema = PostgresTestSchema.createOrSkip("lgsp_maintenance", "the autovacuum warning was")) {
            JdbcClient jdbc = JdbcClient.create(schema.dataSource());
            String autovacuum = jdbc.sql("SHOW autovacuum").query(String.class).single();
            String trackCounts = jdbc.sql("SHOW track_counts").query(String.class).single();

            var findings = new PostgresMaintenanceCheck(schema.dataSource()).findings();

            if ("off".equals(autovacuum)) {
                assertThat(findings).anySatisfy(finding -> assertThat(finding)
                        .startsWith("PostgreSQL setting autovacuum is off")
                        .contains("autovacuum = on").contains("VACUUM ANALYZE"));
            } else {
                assertThat(findings).noneMatch(finding -> finding.contains("setting autovacuum "));
            }
            if ("off".equals(trackCounts)) {
                assertThat(findings).anyMatch(finding -> finding.startsWith("PostgreSQL setting track_counts is off"));
            } else {
                assertThat(findings).noneMatch(finding -> finding.contains("setting track_counts "));
            }
            assertThat(findings).hasSize(("off".equals(autovacuum) ? 1 : 0) + ("off".equals(trackCounts) ? 1 : 0));
        }
    }

    @Test
    void h2NeedsNoAutovacuum() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:maintenance-" + UUID.randomUUID());

        assertThat(new PostgresMaintenanceCheck(h2).findings()).isEmpty();
    }
}
