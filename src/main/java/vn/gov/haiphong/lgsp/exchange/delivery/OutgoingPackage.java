package vn.gov.haiphong.lgsp.exchange.delivery;

import vn.gov.haiphong.lgsp.registry.ConnectedSystem;

/**
 * One package on its way to one recipient system: what a {@link DeliveryChannel} sends.
 *
 * @param deliveryKey   stable per document and recipient ({@code docId/systemId}); channels pass
 *                      it to the recipient so that a redelivery can be recognised there
 * @param docId         our DocId
 * @param messageType   {@code edoc} or {@code status}
 * @param fromCode      the sending agency (current code)
 * @param recipientCode the agency the recipient system receives it for (current code)
 * @param content       the package exactly as accepted: never altered
 */
public record OutgoingPackage(String deliveryKey, String docId, String messageType, String fromCode,
                              String recipientCode, ConnectedSystem recipient, byte[] content) {
}
