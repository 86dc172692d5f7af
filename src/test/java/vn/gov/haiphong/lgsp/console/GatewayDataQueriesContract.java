package vn.gov.haiphong.lgsp.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.CallRow;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.CallStats;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.ConflictRow;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.GrantRow;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.Outcome;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;

/**
 * The console's gateway and data queries on a database migrated with the project's migrations
 * (H2 and PostgreSQL run the same checks): a few rows of each table, then every query. The calls
 * are written through {@link MessageLog} with the detail the gateway audit writes (keys sorted).
 */
abstract class GatewayDataQueriesContract {

    private static final String SERVICE = "t.console.units";
    private static final String SYSTEM = "hp.test.qlvb";
    private static final String AGENCY = "000.00.92.H27";

    abstract DataSource dataSource();

    private JdbcClient jdbc;
    private GatewayDataQueries queries;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void rows() {
        jdbc = JdbcClient.create(dataSource());
        ObjectMapper json = new ObjectMapper();
        queries = new GatewayDataQueries(jdbc, json);
        if (jdbc.sql("SELECT COUNT(*) FROM gw_service WHERE service_code = ?").param(SERVICE).query(Long.class).single() > 0) {
            return;
        }
        var at = now.atOffset(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO agency (code, name, region, status, source, version, updated_at) VALUES (?, ?, 'HP', 'ACTIVE', 'ADMIN', 1, ?)")
                .params(AGENCY, "Sở Thử nghiệm", at).update();
        jdbc.sql("INSERT INTO connected_system (system_id, name, owner_agency, protocols, delivery_mode, signature_policy, "
                        + "enabled, created_at, updated_at) VALUES (?, ?, ?, 'VDXP', 'PULL', 'OFF', TRUE, ?, ?)")
                .params(SYSTEM, "Phần mềm quản lý văn bản thử", AGENCY, at, at).update();
        jdbc.sql("INSERT INTO gw_service (service_code, name, provider_system, kind, timeout_ms, max_request_bytes, "
                        + "max_response_bytes, rate_per_second, rate_burst, enabled, version, updated_at) "
                        + "VALUES (?, ?, ?, 'REST', 5000, 1000, 2000, 20, 40, TRUE, 1, ?)")
                .params(SERVICE, "Tra cứu đơn vị (thử)", SYSTEM, at).update();
        jdbc.sql("INSERT INTO gw_service (service_code, name, provider_system, kind, timeout_ms, max_request_bytes, "
                        + "max_response_bytes, rate_per_second, rate_burst, enabled, version, updated_at) "
                        + "VALUES ('t.console.soap_x', 'Dịch vụ SOAP', ?, 'SOAP', 5000, 1000, 2000, 20, 40, FALSE, 1, ?)")
                .params(SYSTEM, at).update();
        jdbc.sql("INSERT INTO gw_service_endpoint (service_code, name, url) VALUES (?, 'default', 'http://10.0.0.1/units')")
                .param(SERVICE).update();
        jdbc.sql("INSERT INTO gw_group (group_id, name, region, within_agency, updated_at) VALUES ('t-hd', 'Khu vực HD', 'HD', ?, ?)")
                .params(AGENCY, at).update();
        jdbc.sql("INSERT INTO gw_group_member (group_id, system_id) VALUES ('t-hd', ?)").param(SYSTEM).update();
        jdbc.sql("INSERT INTO gw_grant (service_code, subject_type, subject, http_method, path_pattern, created_by, created_at) "
                + "VALUES (?, 'SYSTEM', ?, NULL, NULL, 'operator', ?)").params(SERVICE, SYSTEM, at).update();
        jdbc.sql("INSERT INTO gw_grant (service_code, subject_type, subject, http_method, path_pattern, created_by, created_at) "
                + "VALUES (?, 'GROUP', 't-hd', 'GET', '/units/**', 'operator', ?)").params(SERVICE, at).update();

        MessageLog log = messageLog(Clock.fixed(now.minus(Duration.ofMinutes(5)), ZoneOffset.UTC));
        log.appendAll(List.of(
                call(SYSTEM, 200, null, 1_000), call(SYSTEM, 200, null, 2_000), call(SYSTEM, 404, null, 3_000),
                call(SYSTEM, 503, null, 4_000), call(SYSTEM, 502, "GW-502", 5_000), call(SYSTEM, 403, "GW-202", 10),
                call(null, 401, "GW-105", 20), call(SYSTEM, 500, "LGSP-500", 30)));
        // Two days ago: outside the last 24 hours, inside the last 7 days.
        messageLog(Clock.fixed(now.minus(Duration.ofDays(2)), ZoneOffset.UTC)).appendAll(List.of(call(SYSTEM, 200, null, 9_000)));

        jdbc.sql("INSERT INTO dataset_row (dataset, row_key, version, region, payload, updated_at, updated_by, deleted) "
                + "VALUES ('t-units', '1', 1, 'HP', '{}', ?, 'x', FALSE), ('t-units', '2', 1, 'HD', '{}', ?, 'x', FALSE), "
                + "('t-units', '3', 2, 'HP', '{}', ?, 'x', TRUE)").params(at, at, at).update();
        jdbc.sql("INSERT INTO dataset_grant (dataset, grantee, access, granted_at, granted_by) VALUES "
                + "('t-units', ?, 'READ', ?, 'operator'), ('t-units', ?, 'WRITE', ?, 'operator'), "
                + "('t-units', 'gone.system', 'READ', ?, 'operator')").params(AGENCY, at, SYSTEM, at, at).update();
        jdbc.sql("INSERT INTO hd_sync_state (dataset, row_key, hd_version, base_version, received_at) VALUES ('t-units', '2', 3, 1, ?)")
                .param(at).update();
        conflict("2", "OPEN", null, at);
        conflict("1", "RESOLVED", "HD", at);
    }

    private void conflict(String key, String status, String resolution, java.time.OffsetDateTime at) {
        jdbc.sql("INSERT INTO dataset_conflict (dataset, row_key, status, detected_at, hd_version, hd_deleted, hd_payload, "
                        + "hd_source, base_version, platform_version, platform_deleted, platform_payload, platform_region, "
                        + "platform_updated_at, platform_updated_by, resolution, resolved_at, resolved_by, resolved_version, note) "
                        + "VALUES ('t-units', ?, ?, ?, 3, FALSE, ?, 'hd.legacy.t-units/0@7', 1, 2, FALSE, ?, 'HD', ?, 'hp.x', ?, ?, ?, ?, ?)")
                .params(key, status, at, "{\"code\":\"" + key + "\",\"population\":36300}",
                        "{\"code\":\"" + key + "\",\"population\":35000}", at, resolution,
                        resolution == null ? null : at, resolution == null ? null : "steward",
                        resolution == null ? null : 3L, resolution == null ? null : "Số liệu mới")
                .update();
    }

    private MessageLog messageLog(Clock clock) {
        return new MessageLog(new JdbcTemplate(dataSource()), new DataSourceTransactionManager(dataSource()),
                new ObjectMapper(), "test-node", clock);
    }

    /** As GatewayAudit writes a call: the same columns, the same detail keys (nulls included). */
    private static MessageLogEntry call(String client, int status, String code, long micros) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", java.util.UUID.randomUUID().toString());
        data.put("client", client);
        data.put("service", SERVICE);
        data.put("kind", "REST");
        data.put("operation", "GET /units/1");
        data.put("endpoint", code == null ? "default" : null);
        data.put("status", status);
        data.put("code", code);
        data.put("durationMicros", micros);
        data.put("requestBytes", 0);
        data.put("responseBytes", 10);
        data.put("requestSha256", null);
        data.put("requestHash", null);
        data.put("at", Instant.now().toString());
        return new MessageLogEntry("GATEWAY_CALL", (String) data.get("requestId"),
                client == null ? "unauthenticated:hp.forged" : client, client, SERVICE, "GET /units/1",
                code == null ? "OK" : code, null, 10L, data);
    }

