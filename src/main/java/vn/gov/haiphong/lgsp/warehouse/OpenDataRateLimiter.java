package vn.gov.haiphong.lgsp.warehouse;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client address for anonymous open data: {@code capacity} tokens at once,
 * refilled at {@code refillPerSecond}. A request takes as many tokens as it costs (a query: 1,
 * plus 1 per filter and sort field), so costly queries exhaust an address sooner than cheap
 * ones. In memory and per node, which is enough to stop one address from hogging a node; a
 * city-wide limit belongs to the gateway.
 */
@Component
public class OpenDataRateLimiter {

    /** Beyond this many tracked addresses, full (idle) buckets are forgotten. */
    private static final int MAX_TRACKED = 10_000;

    private final double capacity;
    private final double refillPerNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public OpenDataRateLimiter(@Value("${lgsp.opendata.rate-limit.capacity:60}") int capacity,
                               @Value("${lgsp.opendata.rate-limit.refill-per-second:1}") double refillPerSecond) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** 0 when a request of cost 1 may go ahead, else the whole seconds to wait. */
    public long acquire(String address) {
        return acquire(address, 1);
    }

    /**
     * 0 when a request of this cost may go ahead (its tokens taken), else the whole seconds to
     * wait until the bucket holds them. A cost above the capacity is charged as the capacity.
     */
    public long acquire(String address, int cost) {
        double needed = Math.min(Math.max(1, cost), capacity);
        if (buckets.size() > MAX_TRACKED) {
            forgetIdle();
        }
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * refillPerNano);
            bucket.at = now;
            if (bucket.tokens >= needed) {
                bucket.tokens -= needed;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((needed - bucket.tokens) / refillPerNano / 1e9));
        }
    }

    /** Gives an address a full bucket again (operators' relief valve; tests). */
    public void forget(String address) {
        buckets.remove(address);
    }

    private void forgetIdle() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> e.getValue().tokens + (now - e.getValue().at) * refillPerNano >= capacity);
    }
}
