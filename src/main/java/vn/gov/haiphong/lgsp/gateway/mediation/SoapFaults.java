package vn.gov.haiphong.lgsp.gateway.mediation;

import java.nio.charset.StandardCharsets;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/**
 * Gateway refusals as SOAP faults, in the SOAP version of the request. The catalogue code is in
 * the fault string ({@code GW-202: ...}) and in the detail ({@code <lgsp:code>}). HTTP status:
 * SOAP 1.1 faults are 500 (the SOAP 1.1 HTTP binding); SOAP 1.2 faults are 400 for client
 * mistakes (Sender) and 500 otherwise (Receiver). The catalogue's own HTTP status is in the
 * {@code X-LGSP-Error-Status} header, the code in {@code X-LGSP-Error-Code}.
 */
public final class SoapFaults {

    public static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    public static final String LGSP_NS = "urn:lgsp:gateway";

    private SoapFaults() {
    }

    public static boolean isClientError(ErrorCode error) {
        return error.status().is4xxClientError();
    }

    public static int httpStatus(boolean soap12, ErrorCode error) {
        return soap12 && isClientError(error) ? 400 : 500;
    }

    public static String contentType(boolean soap12) {
        return soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
    }

    public static byte[] fault(boolean soap12, ErrorCode error, String detail) {
        String text = escape(error.code() + ": " + (detail == null ? error.title() : detail));
        String lgspDetail = "<lgsp:error xmlns:lgsp=\"" + LGSP_NS + "\"><lgsp:code>" + error.code()
                + "</lgsp:code><lgsp:status>" + error.status().value() + "</lgsp:status><lgsp:title>"
                + escape(error.title()) + "</lgsp:title></lgsp:error>";
        String xml;
        if (soap12) {
            xml = "<env:Envelope xmlns:env=\"" + SOAP12_NS + "\"><env:Body><env:Fault><env:Code><env:Value>"
                    + (isClientError(error) ? "env:Sender" : "env:Receiver") + "</env:Value></env:Code>"
                    + "<env:Reason><env:Text xml:lang=\"en\">" + text + "</env:Text></env:Reason>"
                    + "<env:Detail>" + lgspDetail + "</env:Detail></env:Fault></env:Body></env:Envelope>";
        } else {
            xml = "<soap:Envelope xmlns:soap=\"" + SOAP11_NS + "\"><soap:Body><soap:Fault><faultcode>"
                    + (isClientError(error) ? "soap:Client" : "soap:Server") + "</faultcode><faultstring>" + text
                    + "</faultstring><detail>" + lgspDetail + "</detail></soap:Fault></soap:Body></soap:Envelope>";
        }
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml).getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