    @Test
    void servicesWithEndpointsAndFilters() {
        var page = queries.services("CONSOLE", null, 0, 10);
        assertThat(page).extracting(GatewayDataQueries.ServiceRow::code).containsExactly("t.console.soap_x", SERVICE);
        var units = page.get(1);
        assertThat(units.providerName()).isEqualTo("Phần mềm quản lý văn bản thử");
        assertThat(units.endpoints()).containsEntry("default", "http://10.0.0.1/units");
        assertThat(units.ratePerSecond()).isEqualTo(20);
        assertThat(queries.services("console", "SOAP", 0, 10)).extracting(GatewayDataQueries.ServiceRow::code)
                .containsExactly("t.console.soap_x");
        // "_" is a letter here, not LIKE's any-character
        assertThat(queries.services("soap_", null, 0, 10)).hasSize(1);
        assertThat(queries.services("soap%x", null, 0, 10)).isEmpty();
        assertThat(queries.services("console", null, 1, 1)).extracting(GatewayDataQueries.ServiceRow::code)
                .containsExactly(SERVICE);
        assertThat(queries.service(SERVICE)).isPresent();
        assertThat(queries.service("t.none")).isEmpty();
    }

    @Test
    void grantsNameTheirSubjects() {
        List<GrantRow> grants = queries.grants(List.of(SERVICE)).get(SERVICE);
        assertThat(grants).hasSize(2);
        assertThat(grants.get(0).subjectName()).isEqualTo("Phần mềm quản lý văn bản thử");
        GrantRow group = grants.get(1);
        assertThat(group.subjectName()).isEqualTo("Khu vực HD");
        assertThat(group.method()).isEqualTo("GET");
        assertThat(group.pathPattern()).isEqualTo("/units/**");
        assertThat(group.groupRegion()).isEqualTo("HD");
        assertThat(group.groupWithinAgencyName()).isEqualTo("Sở Thử nghiệm");
        assertThat(group.groupMembers()).containsExactly(SYSTEM);
    }

