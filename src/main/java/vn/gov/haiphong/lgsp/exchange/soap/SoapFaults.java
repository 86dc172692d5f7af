package vn.gov.haiphong.lgsp.exchange.soap;

import jakarta.xml.bind.UnmarshalException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.SoapVersion;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.common.i18n.UncheckedException;
import org.apache.cxf.frontend.WSDLQueryException;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlException;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.platform.RequestSizeLimitFilter.BodyTooLargeException;
import vn.gov.haiphong.lgsp.platform.errors.DatabaseOutage;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;

/**
 * Every fault of the exchange endpoints leaves as {@code soap:Client} (SOAP 1.2
 * {@code env:Sender}) or {@code soap:Server} ({@code env:Receiver}) with the catalogue code and a
 * message in its detail: {@code <lgsp:error code="EXC-304">...</lgsp:error>}. WS-Security
 * failures get their SOAP-10x code; unexpected errors get LGSP-500 with an incident id, the rest
 * goes to the log only. Never a stack trace. A {@code ?wsdl=} or {@code ?xsd=} document that does
 * not exist is answered with HTTP 404 (and SOAP-107 in the body).
 */
class SoapFaults extends AbstractSoapInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SoapFaults.class);
    private static final int MAX_DETAIL = 500;
    /** CXF's codes for a Body that is not the element the operation (named by its SOAPAction) takes. */
    private static final Set<String> BODY_MISMATCH = Set.of("UNEXPECTED_ELEMENT", "UNEXPECTED_WRAPPER_ELEMENT");
    /** CXF's codes for a {@code ?wsdl=} or {@code ?xsd=} document it does not have. */
    private static final Set<String> NO_SUCH_DOCUMENT = Set.of("WSDL_NOT_FOUND", "SCHEMA_NOT_FOUND");
    private static final Refusal DOCTYPE = new Refusal(ErrorCode.SOAP_INVALID_REQUEST,
            "DOCTYPE declarations are not allowed in a SOAP request");

    /** A refusal as it is sent: code, message, and whether the client is to blame. */
    record Refusal(ErrorCode error, String message) {
        boolean clientFault() {
            return error.status().is4xxClientError();
        }
    }

    SoapFaults() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exception exception = message.getContent(Exception.class);
        SoapCaller caller = message.getExchange().get(SoapCaller.class);
        String operation = operation(message);
        Message request = message.getExchange().getInMessage();
        Refusal refusal = doctype(request) ? DOCTYPE
                : classify(exception, message.getExchange().getBindingOperationInfo() != null);
        if (refusal.error() == ErrorCode.INTERNAL) {
            String incident = UUID.randomUUID().toString();
            log.error("SOAP {} by {} failed, incident {}", operation, who(caller), incident, exception);
            refusal = new Refusal(ErrorCode.INTERNAL, ErrorCode.INTERNAL.title() + " (incident " + incident + ")");
        } else if (refusal.error() == ErrorCode.DATABASE_UNAVAILABLE) {
            DatabaseOutage.logRefusal("SOAP " + operation + " by " + who(caller), exception);
        } else {
            log.info("SOAP {} by {} refused: {} {}", operation, who(caller), refusal.error().code(), refusal.message());
        }
        SoapFault fault = fault(message.getVersion(), refusal);
        if (cxfCode(exception, WSDLQueryException.class, NO_SUCH_DOCUMENT) != null) {
            fault.setStatusCode(404);
        }
        message.setContent(Exception.class, fault);
        // A fault is plain XML, whatever the request was.
        message.put(Message.MTOM_ENABLED, Boolean.FALSE);
    }

    static SoapFault fault(SoapVersion version, Refusal refusal) {
        QName code = refusal.clientFault() ? version.getSender() : version.getReceiver();
        SoapFault fault = new SoapFault(refusal.error().code() + ": " + refusal.message(), code);
        Element detail = fault.getOrCreateDetail();
        Element error = detail.getOwnerDocument().createElementNS(DocumentExchangePort.NS, "lgsp:error");
        error.setAttribute("code", refusal.error().code());
        error.setTextContent(refusal.message());
        detail.appendChild(error);
        return fault;
    }

    /**
     * What a failure means for the client; {@link ErrorCode#INTERNAL} when it is ours.
     *
     * @param operationKnown whether CXF had identified the operation when it failed
     */
    static Refusal classify(Throwable exception, boolean operationKnown) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LgspException e) {
                boolean soap = e.error().code().startsWith("SOAP-");
                return new Refusal(e.error(), (soap ? e.error().title() + ": " : "") + printable(e.getMessage()));
            }
            if (t instanceof EdxmlException e) {
                return new Refusal(e.error(), e.error().title() + ": " + printable(e.getMessage()));
            }
        }
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return new Refusal(ErrorCode.EDXML_TOO_LARGE, "the request is larger than the limit");
            }
            if (t instanceof WSSecurityException e) {
                return security(e);
            }
            if (t instanceof UnmarshalException || t instanceof XMLStreamException) {
                return new Refusal(ErrorCode.SOAP_INVALID_REQUEST, printable(exception.getMessage()));
            }
        }
        if (DatabaseOutage.caused(exception)) {
            return new Refusal(ErrorCode.DATABASE_UNAVAILABLE, ErrorCode.DATABASE_UNAVAILABLE.title());
        }
        if (cxfCode(exception, Fault.class, BODY_MISMATCH) != null) {
            return new Refusal(ErrorCode.SOAP_INVALID_REQUEST, "the Body is not what the operation its SOAPAction "
                    + "names takes: " + printable(exception.getMessage()));
        }
        UncheckedException missing = cxfCode(exception, WSDLQueryException.class, NO_SUCH_DOCUMENT);
        if (missing != null) {
            return new Refusal(ErrorCode.SOAP_INVALID_REQUEST, "no such document here (" + printable(missing.getMessage())
                    + "); the contract is at ?wsdl");
        }
        if (exception instanceof Fault fault && (isClientCode(fault.getFaultCode())
                || (!operationKnown && (fault.getCause() == null || fault.getCause() == fault)))) {
            // CXF's own refusals of the request (e.g. "Message part ... was not recognized").
            return new Refusal(ErrorCode.SOAP_INVALID_REQUEST, printable(fault.getMessage()));
        }
        return new Refusal(ErrorCode.INTERNAL, null);
    }

    private static Refusal security(WSSecurityException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        String lower = text.toLowerCase(Locale.ROOT);
        ErrorCode code;
        // WSS4J reports a replayed Timestamp or signature as INVALID_SECURITY "invalidTimestamp",
        // a stale, expired or future one as MESSAGE_EXPIRED "invalidTimestamp".
        if (lower.contains("replay") || e.getErrorCode() == WSSecurityException.ErrorCode.INVALID_SECURITY
                && "invalidTimestamp".equals(e.getMsgID())) {
            code = ErrorCode.SOAP_REPLAY;
        } else if (e.getErrorCode() == WSSecurityException.ErrorCode.MESSAGE_EXPIRED
                || "invalidTimestamp".equals(e.getMsgID())) {
            code = ErrorCode.SOAP_STALE_TIMESTAMP;
        } else if (e.getErrorCode() == WSSecurityException.ErrorCode.FAILED_CHECK) {
            code = ErrorCode.SOAP_BAD_SIGNATURE;
        } else if (e.getErrorCode() == WSSecurityException.ErrorCode.UNSUPPORTED_ALGORITHM) {
            code = ErrorCode.SOAP_WEAK_ALGORITHM;
        } else {
            code = ErrorCode.SOAP_UNSIGNED;
        }
        return new Refusal(code, code.title() + (text.isBlank() ? "" : " (" + printable(text) + ")"));
    }

    /** The first CXF exception of this type in the chain whose message code is one of {@code codes}. */
    private static UncheckedException cxfCode(Throwable exception, Class<? extends UncheckedException> type,
                                              Set<String> codes) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                String code = ((UncheckedException) t).getCode();
                if (code != null && codes.contains(code)) {
                    return (UncheckedException) t;
                }
            }
        }
        return null;
    }

    /**
     * Whether the request's parser stopped at a DOCTYPE: CXF's parser refuses DTDs, and says so as
     * "Received event DTD, instead of START_ELEMENT".
     */
    private static boolean doctype(Message request) {
        XMLStreamReader reader = request == null ? null : request.getContent(XMLStreamReader.class);
        try {
            return reader != null && reader.getEventType() == XMLStreamConstants.DTD;
        } catch (IllegalStateException closed) {
            return false;
        }
    }

    private static boolean isClientCode(QName code) {
        return code != null && ("Client".equals(code.getLocalPart()) || "Sender".equals(code.getLocalPart()));
    }

    private static String operation(SoapMessage message) {
        BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
        return operation == null ? "(no operation)" : operation.getName().getLocalPart();
    }

    private static String who(SoapCaller caller) {
        return caller == null ? "(unauthenticated)" : caller.toString();
    }

    /** One line of printable text, at most {@link #MAX_DETAIL} characters. */
    static String printable(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String line = text.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "?").strip();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }
}
