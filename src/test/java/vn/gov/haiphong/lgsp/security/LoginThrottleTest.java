package vn.gov.haiphong.lgsp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.gov.haiphong.lgsp.security.LoginMechanism.BASIC_OPERATOR;
import static vn.gov.haiphong.lgsp.security.LoginMechanism.FORM;
import static vn.gov.haiphong.lgsp.security.LoginMechanism.TOKEN;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The throttle's rules on a fake clock, without a platform. */
class LoginThrottleTest {

    static final String A = "10.0.0.1";
    static final String B = "10.0.0.2";

    final AtomicLong nanos = new AtomicLong(1_000);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    LoginThrottle throttle = throttle(50_000);

    LoginThrottle throttle(int maxEntries) {
        return new LoginThrottle(new LoginThrottleSettings(true, 5, 20, 50, Duration.ofMinutes(10),
                Duration.ofSeconds(30), Duration.ofMinutes(15), maxEntries), meters, nanos::get);
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.locked(BASIC_OPERATOR, account, address)).as("failure %d", i + 1).isZero();
            throttle.failed(BASIC_OPERATOR, account, address);
        }
    }

    @Test
    void aPairIsLockedAfterFiveFailuresAndTheLockLiftsByItself() {
        fail("alice", A, 4);
        assertThat(throttle.locked(FORM, "alice", A)).isZero();
        throttle.failed(FORM, "alice", A);
        assertThat(throttle.locked(FORM, "alice", A)).isEqualTo(Duration.ofSeconds(30));
        // Another address, and another account from this address, are not locked by the pair.
        assertThat(throttle.locked(FORM, "alice", B)).isZero();
        assertThat(throttle.locked(FORM, "bob", A)).isZero();
        // The account name's case makes no other account.
        assertThat(throttle.locked(FORM, "ALICE", A)).isEqualTo(Duration.ofSeconds(30));

        advance(Duration.ofSeconds(29));
        assertThat(throttle.locked(FORM, "alice", A)).isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(throttle.locked(FORM, "alice", A)).isZero();
    }

    @Test
    void eachFurtherLockDoublesUpToTheLongest() {
        fail("alice", A, 5);
        long[] expected = {60, 120, 240, 480, 900, 900};
        for (long seconds : expected) {
            advance(throttle.locked(FORM, "alice", A));
            fail("alice", A, 1);
            assertThat(throttle.locked(FORM, "alice", A)).isEqualTo(Duration.ofSeconds(seconds));
        }
    }

    @Test
    void aSuccessResetsThePair() {
        fail("alice", A, 4);
        throttle.succeeded("alice", A);
        fail("alice", A, 4);
        assertThat(throttle.locked(FORM, "alice", A)).isZero();
        // And the lock's length: after a success, the next lock is the first again.
        fail("alice", A, 1);
        advance(Duration.ofSeconds(30));
        fail("alice", A, 1);
        advance(Duration.ofSeconds(60));
        throttle.succeeded("alice", A);
        fail("alice", A, 5);
        assertThat(throttle.locked(FORM, "alice", A)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void countersAreForgottenAfterQuiet() {
        fail("alice", A, 4);
        advance(Duration.ofMinutes(31));
        fail("alice", A, 4);
        assertThat(throttle.locked(FORM, "alice", A)).isZero();
    }

    @Test
    void anAddressIsLockedForEveryAccountAfterTwentyFailuresAcrossAccounts() {
        for (int i = 0; i < 19; i++) {
            fail("user" + i, A, 1);
        }
        assertThat(throttle.locked(FORM, "someone", A)).isZero();
        fail("user19", A, 1);
        assertThat(throttle.locked(FORM, "someone", A)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.locked(FORM, "someone", B)).isZero();
        advance(Duration.ofSeconds(30));
        // A success from the address resets it.
        throttle.succeeded("someone", A);
        for (int i = 0; i < 19; i++) {
            fail("other" + i, A, 1);
        }
        assertThat(throttle.locked(FORM, "someone", A)).isZero();
    }

    @Test
    void underAttackAFailingAddressIsLockedAtOnceAndATrustedOneIsNot() {
        String trustedAddress = "10.9.9.9";
        throttle.succeeded("alice", trustedAddress);
        // 49 failures, two from each of many addresses: below every rule.
        for (int i = 0; i < 49; i++) {
            fail("alice", "10.1.0." + (i / 2), 1);
        }
        assertThat(throttle.locked(FORM, "alice", "10.1.0.0")).isZero();
        fail("alice", "10.2.0.1", 1);
        // The 50th failure puts the account under attack and locks its address at once...
        assertThat(throttle.locked(FORM, "alice", "10.2.0.1")).isEqualTo(Duration.ofSeconds(30));
        // ...and so every new address that fails for it.
        fail("alice", "10.2.0.2", 1);
        assertThat(throttle.locked(FORM, "alice", "10.2.0.2")).isEqualTo(Duration.ofSeconds(30));
        // An address that had not failed yet is not locked; the account's own address, which
        // succeeded lately, keeps the ordinary rule even when it mistypes.
        assertThat(throttle.locked(FORM, "alice", "10.2.0.3")).isZero();
        throttle.succeeded("alice", trustedAddress);
        fail("alice", trustedAddress, 4);
        assertThat(throttle.locked(FORM, "alice", trustedAddress)).isZero();
        throttle.succeeded("alice", trustedAddress);
        // Other accounts from the attackers' addresses are not under attack.
        fail("bob", "10.2.0.4", 1);
        assertThat(throttle.locked(FORM, "bob", "10.2.0.4")).isZero();

        // The attack ends one window after its last failure.
        advance(Duration.ofMinutes(10));
        fail("alice", "10.2.0.5", 1);
        assertThat(throttle.locked(FORM, "alice", "10.2.0.5")).isZero();
    }

    @Test
    void failuresRefusalsAndLocksAreMeasured() {
        fail("alice", A, 5);
        throttle.failed(TOKEN, "hp.x", B);
        throttle.locked(FORM, "alice", A);
        throttle.locked(FORM, "alice", A);
        assertThat(meters.get("lgsp.login.failures").tag("mechanism", "basic-operator").counter().count()).isEqualTo(5);
        assertThat(meters.get("lgsp.login.failures").tag("mechanism", "token").counter().count()).isEqualTo(1);
        assertThat(meters.get("lgsp.login.locked.refusals").tag("mechanism", "form").counter().count()).isEqualTo(2);
        assertThat(meters.get("lgsp.login.locks").tags("mechanism", "basic-operator", "scope", "pair").gauge().value())
                .isEqualTo(1);
        assertThat(meters.get("lgsp.login.locks").tags("mechanism", "basic-operator", "scope", "address").gauge()
                .value()).isZero();
        advance(Duration.ofSeconds(30));
        assertThat(meters.get("lgsp.login.locks").tags("mechanism", "basic-operator", "scope", "pair").gauge().value())
                .isZero();
    }

    @Test
    void theCountersAreBounded() {
        throttle = throttle(100);
        for (int i = 0; i < 5_000; i++) {
            throttle.failed(FORM, "user" + i, "10.3." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.entries()).isLessThanOrEqualTo(4 * 100);
    }
}
