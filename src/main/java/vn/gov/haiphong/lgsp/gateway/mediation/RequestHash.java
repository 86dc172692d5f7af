package vn.gov.haiphong.lgsp.gateway.mediation;

import vn.gov.haiphong.lgsp.platform.Sha256;

/**
 * {@code X-LGSP-Request-Hash}: binds a response to the request that produced it. Lowercase hex
 * SHA-256 of these lines joined by LF (no LF at the end):
 * <pre>
 * LGSP-REQUEST-HASH
 * request id          (X-LGSP-Request-Id of the response)
 * METHOD
 * path                (as the client sent it, e.g. /gw/r1/svc/items/1, percent-encoding kept)
 * query               (raw, empty when none)
 * hex SHA-256 of the request body
 * response status     (decimal, as the client received it)
 * hex SHA-256 of the response body
 * </pre>
 * The gateway records it in the audit, so either side can later prove which request produced
 * which answer.
 */
public final class RequestHash {

    public static final String HEADER = "X-LGSP-Request-Hash";

    private RequestHash() {
    }

    public static String of(String requestId, String method, String path, String query, String requestSha256,
                            int status, String responseSha256) {
        String text = "LGSP-REQUEST-HASH\n" + requestId + '\n' + method + '\n' + path + '\n' + (query == null ? "" : query)
                + '\n' + requestSha256 + '\n' + status + '\n' + responseSha256;
        return Sha256.hex(text);
    }
}
