package vn.gov.haiphong.lgsp.gateway;

import java.time.Instant;

/**
 * One call through the gateway as audited: who (client system, or {@code null} when
 * authentication failed, with the id it claimed in {@code claimedClient}), what (service,
 * operation = method and path, or the SOAP operation), the outcome (HTTP status and catalogue
 * code, null when the provider answered), duration, sizes and the request hash binding.
 */
public record GatewayCall(String requestId, Instant at, String client, String claimedClient, String service,
                          String kind, String operation, String endpoint, int status, String code,
                          long durationMicros, long requestBytes, long responseBytes, String requestSha256,
                          String requestHash) {
}
