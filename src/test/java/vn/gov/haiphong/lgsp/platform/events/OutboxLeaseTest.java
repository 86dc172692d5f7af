package vn.gov.haiphong.lgsp.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.MigratedDatabase;

/** The lease's SQL on both engines: one holder at a time, renewal, release, expiry on the database's clock. */
class OutboxLeaseTest {

    static Stream<Arguments> engines() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgres"));
    }

    private static MigratedDatabase database(String engine) {
        return engine.equals("h2") ? MigratedDatabase.h2("lgsp_lease", 2)
                : MigratedDatabase.postgres("lgsp_lease", "the outbox lease was", 2);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void oneHolderAtATimeUntilReleasedOrExpired(String engine) throws Exception {
        try (MigratedDatabase db = database(engine)) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            OutboxLease a = new OutboxLease(jdbc, "node-a/1", Duration.ofSeconds(30));
            OutboxLease b = new OutboxLease(jdbc, "node-b/1", Duration.ofSeconds(30));

            assertThat(a.hold()).as("a free lease is taken").isTrue();
            assertThat(b.hold()).as("while a holds it").isFalse();
            assertThat(a.hold()).as("its holder renews it").isTrue();
            a.release();
            assertThat(b.hold()).as("released, the other takes it at once").isTrue();
            assertThat(a.hold()).isFalse();

            OutboxLease shortLived = new OutboxLease(jdbc, "node-c/1", Duration.ofMillis(300));
            b.release();
            assertThat(shortLived.hold()).isTrue();
            assertThat(a.hold()).as("before its expiry").isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(a::hold);
            assertThat(shortLived.hold()).as("an expired holder finds it taken").isFalse();
            assertThat(jdbc.sql("SELECT holder FROM event_outbox_lease").query(String.class).list())
                    .isEqualTo(List.of("node-a/1"));
        }
    }
}
