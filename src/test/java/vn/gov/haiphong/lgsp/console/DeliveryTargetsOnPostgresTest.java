package vn.gov.haiphong.lgsp.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.PostgresTestSchema;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;
import vn.gov.haiphong.lgsp.console.DeliveryTargets.DeadLetter;
import vn.gov.haiphong.lgsp.console.DeliveryTargets.DeadLetterFilter;
import vn.gov.haiphong.lgsp.console.DeliveryTargets.Target;

/**
 * The console's read-model SQL ({@link DeliveryTargets}: targets, dead letters, documents per
 * route and day) on PostgreSQL, the production database, against the project's migrations in a
 * fresh schema with a few rows; the browser tests run the same queries on H2. Skipped, saying
 * why, only when no PostgreSQL answers.
 */
class DeliveryTargetsOnPostgresTest {

    /** Noon in Hải Phòng on 6 December 2026: every row is placed relative to it. */
    static final Instant NOW = LocalDate.of(2026, 12, 6).atTime(12, 0).atZone(ConsoleFormat.ZONE).toInstant();
    static final Instant SIX_DAYS_AGO_MIDNIGHT = LocalDate.of(2026, 11, 30).atStartOfDay(ConsoleFormat.ZONE).toInstant();

    private static PostgresTestSchema schema;
    private static JdbcClient jdbc;
    private static DeliveryTargets targets;
    private static long deadLetterId;
    private static long queuedId;

