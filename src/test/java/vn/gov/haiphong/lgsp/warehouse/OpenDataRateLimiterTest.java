package vn.gov.haiphong.lgsp.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token bucket on its own: a burst, then a wait that says how long; addresses apart. */
class OpenDataRateLimiterTest {

    @Test
    void aBurstThenAWaitPerAddress() {
        OpenDataRateLimiter limiter = new OpenDataRateLimiter(3, 0.5);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("203.0.113.7")).isZero();
        }
        assertThat(limiter.acquire("203.0.113.7")).isBetween(1L, 2L);
        assertThat(limiter.acquire("198.51.100.1")).isZero();
        limiter.forget("203.0.113.7");
        assertThat(limiter.acquire("203.0.113.7")).isZero();
    }

    @Test
    void tokensComeBackWithTime() throws InterruptedException {
        OpenDataRateLimiter limiter = new OpenDataRateLimiter(1, 5);
        assertThat(limiter.acquire("203.0.113.8")).isZero();
        assertThat(limiter.acquire("203.0.113.8")).isEqualTo(1L);
        Thread.sleep(250);
        assertThat(limiter.acquire("203.0.113.8")).isZero();
    }

    @Test
    void aRequestTakesAsManyTokensAsItCosts() {
        OpenDataRateLimiter limiter = new OpenDataRateLimiter(10, 1);
        assertThat(limiter.acquire("203.0.113.9", 4)).isZero();
        assertThat(limiter.acquire("203.0.113.9", 4)).isZero();
        // 2 tokens left: a request of cost 4 waits about 2 s; one of cost 1 still goes.
        assertThat(limiter.acquire("203.0.113.9", 4)).isBetween(1L, 2L);
        assertThat(limiter.acquire("203.0.113.9", 1)).isZero();
        // A cost above the capacity is charged as the capacity, so it can go some day.
        assertThat(limiter.acquire("198.51.100.2", 50)).isZero();
    }
}
