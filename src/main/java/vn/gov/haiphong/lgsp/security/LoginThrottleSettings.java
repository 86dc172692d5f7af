package vn.gov.haiphong.lgsp.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling ({@code lgsp.security.login-throttle.*}), see {@link LoginThrottle}.
 *
 * @param enabled         off = no counting, no locks
 * @param pairFailures    failures of one account from one address (since its last success there) that lock the pair
 * @param addressFailures failures from one address across accounts (since its last success) that lock the address
 * @param accountFailures failures of one account, from addresses it never succeeded from, within
 *                        {@code accountWindow}, that put it "under attack"
 * @param accountWindow   the window of {@code accountFailures}; an attack ends one window after its last failure
 * @param initialLock     the first lock of a pair or address; each further one doubles
 * @param maxLock         the longest lock
 * @param maxEntries      the most counters kept per kind (pairs, addresses, accounts); beyond, the least used go
 */
@ConfigurationProperties("lgsp.security.login-throttle")
public record LoginThrottleSettings(@DefaultValue("true") boolean enabled,
                                    @DefaultValue("5") int pairFailures,
                                    @DefaultValue("20") int addressFailures,
                                    @DefaultValue("50") int accountFailures,
                                    @DefaultValue("10m") Duration accountWindow,
                                    @DefaultValue("30s") Duration initialLock,
                                    @DefaultValue("15m") Duration maxLock,
                                    @DefaultValue("50000") int maxEntries) {

    public LoginThrottleSettings {
        if (pairFailures < 1 || addressFailures < 1 || accountFailures < 1 || maxEntries < 1) {
            throw new IllegalStateException("lgsp.security.login-throttle: failure counts and max-entries must be positive");
        }
        if (initialLock.isNegative() || initialLock.isZero() || maxLock.compareTo(initialLock) < 0
                || accountWindow.isNegative() || accountWindow.isZero()) {
            throw new IllegalStateException(
                    "lgsp.security.login-throttle: initial-lock and account-window must be positive, max-lock at least initial-lock");
        }
    }

    /**
     * How long counters are kept after their last change, and how long a success makes an address
     * trusted for its account: long enough to outlast any lock and any attack window.
     */
    public Duration forgetAfter() {
        return (maxLock.compareTo(accountWindow) > 0 ? maxLock : accountWindow).multipliedBy(2);
    }
}
