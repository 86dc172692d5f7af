package vn.gov.haiphong.lgsp.security.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.gov.haiphong.lgsp.platform.BodyReadRequest;
import vn.gov.haiphong.lgsp.platform.Sha256;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;

/**
 * For a request authenticated with the HMAC scheme outside the gateway's servlet (the data API),
 * the part of the signature that covers the body: the body is read whole (its size is already
 * bounded by {@code RequestSizeLimitFilter}), its SHA-256 compared in constant time with the one
 * the client signed, and the request goes on with exactly those bytes as its body, or is refused
 * with GW-106 before any handler sees it. Other requests pass untouched. (The gateway's servlet
 * makes the same check, {@link GatewaySignature#bodyMismatch}, as it reads the body it forwards,
 * within the service's own size limit.)
 */
public class SignedBodyCheck extends OncePerRequestFilter {

    private final ObjectMapper json;

    public SignedBodyCheck(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String signed = authentication instanceof GatewayAuthentication g ? g.signedContentSha256() : null;
        if (signed == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String mismatch = GatewaySignature.bodyMismatch(signed, Sha256.hex(body));
        if (mismatch != null) {
            ProblemJson.write(response, json, ErrorCode.GW_AUTH_BODY_MISMATCH, mismatch);
            return;
        }
        chain.doFilter(new BodyReadRequest(request, body), response);
    }
}
