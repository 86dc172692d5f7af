package vn.gov.haiphong.lgsp.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for passwords and system secrets: temporary locks after repeated failed
 * logins, which lift by themselves, so nobody can lock an account out for good.
 * <ul>
 * <li>An (account, address) pair is locked after {@code pair-failures} failures since its last
 * success; an address after {@code address-failures} failures across accounts since its last
 * success, for every account.</li>
 * <li>An account that fails {@code account-failures} times within {@code account-window} from
 * addresses it has not succeeded from lately is under attack: then such an address is locked at
 * its first failure. An address that succeeds for the account is trusted for it and keeps the
 * ordinary pair rule, so a distributed attacker cannot lock the legitimate client out.</li>
 * <li>A lock lasts {@code initial-lock}, each further lock of the same pair or address twice the
 * last, at most {@code max-lock}; a success resets it. After a lock lifts, one more failure
 * locks again.</li>
 * </ul>
 * The counters live in memory on this node, a bounded number of each kind, forgotten
 * {@link LoginThrottleSettings#forgetAfter()} after their last change. Accounts are compared
 * case-insensitively, so case variants of one name share its counters.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** Longer names are no account; cutting them bounds the memory a key takes. */
    private static final int MAX_ACCOUNT_LENGTH = 128;

    /** Failures since the last success, locks since then, the current lock and who started it. */
    private record Strikes(int failures, int locks, long lockedUntil, LoginMechanism lockedBy) {
        static final Strikes NONE = new Strikes(0, 0, 0, null);

        boolean lockedAt(long now) {
            return lockedBy != null && lockedUntil - now > 0;
        }
    }

    /** Failures of an account from untrusted addresses in the current window; the attack's end. */
    private record Attack(long windowStart, int failures, long until) {
    }

    private record Pair(String account, String address) {
    }

    private final LoginThrottleSettings settings;
    private final Ticker ticker;
    private final Cache<Pair, Strikes> pairs;
    private final Cache<String, Strikes> addresses;
    private final Cache<String, Attack> accounts;
    /** Pairs that succeeded lately: their address is the account's own, not an attacker's. */
    private final Cache<Pair, Boolean> trusted;
    private final Map<LoginMechanism, Counter> failures = new EnumMap<>(LoginMechanism.class);
    private final Map<LoginMechanism, Counter> refusals = new EnumMap<>(LoginMechanism.class);

    @Autowired
    public LoginThrottle(LoginThrottleSettings settings, MeterRegistry meters) {
        this(settings, meters, Ticker.systemTicker());
    }

    LoginThrottle(LoginThrottleSettings settings, MeterRegistry meters, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
        this.pairs = table();
        this.addresses = table();
        this.accounts = table();
        this.trusted = table();
        for (LoginMechanism mechanism : LoginMechanism.values()) {
            failures.put(mechanism, Counter.builder("lgsp.login.failures").tag("mechanism", mechanism.tag())
                    .description("Failed logins (wrong or unknown account, password or secret)").register(meters));
            refusals.put(mechanism, Counter.builder("lgsp.login.locked.refusals").tag("mechanism", mechanism.tag())
                    .description("Logins refused unchecked because the account or address was locked").register(meters));
            Gauge.builder("lgsp.login.locks", this, t -> t.locks(t.pairs, mechanism)).tag("mechanism", mechanism.tag())
                    .tag("scope", "pair").description("Current locks, by the mechanism that started them").register(meters);
            Gauge.builder("lgsp.login.locks", this, t -> t.locks(t.addresses, mechanism)).tag("mechanism", mechanism.tag())
                    .tag("scope", "address").description("Current locks, by the mechanism that started them").register(meters);
        }
    }

    private <K, V> Cache<K, V> table() {
        // Maintenance on the calling thread: cheap at this size, and no clock but the ticker.
        return Caffeine.newBuilder().maximumSize(settings.maxEntries()).expireAfterWrite(settings.forgetAfter())
                .ticker(ticker).executor(Runnable::run).build();
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * How long logins of this account from this address stay refused (zero: not locked). A
     * refusal is counted; the credentials are not to be checked.
     */
    public Duration locked(LoginMechanism mechanism, String account, String address) {
        long now = ticker.read();
        long remaining = Math.max(remaining(pairs.getIfPresent(new Pair(key(account), address)), now),
                remaining(addresses.getIfPresent(address), now));
        if (remaining <= 0) {
            return Duration.ZERO;
        }
        refusals.get(mechanism).increment();
        return Duration.ofNanos(remaining);
    }

    public void failed(LoginMechanism mechanism, String account, String address) {
        failures.get(mechanism).increment();
        long now = ticker.read();
        String key = key(account);
        Pair pair = new Pair(key, address);
        boolean underAttack = trusted.getIfPresent(pair) == null && attackCounted(key, now);
        AtomicReference<Strikes> started = new AtomicReference<>();
        pairs.asMap().compute(pair, (k, s) -> strike(s, mechanism, now,
                underAttack ? 1 : settings.pairFailures(), started));
        if (started.get() != null) {
            log.warn("Login lock: account '{}' from {} ({}) for {} s after {} failures{}", printable(key), address,
                    mechanism.tag(), seconds(started.get().lockedUntil() - now), started.get().failures(),
                    underAttack ? " while the account is under attack" : "");
        }
        started.set(null);
        addresses.asMap().compute(address, (k, s) -> strike(s, mechanism, now, settings.addressFailures(), started));
        if (started.get() != null) {
            log.warn("Login lock: address {} for every account ({}) for {} s after {} failures, the last for '{}'",
                    address, mechanism.tag(), seconds(started.get().lockedUntil() - now), started.get().failures(),
                    printable(key));
        }
    }

    /** A success resets the pair and the address, and trusts the address for the account. */
    public void succeeded(String account, String address) {
        Pair pair = new Pair(key(account), address);
        pairs.invalidate(pair);
        trusted.put(pair, Boolean.TRUE);
        addresses.invalidate(address);
    }

    /** Counters kept, of every kind (tests). */
    long entries() {
        return Stream.of(pairs, addresses, accounts, trusted).mapToLong(table -> {
            table.cleanUp();
            return table.estimatedSize();
        }).sum();
    }

    /** Counts a failure from an untrusted address; whether the account is now under attack. */
    private boolean attackCounted(String account, long now) {
        long window = settings.accountWindow().toNanos();
        AtomicReference<Attack> begun = new AtomicReference<>();
        Attack attack = accounts.asMap().compute(account, (k, a) -> {
            boolean ongoing = a != null && a.until() - now > 0;
            // A new window counts afresh; an attack under way goes on until a window passes without failure.
            Attack current = a == null || now - a.windowStart() >= window ? new Attack(now, 0, ongoing ? a.until() : now)
                    : a;
            int count = current.failures() + 1;
            if (!ongoing && count < settings.accountFailures()) {
                return new Attack(current.windowStart(), count, current.until());
            }
            Attack next = new Attack(current.windowStart(), count, now + window);
            if (!ongoing) {
                begun.set(next);
            }
            return next;
        });
        if (begun.get() != null) {
            log.warn("Login attack: account '{}' failed {} times within {} from addresses it has not succeeded from; "
                    + "each such address is now locked at its first failure", printable(account),
                    begun.get().failures(), settings.accountWindow().toSeconds() + " s");
        }
        return attack.until() - now > 0;
    }

    private Strikes strike(Strikes s, LoginMechanism mechanism, long now, int threshold,
                           AtomicReference<Strikes> started) {
        Strikes current = s == null ? Strikes.NONE : s;
        int count = current.failures() + 1;
        // A failure that slipped past the check while a lock began does not lengthen it.
        if (count < threshold || current.lockedAt(now)) {
            return new Strikes(count, current.locks(), current.lockedUntil(), current.lockedBy());
        }
        Strikes locked = new Strikes(count, current.locks() + 1, now + lockNanos(current.locks()), mechanism);
        started.set(locked);
        return locked;
    }

    /** {@code initial-lock} doubled per earlier lock, at most {@code max-lock}. */
    private long lockNanos(int earlierLocks) {
        long max = settings.maxLock().toNanos();
        long nanos = settings.initialLock().toNanos();
        for (int i = 0; i < earlierLocks && nanos < max; i++) {
            nanos *= 2;
        }
        return Math.min(nanos, max);
    }

    private long locks(Cache<?, Strikes> table, LoginMechanism mechanism) {
        long now = ticker.read();
        return table.asMap().values().stream().filter(s -> s.lockedBy() == mechanism && s.lockedAt(now)).count();
    }

    private static long remaining(Strikes strikes, long now) {
        return strikes != null && strikes.lockedAt(now) ? strikes.lockedUntil() - now : 0;
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static String key(String account) {
        String key = account.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_ACCOUNT_LENGTH ? key.substring(0, MAX_ACCOUNT_LENGTH) : key;
    }

    /** The account as a log shows it: no control characters (no forged log lines), not too long. */
    private static String printable(String account) {
        StringBuilder out = new StringBuilder();
        account.codePoints().limit(64).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