    @BeforeAll
    static void schemaWithRows() {
        schema = PostgresTestSchema.createOrSkip("lgsp_console", "the console read-model SQL was");
        schema.migrate();
        jdbc = JdbcClient.create(schema.dataSource());
        targets = new DeliveryTargets(jdbc);

        agency("000.00.02.H27", "Sở Nội vụ", "HP");
        agency("000.60.71.H27", "Ủy ban nhân dân phường Hải Dương", "HD");
        system("hd.phuonghaiduong.qlvb", "Phần mềm văn bản phường Hải Dương", "000.60.71.H27", "PULL");
        system("hd.lgsp-cu", "LGSP Hải Dương (cũ)", "000.00.02.H27", "RELAY");

        // d1: in the ward's inbox for 3 h, never fetched (and to a second system on the same route).
        document("d1", NOW.minus(Duration.ofHours(3)));
        delivery("d1", "hd.phuonghaiduong.qlvb", "local-pull", "DELIVERED", null, NOW.minus(Duration.ofHours(3)),
                NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(3)));
        delivery("d1", "other.pull", "local-pull", "DELIVERED", null, NOW.minus(Duration.ofHours(3)),
                NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(3)));
        // d2: waiting for the ward for an hour.
        document("d2", NOW.minus(Duration.ofHours(1)));
        queuedId = delivery("d2", "hd.phuonghaiduong.qlvb", "local-pull", "QUEUED", null, NOW.minus(Duration.ofHours(1)),
                NOW.minus(Duration.ofHours(1)), null);
        // d3: refused by the old platform half an hour ago.
        document("d3", NOW.minus(Duration.ofMinutes(40)));
        deadLetterId = delivery("d3", "hd.lgsp-cu", "relay", "DEAD_LETTER", "refused: E42 100% unknown_recipient",
                NOW.minus(Duration.ofMinutes(40)), NOW.minus(Duration.ofMinutes(30)), null);
        // d4: relayed 10 minutes ago after one failed attempt.
        document("d4", NOW.minus(Duration.ofMinutes(15)));
        delivery("d4", "hd.lgsp-cu", "relay", "DELIVERED", "attempt 1 of 4: HTTP 503", NOW.minus(Duration.ofMinutes(15)),
                NOW.minus(Duration.ofMinutes(10)), NOW.minus(Duration.ofMinutes(10)));
        // The delivery routes keep each target's latest failed attempt as it happens.
        DocumentStore store = new DocumentStore(jdbc);
        store.recordTargetFailure("hd.lgsp-cu", deadLetterId, "refused: E42 100% unknown_recipient",
                NOW.minus(Duration.ofMinutes(30)));
        store.recordTargetFailure("hd.lgsp-cu", 0, "attempt 1 of 4: HTTP 503", NOW.minus(Duration.ofMinutes(12)));
        store.recordTargetFailure("hd.lgsp-cu", deadLetterId, "an older failure, told late",
                NOW.minus(Duration.ofMinutes(50)));
        // d5: two days ago; d7 at the first instant of the window; d6 one second before it.
        document("d5", NOW.minus(Duration.ofDays(2)));
        delivery("d5", "hd.lgsp-cu", "relay", "DELIVERED", null, NOW.minus(Duration.ofDays(2)),
                NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)));
        document("d7", SIX_DAYS_AGO_MIDNIGHT);
        delivery("d7", "hd.lgsp-cu", "national-axis", "DELIVERED", null, SIX_DAYS_AGO_MIDNIGHT, SIX_DAYS_AGO_MIDNIGHT,
                SIX_DAYS_AGO_MIDNIGHT);
        document("d6", SIX_DAYS_AGO_MIDNIGHT.minusSeconds(1));
        delivery("d6", "hd.lgsp-cu", "national-axis", "DELIVERED", null, SIX_DAYS_AGO_MIDNIGHT.minusSeconds(1),
                SIX_DAYS_AGO_MIDNIGHT.minusSeconds(1), SIX_DAYS_AGO_MIDNIGHT.minusSeconds(1));
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void targetsWithTheirFigures() {
        List<Target> all = targets.targets(null, null, 0, 50);
        assertThat(all).extracting(Target::systemId).containsExactly("hd.lgsp-cu", "hd.phuonghaiduong.qlvb");

        Target relay = all.get(0);
        assertThat(relay.ownerName()).isEqualTo("Sở Nội vụ");
        assertThat(relay.backlog()).isZero();
        assertThat(relay.oldestQueued()).isNull();
        assertThat(relay.deadLetters()).isEqualTo(1);
        assertThat(relay.lastDelivered()).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(relay.lastError()).isEqualTo("attempt 1 of 4: HTTP 503");
        assertThat(relay.oldestUnfetched()).as("not a PULL target").isNull();

        Target ward = all.get(1);
        assertThat(ward.ownerName()).isEqualTo("Ủy ban nhân dân phường Hải Dương");
        assertThat(ward.backlog()).isEqualTo(1);
        assertThat(ward.oldestQueued()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(ward.deadLetters()).isZero();
        assertThat(ward.lastDelivered()).isEqualTo(NOW.minus(Duration.ofHours(3)));
        assertThat(ward.lastError()).isNull();
        assertThat(ward.oldestUnfetched()).isEqualTo(NOW.minus(Duration.ofHours(3)));

        // Filters and pages (size + 1 rows: the extra one says there is a next page).
        assertThat(targets.targets("RELAY", null, 0, 50)).extracting(Target::systemId).containsExactly("hd.lgsp-cu");
        assertThat(targets.targets(null, "PHƯỜNG", 0, 50)).extracting(Target::systemId)
                .containsExactly("hd.phuonghaiduong.qlvb");
        assertThat(targets.targets(null, "%", 0, 50)).as("LIKE wildcards are literal").isEmpty();
        assertThat(targets.targets(null, null, 0, 1)).hasSize(2);
        assertThat(targets.targets(null, null, 1, 1)).extracting(Target::systemId)
                .containsExactly("hd.phuonghaiduong.qlvb");
    }

    @Test
    void deadLettersFilteredAndPaged() {
        List<DeadLetter> all = targets.deadLetters(new DeadLetterFilter(null, null, null, null), 0, 50);
        assertThat(all).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(deadLetterId);
            assertThat(d.docId()).isEqualTo("d3");
            assertThat(d.subject()).isEqualTo("Trích yếu d3");
            assertThat(d.notation()).isEqualTo("d3/UBND");
            assertThat(d.fromName()).isEqualTo("Sở Nội vụ");
            assertThat(d.recipientName()).isEqualTo("Ủy ban nhân dân phường Hải Dương");
            assertThat(d.route()).isEqualTo("relay");
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.reason()).contains("E42");
            assertThat(d.deadLetteredAt()).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
        });
        assertThat(targets.deadLetters(new DeadLetterFilter("hd.lgsp-cu", null, null, "100% UNKNOWN_"), 0, 50)).hasSize(1);
        assertThat(targets.deadLetters(new DeadLetterFilter(null, null, null, "100_"), 0, 50)).isEmpty();
        assertThat(targets.deadLetters(new DeadLetterFilter("hd.phuonghaiduong.qlvb", null, null, null), 0, 50)).isEmpty();
        assertThat(targets.deadLetters(new DeadLetterFilter(null, NOW.minus(Duration.ofMinutes(30)), NOW, null), 0, 50))
                .hasSize(1);
        assertThat(targets.deadLetters(new DeadLetterFilter(null, null, NOW.minus(Duration.ofMinutes(30)), null), 0, 50))
                .as("the end of the range is exclusive").isEmpty();
        assertThat(targets.deadLetters(new DeadLetterFilter(null, null, null, null), 1, 50)).isEmpty();

        assertThat(targets.deadLettersAmong(List.of(queuedId, deadLetterId, 999_999L))).extracting(DeadLetter::id)
                .containsExactly(deadLetterId);
        assertThat(targets.deadLettersOf("hd.lgsp-cu", 1000)).extracting(DeadLetter::id).containsExactly(deadLetterId);
        assertThat(targets.states(List.of(deadLetterId, queuedId, 999_999L)))
                .extracting(s -> s.docId() + " " + s.transferState()).containsExactly("d2 QUEUED", "d3 DEAD_LETTER");
        assertThat(targets.systemIds()).containsExactly("hd.lgsp-cu", "hd.phuonghaiduong.qlvb");
    }

    @Test
    void documentsPerRouteAndDayInHaiPhongTime() {
        MergerBoard.RouteDays days = targets.routesPerDay(NOW, 7, MergerBoard.ROUTES);
        assertThat(days.days()).first().isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(days.days()).last().isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(days.counts().keySet()).containsExactly("local-pull", "local-push", "relay", "national-axis");
        // d1 (two deliveries, one document) and d2 today.
        assertThat(days.counts().get("local-pull")).containsExactly(0, 0, 0, 0, 0, 0, 2);
        assertThat(days.counts().get("local-push")).containsExactly(0, 0, 0, 0, 0, 0, 0);
        assertThat(days.counts().get("relay")).containsExactly(0, 0, 0, 0, 1, 0, 2);
        // d7 at the window's first instant counts, d6 a second earlier does not.
        assertThat(days.counts().get("national-axis")).containsExactly(1, 0, 0, 0, 0, 0, 0);
        assertThat(days.total("relay")).isEqualTo(3);
    }

    // --- rows ---------------------------------------------------------------------------------

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static void agency(String code, String name, String region) {
        jdbc.sql("INSERT INTO agency (code, name, region, status, source, version, updated_at)"
                + " VALUES (?, ?, ?, 'ACTIVE', 'ADMIN', 1, ?)").params(code, name, region, ts(NOW)).update();
    }

    static void system(String id, String name, String owner, String mode) {
        jdbc.sql("INSERT INTO connected_system (system_id, name, owner_agency, protocols, delivery_mode, delivery_url,"
                        + " signature_policy, enabled, created_at, updated_at) VALUES (?, ?, ?, 'VDXP_REST', ?, ?, 'OFF', TRUE, ?, ?)")
                .params(id, name, owner, mode, "RELAY".equals(mode) ? "http://127.0.0.1:1/vdxp" : null, ts(NOW), ts(NOW))
                .update();
    }

    static void document(String docId, Instant receivedAt) {
        jdbc.sql("INSERT INTO document (doc_id, sender_system, from_code, message_type, subject, notation, sha256,"
                        + " size_bytes, received_at) VALUES (?, 'hp.sonv.qlvb', '000.00.02.H27', 'edoc', ?, ?, ?, 100, ?)")
                .params(docId, "Trích yếu " + docId, docId + "/UBND", docId + "-sha", ts(receivedAt)).update();
    }

    static long delivery(String docId, String system, String route, String state, String lastError, Instant createdAt,
                         Instant updatedAt, Instant deliveredAt) {
        jdbc.sql("INSERT INTO delivery (doc_id, recipient_code, recipient_system, status, attempts, created_at,"
                        + " updated_at, route, target_system, transfer_state, transfer_attempts, last_error, delivered_at)"
                        + " VALUES (?, '000.60.71.H27', ?, 'PENDING', 0, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(docId, system, ts(createdAt), ts(updatedAt), route, system, state,
                        "DEAD_LETTER".equals(state) ? 3 : 0, lastError, ts(deliveredAt)).update();
        return jdbc.sql("SELECT id FROM delivery WHERE doc_id = ? AND recipient_system = ?").params(docId, system)
                .query(Long.class).single();
    }
}
