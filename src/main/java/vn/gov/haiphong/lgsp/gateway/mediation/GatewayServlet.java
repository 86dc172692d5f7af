package vn.gov.haiphong.lgsp.gateway.mediation;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import vn.gov.haiphong.lgsp.gateway.GatewayAudit;
import vn.gov.haiphong.lgsp.gateway.GatewayCall;
import vn.gov.haiphong.lgsp.gateway.GatewayCatalog;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Kind;
import vn.gov.haiphong.lgsp.gateway.GatewayModel.Service;
import vn.gov.haiphong.lgsp.gateway.ServiceDescriptions;
import vn.gov.haiphong.lgsp.gateway.routing.GatewayRoutes;
import vn.gov.haiphong.lgsp.platform.Sha256;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.security.CallingSystem;
import vn.gov.haiphong.lgsp.security.gateway.GatewayAuthentication;
import vn.gov.haiphong.lgsp.security.gateway.GatewaySignature;

/**
 * The message path of the gateway: {@code {METHOD} /gw/r1/{service}/{path}} (REST and SOAP-REST
 * bridges) and {@code POST /gw/soap/{service}} (SOAP 1.1/1.2; {@code GET ?wsdl}). A plain servlet
 * rather than a Spring MVC controller: the call is relayed byte for byte, so nothing is gained from
 * message conversion, and the path stays short. Spring Security has authenticated the client
 * before this runs. Order of checks: service known and enabled and of the right kind, path safe,
 * access granted, client under its rate, body within the limit and matching its signed hash,
 * then the provider (or the routing table / bridge route) is called. Every call is audited.
 */
