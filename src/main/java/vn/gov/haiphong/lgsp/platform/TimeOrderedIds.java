package vn.gov.haiphong.lgsp.platform;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers the platform gives to requests and documents: RFC 9562 version 7 UUIDs, i.e. the
 * Unix time in milliseconds followed by random bits. They read like any UUID to a client, but
 * ids given one after another sort together, so the database indexes they key (message log,
 * documents) grow at their end instead of rewriting a random page of the index on every insert,
 * which on H2 meant re-serialising one index page per row at every commit.
 *
 * <p>The random bits come from the thread's own generator: the ids must be unique, not secret,
 * and {@link UUID#randomUUID()} takes one JVM-wide lock of the secure generator on every call.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    public static String uuid7() {
        return uuid7(System.currentTimeMillis()).toString();
    }

    public static UUID uuid7(long unixMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // 48 bits of time, version 7, 12 random bits; variant 10, 62 random bits.
        long high = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
