package vn.gov.haiphong.lgsp.exchange.delivery;

/**
 * A recipient did not accept a package. {@code permanent} failures (the recipient refused the
 * package itself) go to the dead-letter queue at once; the others are retried with backoff.
 */
public class DeliveryFailure extends RuntimeException {

    private final boolean permanent;

    public DeliveryFailure(String reason, boolean permanent, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    public DeliveryFailure(String reason, boolean permanent) {
        this(reason, permanent, null);
    }

    public boolean permanent() {
        return permanent;
    }
}
