package vn.gov.haiphong.lgsp.exchange.delivery;

import vn.gov.haiphong.lgsp.registry.ConnectedSystem;

/**
 * A way of handing a package to a recipient system that is not served by pull: a SOAP push, a
 * VDXP push or relay to another server. The delivery routes pick the first channel that
 * {@link #serves} the recipient; redelivery, dead-lettering and idempotency are theirs, not the
 * channel's.
 */
public interface DeliveryChannel {

    /** Short name for logs, events and the message log, e.g. {@code soap-push}. */
    String name();

    boolean serves(ConnectedSystem recipient);

    /**
     * Hands the package over; returns only once the recipient has accepted it.
     *
     * @return the recipient's own id for it, if it gave one (may be null)
     * @throws DeliveryFailure when it did not accept it
     */
    String deliver(OutgoingPackage pkg);
}
