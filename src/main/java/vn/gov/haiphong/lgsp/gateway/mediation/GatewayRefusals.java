package vn.gov.haiphong.lgsp.gateway.mediation;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;

/**
 * Writes a gateway refusal in the client's protocol: a SOAP fault (of the request's SOAP
 * version) under {@code /gw/soap/}, problem+json everywhere else. Always with the request id.
 */
@Component
public class GatewayRefusals {

    public static final String REQUEST_ID = "X-LGSP-Request-Id";
    public static final String ERROR_CODE = "X-LGSP-Error-Code";
    public static final String ERROR_STATUS = "X-LGSP-Error-Status";

    private final ObjectMapper json;

    public GatewayRefusals(ObjectMapper json) {
        this.json = json;
    }

    public static boolean isSoap(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/gw/soap/");
    }

    public static boolean isSoap12(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/soap+xml");
    }

    /** Writes the refusal; returns the HTTP status sent and the size of the body. */
    public long[] write(HttpServletRequest request, HttpServletResponse response, ErrorCode error, String detail,
                        String requestId, long retryAfterSeconds) throws IOException {
        if (response.isCommitted()) {
            return new long[] {response.getStatus(), 0};
        }
        response.resetBuffer();
        if (requestId != null) {
            response.setHeader(REQUEST_ID, requestId);
        }
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.setHeader(ERROR_CODE, error.code());
        byte[] body;
        int status;
        if (isSoap(request)) {
            boolean soap12 = isSoap12(request);
            status = SoapFaults.httpStatus(soap12, error);
            response.setHeader(ERROR_STATUS, Integer.toString(error.status().value()));
            response.setContentType(SoapFaults.contentType(soap12));
            body = SoapFaults.fault(soap12, error, detail);
        } else {
            status = error.status().value();
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            Map<String, Object> properties = requestId == null ? Map.of() : Map.of("requestId", requestId);
            body = json.writeValueAsBytes(ProblemJson.of(error, detail, properties));
        }
        response.setStatus(status);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
        return new long[] {status, body.length};
    }
}
