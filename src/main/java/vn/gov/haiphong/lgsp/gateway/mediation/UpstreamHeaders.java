package vn.gov.haiphong.lgsp.gateway.mediation;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import vn.gov.haiphong.lgsp.security.CallingSystem;

/**
 * Which headers cross the gateway. Towards the provider: the client's headers less the hop-by-hop
 * ones (RFC 9110 §7.6.1, and any named in Connection), the client's gateway credentials
 * (Authorization, X-LGSP-*), cookies, Host and proxy/forwarding headers; plus the gateway's own
 * identification of the client and the request. Towards the client: the provider's headers less
 * hop-by-hop ones, Set-Cookie and any X-LGSP-* (only the gateway speaks those).
 *
 * <p>Names are compared with underscores read as dashes: CGI and WSGI providers fold both into
 * the same variable ({@code X_LGSP_Client} reaches them as {@code HTTP_X_LGSP_CLIENT}, the
 * gateway's own header), so every spelling of a stripped header is stripped.
 */
public final class UpstreamHeaders {

    public static final String CLIENT = "X-LGSP-Client";
    public static final String CLIENT_AGENCY = "X-LGSP-Client-Agency";
    public static final String SERVICE = "X-LGSP-Service";
    public static final String REQUEST_ID = "X-LGSP-Request-Id";

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "expect", "authorization",
            "cookie", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-forwarded-prefix", "x-real-ip");
    private static final Set<String> NOT_RETURNED = Set.of("content-length", "set-cookie", "set-cookie2");

    private UpstreamHeaders() {
    }

    public static List<Map.Entry<String, String>> towardsProvider(HttpServletRequest request, CallingSystem caller,
                                                                  String service, String requestId) {
        Set<String> connectionNamed = connectionTokens(request.getHeaders("Connection"));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            String lower = folded(name);
            if (HOP_BY_HOP.contains(lower) || NOT_FORWARDED.contains(lower) || lower.startsWith("x-lgsp-")
                    || connectionNamed.contains(lower)) {
                continue;
            }
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                headers.add(Map.entry(name, values.nextElement()));
            }
        }
        identify(headers, caller, service, requestId);
        return headers;
    }

    public static void identify(List<Map.Entry<String, String>> headers, CallingSystem caller, String service,
                                String requestId) {
        headers.add(Map.entry(CLIENT, caller.systemId()));
        if (caller.ownerAgency() != null) {
            headers.add(Map.entry(CLIENT_AGENCY, caller.ownerAgency()));
        }
        headers.add(Map.entry(SERVICE, service));
        headers.add(Map.entry(REQUEST_ID, requestId));
    }

    public static List<Header> towardsClient(List<Header> upstream) {
        Set<String> connectionNamed = new HashSet<>();
        for (Header h : upstream) {
            if (h.getName().equalsIgnoreCase("Connection")) {
                for (String token : h.getValue().split(",")) {
                    connectionNamed.add(folded(token.strip()));
                }
            }
        }
        List<Header> kept = new ArrayList<>(upstream.size());
        for (Header h : upstream) {
            String lower = folded(h.getName());
            if (HOP_BY_HOP.contains(lower) || NOT_RETURNED.contains(lower) || lower.startsWith("x-lgsp-")
                    || connectionNamed.contains(lower)) {
                continue;
            }
            kept.add(h);
        }
        return kept;
    }

    /** A header name as the providers' frameworks see it: lower case, underscores as dashes. */
    static String folded(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Set<String> connectionTokens(Enumeration<String> values) {
        Set<String> tokens = new HashSet<>();
        while (values != null && values.hasMoreElements()) {
            for (String token : values.nextElement().split(",")) {
                tokens.add(folded(token.strip()));
            }
        }
        return tokens;
    }
}