public class GatewayServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(GatewayServlet.class);
    public static final String REST_PREFIX = "/gw/r1/";
    public static final String SOAP_PREFIX = "/gw/soap/";

    private final transient GatewayCatalog catalog;
    private final transient UpstreamClient upstream;
    private final transient ClientRateLimiter rates;
    private final transient GatewayRefusals refusals;
    private final transient GatewayAudit audit;
    private final transient GatewayRoutes routes;
    private final transient ServiceDescriptions descriptions;

    public GatewayServlet(GatewayCatalog catalog, UpstreamClient upstream, ClientRateLimiter rates,
                          GatewayRefusals refusals, GatewayAudit audit, GatewayRoutes routes,
                          ServiceDescriptions descriptions) {
        this.catalog = catalog;
        this.upstream = upstream;
        this.rates = rates;
        this.refusals = refusals;
        this.audit = audit;
        this.routes = routes;
        this.descriptions = descriptions;
    }

    /** What the audit needs to know, filled in as the call goes. */
    private static final class Call {
        final long start = System.nanoTime();
        final String requestId = requestId();
        CallingSystem caller;
        String service;
        String kind;
        String operation;
        String endpoint;
        int status;
        String code;
        long requestBytes;
        long responseBytes;
        String requestSha256;
        String requestHash;
    }

    /** A time-ordered (version 7) UUID: see {@link vn.gov.haiphong.lgsp.platform.TimeOrderedIds}. */
    public static String requestId() {
        return vn.gov.haiphong.lgsp.platform.TimeOrderedIds.uuid7();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Call call = new Call();
        try {
            mediate(request, response, call);
        } catch (LgspException e) {
            refuse(request, response, call, e.error(), e.getMessage(),
                    e instanceof GatewayFailure f ? f.retryAfterSeconds() : 0);
        } catch (Exception e) {
            String incident = UUID.randomUUID().toString();
            log.error("Gateway call {} failed, incident {}", call.requestId, incident, e);
            refuse(request, response, call, ErrorCode.INTERNAL, "Incident " + incident, 0);
        } finally {
            audit.record(new GatewayCall(call.requestId, Instant.now(), call.caller == null ? null : call.caller.systemId(),
                    null, call.service, call.kind, call.operation, call.endpoint, call.status, call.code,
                    (System.nanoTime() - call.start) / 1000, call.requestBytes, call.responseBytes, call.requestSha256,
                    call.requestHash));
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Call call, ErrorCode error,
                        String detail, long retryAfter) throws IOException {
        long[] written = refusals.write(request, response, error, detail, call.requestId, retryAfter);
        call.status = (int) written[0];
        call.responseBytes = written[1];
        call.code = error.code();
    }

    private void mediate(HttpServletRequest request, HttpServletResponse response, Call call) throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        CallingSystem caller = GatewayAuthentication.callerOf(authentication);
        if (caller == null) {
            throw new GatewayFailure(ErrorCode.GW_AUTH_MISSING, "Only connected systems use the gateway");
        }
        call.caller = caller;
        String uri = request.getRequestURI();
        boolean soap = uri.startsWith(SOAP_PREFIX);
        String rest = uri.substring(soap ? SOAP_PREFIX.length() : REST_PREFIX.length());
        int slash = rest.indexOf('/');
        String code = slash < 0 ? rest : rest.substring(0, slash);
        String rawPath = slash < 0 ? "" : rest.substring(slash);
        String method = request.getMethod();
        String query = request.getQueryString();
        call.operation = method + " " + (rawPath.isEmpty() ? "/" : rawPath);
        if (!GatewayPaths.SERVICE_CODE.matcher(code).matches()) {
            throw new GatewayFailure(ErrorCode.GW_SERVICE_NOT_FOUND, "No service has this code");
        }
        Service service = catalog.service(code)
                .orElseThrow(() -> new GatewayFailure(ErrorCode.GW_SERVICE_NOT_FOUND, "No service " + code));
        call.service = code;
        call.kind = service.kind().name();
        if (soap != (service.kind() == Kind.SOAP)) {
            throw new GatewayFailure(ErrorCode.GW_WRONG_PROTOCOL, "Service " + code + " is a " + service.kind()
                    + " service: call it at " + (service.kind() == Kind.SOAP ? SOAP_PREFIX : REST_PREFIX) + code);
        }
        if (!service.enabled()) {
            throw new GatewayFailure(ErrorCode.GW_SERVICE_DISABLED, "Service " + code + " is suspended");
        }
        if (soap && !rawPath.isEmpty()) {
            throw new GatewayFailure(ErrorCode.GW_BAD_PATH, "A SOAP service is called at " + SOAP_PREFIX + code + " itself");
        }
        GatewayPaths.checkRelativePath(rawPath);
        if (!catalog.allows(caller.systemId(), code, soap ? "POST" : method, rawPath)) {
            throw new GatewayFailure(ErrorCode.GW_NOT_GRANTED, "System " + caller.systemId() + " is not granted "
                    + (soap ? "service " + code : method + " " + (rawPath.isEmpty() ? "/" : rawPath) + " of service " + code));
        }
        if (soap && "GET".equals(method) && "wsdl".equalsIgnoreCase(query)) {
            call.operation = "GET ?wsdl";
            byte[] wsdl = descriptions.published(service, publicBase(request)).getBytes(StandardCharsets.UTF_8);
            writeDescription(response, call, "text/xml; charset=utf-8", wsdl);
            return;
        }
        long wait = rates.acquire(code, caller.systemId(), service.ratePerSecond(), service.rateBurst());
        if (wait > 0) {
            throw new GatewayFailure(ErrorCode.GW_RATE_LIMITED, "System " + caller.systemId() + " may call service " + code
                    + " " + service.ratePerSecond() + " times a second (bursts of " + service.rateBurst() + ")", wait);
        }
        byte[] body = readBody(request, service.maxRequestBytes());
        call.requestBytes = body.length;
        call.requestSha256 = Sha256.hex(body);
        String signed = authentication instanceof GatewayAuthentication g ? g.signedContentSha256() : null;
        String mismatch = signed == null ? null : GatewaySignature.bodyMismatch(signed, call.requestSha256);
        if (mismatch != null) {
            throw new GatewayFailure(ErrorCode.GW_AUTH_BODY_MISMATCH, mismatch);
        }
        if (soap) {
            if (!"POST".equals(method)) {
                throw new GatewayFailure(ErrorCode.GW_NOT_SOAP, "SOAP requests are POSTed (GET only for ?wsdl)");
            }
            call.operation = "SOAP " + SoapXml.sniff(body, GatewayRefusals.isSoap12(request)).operation();
        }

        int status;
        List<Header> headers;
        byte[] answer;
        String contentType = null;
        if (service.kind() == Kind.BRIDGE) {
            call.endpoint = "bridge:" + service.routingRoute();
            GatewayRoutes.Outcome outcome = routes.run(service, caller, call.requestId, method, rawPath, query, body);
            status = outcome.status();
            headers = List.of();
            answer = outcome.body() == null ? new byte[0] : outcome.body();
            contentType = outcome.contentType() == null ? "application/json" : outcome.contentType();
        } else {
            String endpointName = service.routingRoute() == null ? service.endpoints().keySet().iterator().next()
                    : routes.run(service, caller, call.requestId, method, rawPath, query, body).endpoint();
            String base = endpointName == null ? null : service.endpoints().get(endpointName);
            if (base == null) {
                throw new GatewayFailure(ErrorCode.GW_NO_ROUTE, "The routing table route " + service.routingRoute()
                        + " chose " + (endpointName == null ? "no endpoint" : "'" + endpointName + "'")
                        + "; the service's endpoints are " + service.endpoints().keySet());
            }
            call.endpoint = endpointName;
            URI target = soap ? URI.create(base) : GatewayPaths.upstream(base, rawPath, query);
            List<Map.Entry<String, String>> forward = UpstreamHeaders.towardsProvider(request, caller, code, call.requestId);
            UpstreamClient.Answer reply = upstream.call(base, method, target, forward, body, service.timeoutMs(),
                    service.maxResponseBytes(), soap);
            if (reply.status() >= 300 && reply.status() < 400 && reply.status() != 304) {
                throw new GatewayFailure(ErrorCode.GW_UPSTREAM_REDIRECT, "The provider answered " + reply.status()
                        + " (a redirect); the gateway does not follow redirects");
            }
            status = reply.status();
            headers = UpstreamHeaders.towardsClient(reply.headers());
            answer = reply.body();
        }
        call.requestHash = RequestHash.of(call.requestId, method, uri, query, call.requestSha256, status,
                Sha256.hex(answer));
        response.setStatus(status);
        for (Header h : headers) {
            response.addHeader(h.getName(), h.getValue());
        }
        if (contentType != null) {
            response.setContentType(contentType);
        }
        response.setHeader(GatewayRefusals.REQUEST_ID, call.requestId);
        response.setHeader(RequestHash.HEADER, call.requestHash);
        response.setContentLength(answer.length);
        if (answer.length > 0 && !"HEAD".equals(method)) {
            response.getOutputStream().write(answer);
        }
        call.status = status;
        call.responseBytes = answer.length;
    }

    private void writeDescription(HttpServletResponse response, Call call, String contentType, byte[] body)
            throws IOException {
        response.setStatus(200);
        response.setContentType(contentType);
        response.setHeader(GatewayRefusals.REQUEST_ID, call.requestId);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        call.status = 200;
        call.responseBytes = body.length;
    }

    /** The gateway's own address as clients reach it, for rewritten descriptions. */
    String publicBase(HttpServletRequest request) {
        return descriptions.publicBase(request);
    }

    static byte[] readBody(HttpServletRequest request, long max) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw new GatewayFailure(ErrorCode.GW_REQUEST_TOO_LARGE,
                    "The body (" + declared + " bytes) exceeds this service's limit of " + max + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            return BoundedBody.read(in, declared, max, () -> new GatewayFailure(ErrorCode.GW_REQUEST_TOO_LARGE,
                    "The body exceeds this service's limit of " + max + " bytes"));
        }
    }
}
