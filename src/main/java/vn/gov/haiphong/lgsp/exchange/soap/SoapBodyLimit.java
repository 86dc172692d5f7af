package vn.gov.haiphong.lgsp.exchange.soap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.platform.RequestSizeLimitFilter;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/**
 * The package limit ({@code lgsp.limits.vdxp-request-body}, 50 MB by default) applied to SOAP
 * requests under {@code /services/}, plus {@link #ENVELOPE_ALLOWANCE} for the envelope and its
 * security header, enforced by {@link RequestSizeLimitFilter} before anything is buffered. The
 * refusal is a SOAP fault (1.1 or 1.2, as the request) with {@code PKG-203}, with the status CXF
 * gives every fault (500, as SOAP 1.1 over HTTP prescribes). A body cut off later, while CXF reads
 * it, is answered with the same code by {@link SoapFaults}.
 */
@Component
class SoapBodyLimit implements RequestSizeLimitFilter.Limit {

    /** Room for the envelope, the WS-Security header and MIME boundaries around the package. */
    static final long ENVELOPE_ALLOWANCE = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SoapBodyLimit.class);

    private final long maxBytes;

    SoapBodyLimit(@Value("${lgsp.limits.vdxp-request-body:50MB}") DataSize maxPackage) {
        this.maxBytes = maxPackage.toBytes() + ENVELOPE_ALLOWANCE;
    }

    @Override
    public String pathPrefix() {
        return "/services/";
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.info("SOAP {} refused: {} declared {} bytes", request.getRequestURI(), ErrorCode.EDXML_TOO_LARGE.code(),
                request.getContentLengthLong());
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean soap12 = contentType.contains("application/soap+xml");
        String message = ErrorCode.EDXML_TOO_LARGE.code() + ": " + ErrorCode.EDXML_TOO_LARGE.title()
                + ": SOAP requests here are limited to " + maxBytes + " bytes";
        String error = "<lgsp:error xmlns:lgsp=\"" + DocumentExchangePort.NS + "\" code=\""
                + ErrorCode.EDXML_TOO_LARGE.code() + "\">" + message + "</lgsp:error>";
        String envelope = soap12
                ? "<env:Envelope xmlns:env=\"" + SoapSigning.SOAP12_NS + "\"><env:Body><env:Fault><env:Code><env:Value>"
                    + "env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">" + message
                    + "</env:Text></env:Reason><env:Detail>" + error + "</env:Detail></env:Fault></env:Body></env:Envelope>"
                : "<soap:Envelope xmlns:soap=\"" + SoapSigning.SOAP11_NS + "\"><soap:Body><soap:Fault><faultcode>"
                    + "soap:Client</faultcode><faultstring>" + message + "</faultstring><detail>" + error
                    + "</detail></soap:Fault></soap:Body></soap:Envelope>";
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + envelope).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.setContentType((soap12 ? "application/soap+xml" : "text/xml") + ";charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
