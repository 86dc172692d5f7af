package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.gov.haiphong.lgsp.PlatformTestSupport;

/** The default profile's H2 file database, as the platform left it after migrating. */
class H2StoreSettingsTest extends PlatformTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void commitsAreWrittenAtOnce() {
        // H2 lists the setting twice (the database's and the store's view of it); both must say 0.
        assertThat(jdbc.queryForList("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME LIKE '%WRITE_DELAY'",
                String.class)).isNotEmpty().containsOnly("0");
    }

    @Test
    void everyIdentityColumnHandsOutNumbersFromALargeCache() {
        List<Map<String, Object>> identities = jdbc.queryForList("SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE IS_IDENTITY = 'YES' AND TABLE_SCHEMA = CURRENT_SCHEMA");
        assertThat(identities).extracting(row -> row.get("TABLE_NAME").toString().toLowerCase())
                .contains("event_outbox", "message_log", "delivery", "dataset_row_history");
        assertThat(identities).allSatisfy(row ->
                assertThat(((Number) row.get("IDENTITY_CACHE")).longValue()).isEqualTo(H2StoreSettings.IDENTITY_CACHE));
    }
}
