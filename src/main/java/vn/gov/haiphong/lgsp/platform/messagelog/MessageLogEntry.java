package vn.gov.haiphong.lgsp.platform.messagelog;

import java.util.Map;

/**
 * One fact for the message log, as a caller hands it to {@link MessageLog#append}. Only
 * {@code kind} is required (upper case, digits and {@code _}, at most 40 characters, e.g.
 * {@code EXCHANGE_ACCEPTED}, {@code GATEWAY_CALL}); every other field may be null.
 *
 * @param kind      what happened: {@code EXCHANGE_ACCEPTED}, {@code EXCHANGE_ROUTED}, {@code EXCHANGE_DELIVERED},
 *                  {@code EXCHANGE_ACKNOWLEDGED}, {@code EXCHANGE_DEAD_LETTERED}, {@code EXCHANGE_REPLAYED},
 *                  {@code GATEWAY_CALL}, …
 * @param messageId the message concerned (the exchange's DocId, the gateway's request id)
 * @param actor     who did it (a connected system id, an operator, {@code platform})
 * @param fromCode  the sending agency (current code)
 * @param toCode    the receiving agency, or several joined by {@code ','}
 * @param route     the route or delivery channel taken, when known
 * @param outcome   a short result ({@code OK}, {@code DONE}, an HTTP status, …)
 * @param sha256    lower-case hex SHA-256 of the message bytes
 * @param sizeBytes size of the message bytes
 * @param detail    small structured facts (JSON-serialisable; at most 16,000 characters as JSON)
 */
public record MessageLogEntry(String kind, String messageId, String actor, String fromCode, String toCode,
                              String route, String outcome, String sha256, Long sizeBytes, Map<String, Object> detail) {
}
