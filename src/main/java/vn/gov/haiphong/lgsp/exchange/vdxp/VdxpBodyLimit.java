package vn.gov.haiphong.lgsp.exchange.vdxp;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import vn.gov.haiphong.lgsp.platform.RequestSizeLimitFilter;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpSignature;

/**
 * The size limit on VDXP request bodies ({@code lgsp.limits.vdxp-request-body}, 50 MB by default),
 * enforced by {@link RequestSizeLimitFilter} before anything is buffered. The refusal is a VDXP
 * envelope, HTTP 200, with {@code PKG-203} (and {@code DocId ""} on sendEdoc), because the SDK
 * reads the body whatever the status.
 */
@Component
class VdxpBodyLimit implements RequestSizeLimitFilter.Limit {

    private static final Logger log = LoggerFactory.getLogger(VdxpBodyLimit.class);

    private final long maxBytes;

    VdxpBodyLimit(@Value("${lgsp.limits.vdxp-request-body:50MB}") DataSize max) {
        this.maxBytes = max.toBytes();
    }

    @Override
    public String pathPrefix() {
        return VdxpController.BASE + "/";
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.info("VDXP {} by {} refused: {} declared {} bytes", request.getRequestURI(),
                VdxpController.printable(request.getHeader(VdxpSignature.SYSTEMID_HEADER)),
                ErrorCode.EDXML_TOO_LARGE.code(), request.getContentLengthLong());
        VdxpController.writeJson(response, tooLarge(request.getRequestURI()));
    }

    ObjectNode tooLarge(String uri) {
        ObjectNode reply = VdxpReply.fail(ErrorCode.EDXML_TOO_LARGE.code(),
                ErrorCode.EDXML_TOO_LARGE.title() + ": request bodies here are limited to " + maxBytes + " bytes");
        if (uri.endsWith("/" + VdxpController.SEND_EDOC)) {
            reply.put("DocId", "");
        }
        return reply;
    }
}
