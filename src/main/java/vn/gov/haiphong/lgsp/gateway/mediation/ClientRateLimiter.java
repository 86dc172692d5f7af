package vn.gov.haiphong.lgsp.gateway.mediation;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per-client throttling on the message path: a token bucket per (service, client system) holding
 * the service's {@code rateBurst} requests, refilled at {@code ratePerSecond}. Kept in memory on
 * each node (no round-trip on the message path), so with N nodes behind a balancer a client gets
 * at most N times the rate; size the service's rate per node accordingly.
 */
@Component
public class ClientRateLimiter {

    private static final int MAX_TRACKED = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;
        final int burst;
        final int perSecond;

        Bucket(int burst, int perSecond, long at) {
            this.tokens = burst;
            this.burst = burst;
            this.perSecond = perSecond;
            this.at = at;
        }
    }

    /** 0 when the call may go ahead, else the whole seconds until a token is back. */
    public long acquire(String service, String client, int perSecond, int burst) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        long now = System.nanoTime();
        String key = service + '\u0000' + client;
        Bucket bucket = buckets.get(key);
        if (bucket == null || bucket.burst != burst || bucket.perSecond != perSecond) {
            // First call, or the service's limits changed: start from a full bucket of the new size.
            bucket = new Bucket(burst, perSecond, now);
            buckets.put(key, bucket);
        }
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * (perSecond / 1e9));
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }

    /** A full bucket again for this client (tests; operators' relief valve). */
    public void reset(String service, String client) {
        buckets.remove(service + '\u0000' + client);
    }
}
