package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        long millis = 1_795_748_507_123L;
        UUID id = TimeOrderedIds.uuid7(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        // The text form is what clients see and the database indexes: it starts with the time.
        assertThat(id.toString()).startsWith(String.format("%08x-%04x", millis >>> 16, millis & 0xFFFF));
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
        String earlier = TimeOrderedIds.uuid7(1_795_748_507_123L).toString();
        String later = TimeOrderedIds.uuid7(1_795_748_507_124L).toString();
        assertThat(later).isGreaterThan(earlier);
        assertThat(TimeOrderedIds.uuid7()).isGreaterThan(earlier);
    }

    @Test
    void idsOfTheSameMillisecondStillDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.uuid7(1_795_748_507_123L));
        }
        assertThat(ids).hasSize(100_000);
    }
}
