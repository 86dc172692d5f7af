package vn.gov.haiphong.lgsp.gateway.mediation;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/**
 * The only way the gateway calls a provider: pooled Apache HttpClient 5 connections, no
 * redirects followed, no retries, no cookies, no decompression (bytes pass as they are); a whole-
 * call deadline per service (the request is aborted when it passes); bounded response size; and
 * a Resilience4j circuit breaker per upstream address, which opens when too many recent calls
 * failed (connection errors, timeouts, 5xx answers) and lets a trial call through after a wait.
 */
@Component
public class UpstreamClient implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UpstreamClient.class);

    /** A provider's answer, read whole (bounded), ready to relay. */
    public record Answer(int status, List<Header> headers, byte[] body) {
        public String header(String name) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    private final CloseableHttpClient http;
    private final PoolingHttpClientConnectionManager pool;
    private final CircuitBreakerRegistry breakers;
    private final ScheduledThreadPoolExecutor deadlines;
    private final long waitInOpenSeconds;

    public UpstreamClient(@Value("${lgsp.gateway.http.max-connections:2000}") int maxConnections,
                          @Value("${lgsp.gateway.http.max-connections-per-upstream:200}") int maxPerRoute,
                          @Value("${lgsp.gateway.http.connect-timeout:3s}") Duration connectTimeout,
                          @Value("${lgsp.gateway.circuit-breaker.failure-rate-threshold:50}") float failureRate,
                          @Value("${lgsp.gateway.circuit-breaker.sliding-window:20}") int window,
                          @Value("${lgsp.gateway.circuit-breaker.minimum-calls:10}") int minimumCalls,
                          @Value("${lgsp.gateway.circuit-breaker.wait-in-open-state:30s}") Duration waitInOpen) {
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                // LAX: per-route pools without one lock around the whole pool (a lock every call
                // takes twice, lease and release, which convoys when threads are descheduled).
                .setPoolConcurrencyPolicy(org.apache.hc.core5.pool.PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxPerRoute)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(pool)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.waitInOpenSeconds = Math.max(1, waitInOpen.toSeconds());
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRate)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(minimumCalls)
                .waitDurationInOpenState(waitInOpen)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordExceptions(IOException.class, UpstreamServerError.class)
                .build());
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gateway-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /** Recorded as a failure by the breaker: the provider answered 5xx. */
    static final class UpstreamServerError extends Exception {
        UpstreamServerError(int status) {
            super("upstream answered " + status, null, false, false);
        }
    }

    /** The breaker of one upstream (its base URL). */
    public CircuitBreaker breaker(String upstream) {
        return breakers.circuitBreaker(upstream);
    }

    /**
     * Calls the provider. {@code upstream} names the breaker (the registered base URL);
     * {@code uri} is the full address, already checked to lie under it. For SOAP providers
     * ({@code soap}) a 500 answer is a fault, not a failure of the provider.
     */
    public Answer call(String upstream, String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body,
                       int timeoutMs, long maxResponseBytes, boolean soap) {
        CircuitBreaker breaker = breaker(upstream);
        if (!breaker.tryAcquirePermission()) {
            throw new GatewayFailure(ErrorCode.GW_CIRCUIT_OPEN, "Calls to this provider are suspended after repeated "
                    + "failures; the gateway tries again within " + waitInOpenSeconds + " s", waitInOpenSeconds);
        }
        long start = breaker.getCurrentTimestamp();
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        for (Map.Entry<String, String> header : headers) {
            request.addHeader(header.getKey(), header.getValue());
        }
        if (body != null && (body.length > 0 || !("GET".equals(method) || "HEAD".equals(method)))) {
            request.setEntity(new ByteArrayEntity(body, null));
        }
        Timeout timeout = Timeout.ofMilliseconds(timeoutMs);
        request.setConfig(RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout)
                .setRedirectsEnabled(false).build());
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            request.cancel();
        }, timeoutMs, TimeUnit.MILLISECONDS);
        // The target host comes from the request's absolute URI (executeOpen with a null target).
        try (ClassicHttpResponse response = http.executeOpen(null, request, HttpClientContext.create())) {
            byte[] bytes = read(response.getEntity(), maxResponseBytes, request);
            int status = response.getCode();
            long elapsed = breaker.getCurrentTimestamp() - start;
            // A SOAP provider answers every fault with 500, business faults included: those are
            // answers, not failures of the provider. Gateway errors (502-504) and others count.
            if (status >= 500 && !(soap && status == 500)) {
                breaker.onError(elapsed, breaker.getTimestampUnit(), new UpstreamServerError(status));
            } else {
                breaker.onSuccess(elapsed, breaker.getTimestampUnit());
            }
            return new Answer(status, List.of(response.getHeaders()), bytes);
        } catch (GatewayFailure e) {
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            throw e;
        } catch (IOException | RuntimeException e) {
            long elapsed = breaker.getCurrentTimestamp() - start;
            breaker.onError(elapsed, breaker.getTimestampUnit(), e instanceof IOException io ? io : new IOException(e));
            if (timedOut.get() || e instanceof java.net.SocketTimeoutException
                    || e instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException) {
                throw new GatewayFailure(ErrorCode.GW_UPSTREAM_TIMEOUT,
                        "The provider did not answer within " + timeoutMs + " ms");
            }
            if (e instanceof CallNotPermittedException) {
                throw new GatewayFailure(ErrorCode.GW_CIRCUIT_OPEN, e.getMessage(), waitInOpenSeconds);
            }
            log.debug("Upstream {} failed: {}", upstream, e.toString());
            throw new GatewayFailure(ErrorCode.GW_UPSTREAM_UNREACHABLE,
                    "The provider cannot be reached (" + e.getClass().getSimpleName() + ")");
        } finally {
            deadline.cancel(false);
        }
    }

    private static byte[] read(HttpEntity entity, long max, HttpUriRequestBase request) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > max) {
            request.cancel();
            throw new GatewayFailure(ErrorCode.GW_RESPONSE_TOO_LARGE,
                    "The provider's answer (" + entity.getContentLength() + " bytes) exceeds this service's limit of "
                            + max + " bytes");
        }
        try (InputStream in = entity.getContent()) {
            return BoundedBody.read(in, entity.getContentLength(), max, () -> {
                request.cancel();
                return new GatewayFailure(ErrorCode.GW_RESPONSE_TOO_LARGE,
                        "The provider's answer exceeds this service's limit of " + max + " bytes");
            });
        }
    }

    /** Open/half-open/closed per upstream, for operators and tests. */
    public Map<String, String> breakerStates() {
        Map<String, String> states = new java.util.TreeMap<>();
        breakers.getAllCircuitBreakers().forEach(b -> states.put(b.getName(), b.getState().name()));
        return states;
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    static List<Map.Entry<String, String>> list() {
        return new ArrayList<>();
    }
}