    @Test
    void callStatsByOutcomeClassWithLatencyOfRelayedCalls() {
        CallStats day = queries.callStats(List.of(SERVICE, "t.console.soap_x"), now.minus(Duration.ofHours(24))).get(SERVICE);
        assertThat(day.calls()).isEqualTo(8);
        assertThat(day.refused()).as("GW-202, GW-105").isEqualTo(2);
        assertThat(day.upstreamFailed()).as("the provider's 503, GW-502").isEqualTo(2);
        assertThat(day.otherErrors()).as("LGSP-500").isEqualTo(1);
        assertThat(day.unauthenticated()).isEqualTo(1);
        assertThat(day.ok()).as("200, 200, and the provider's 404").isEqualTo(3);
        // relayed calls only: 1, 2, 3, 4 and 5 ms
        assertThat(day.maxMicros()).isEqualTo(5_000L);
        assertThat(day.avgMicros()).isCloseTo(3_000.0, within(0.5));
        assertThat(day.p50Micros()).isCloseTo(3_000.0, within(0.5));
        assertThat(day.p95Micros()).isCloseTo(4_800.0, within(0.5));
        assertThat(day.lastCall()).isEqualTo(now.minus(Duration.ofMinutes(5)));

        assertThat(queries.callStats(List.of(SERVICE), now.minus(Duration.ofDays(7))).get(SERVICE).calls()).isEqualTo(9);
        assertThat(queries.callStats(List.of(SERVICE), now.minus(Duration.ofMinutes(1)))).doesNotContainKey(SERVICE);
        assertThat(queries.callTotals(now.minus(Duration.ofHours(24))).calls()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void recentCallsNewestFirstFilteredAndPaged() {
        Instant day = now.minus(Duration.ofHours(24));
        List<CallRow> all = queries.calls(SERVICE, now.minus(Duration.ofDays(7)), null, Outcome.ALL, 0, 50);
        assertThat(all).hasSize(9);
        assertThat(all.get(8).durationMicros()).as("the oldest, last").isEqualTo(9_000L);
        assertThat(queries.calls(SERVICE, day, null, Outcome.ALL, 0, 3)).hasSize(3);
        assertThat(queries.calls(SERVICE, day, null, Outcome.ALL, 6, 3)).hasSize(2);
        assertThat(queries.calls(SERVICE, day, null, Outcome.REFUSED, 0, 50)).extracting(CallRow::outcome)
                .containsExactlyInAnyOrder("GW-202", "GW-105");
        List<CallRow> upstream = queries.calls(SERVICE, day, null, Outcome.UPSTREAM, 0, 50);
        assertThat(upstream).extracting(CallRow::status).containsExactlyInAnyOrder(503, 502);
        assertThat(upstream).allMatch(c -> c.outcomeClass().equals("upstream"));
        assertThat(queries.calls(SERVICE, day, null, Outcome.OK, 0, 50)).extracting(CallRow::status)
                .containsExactlyInAnyOrder(200, 200, 404);
        assertThat(queries.calls(SERVICE, day, null, Outcome.OTHER, 0, 50)).extracting(CallRow::outcome)
                .containsExactly("LGSP-500");
        List<CallRow> mine = queries.calls(SERVICE, day, SYSTEM, Outcome.ALL, 0, 50);
        assertThat(mine).hasSize(7).allMatch(c -> "Phần mềm quản lý văn bản thử".equals(c.clientName()));

        var clients = queries.clients(SERVICE, day, 10);
        assertThat(clients).extracting(GatewayDataQueries.ClientStats::actor)
                .containsExactly(SYSTEM, "unauthenticated:hp.forged");
        assertThat(clients.get(0).calls()).isEqualTo(7);
        assertThat(clients.get(0).systemName()).isEqualTo("Phần mềm quản lý văn bản thử");
    }

    @Test
    void datasetsCountsGrantsAndConflicts() {
        assertThat(queries.rowCounts().get("t-units")).isEqualTo(new GatewayDataQueries.RowCounts(2, 1));
        assertThat(queries.conflictCounts().get("t-units")).isEqualTo(new GatewayDataQueries.ConflictCounts(1, 1));
        assertThat(queries.syncStates().get("t-units").rows()).isEqualTo(1);
        var grants = queries.datasetGrants(List.of("t-units")).get("t-units");
        assertThat(grants).extracting(GatewayDataQueries.DatasetGrantRow::granteeKind)
                .containsExactly("AGENCY", "UNKNOWN", "SYSTEM");
        assertThat(grants.get(0).granteeName()).isEqualTo("Sở Thử nghiệm");
        assertThat(grants.get(2).granteeName()).isEqualTo("Phần mềm quản lý văn bản thử");
        assertThat(queries.agencyNames(List.of(AGENCY, "000.00.00.X99"))).containsExactly(Map.entry(AGENCY, "Sở Thử nghiệm"));

        List<ConflictRow> open = queries.conflicts("t-units", "OPEN", null, 0, 10);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).key()).isEqualTo("2");
        assertThat(open.get(0).hdData()).containsEntry("population", 36300);
        assertThat(open.get(0).platformData()).containsEntry("population", 35000);
        assertThat(open.get(0).resolution()).isNull();
        List<ConflictRow> resolved = queries.conflicts(null, "RESOLVED", null, 0, 10);
        assertThat(resolved).extracting(ConflictRow::key).contains("1");
        assertThat(resolved.get(0).resolvedBy()).isEqualTo("steward");
        assertThat(queries.conflicts("t-units", null, null, 0, 1)).extracting(ConflictRow::key).containsExactly("1");
        assertThat(queries.conflicts("t-units", null, null, 1, 1)).extracting(ConflictRow::key).containsExactly("2");
        assertThat(queries.conflicts("t-units", null, "2", 0, 10)).hasSize(1);
    }
}
