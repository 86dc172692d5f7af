package vn.gov.haiphong.lgsp.exchange.soap;

import jakarta.activation.DataHandler;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.apache.cxf.attachment.ByteDataSource;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import vn.gov.haiphong.lgsp.exchange.document.DocumentExchange;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryView;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Submission;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlException;
import vn.gov.haiphong.lgsp.exchange.soap.api.Acknowledge;
import vn.gov.haiphong.lgsp.exchange.soap.api.AcknowledgeResponse;
import vn.gov.haiphong.lgsp.exchange.soap.api.CountReceived;
import vn.gov.haiphong.lgsp.exchange.soap.api.CountReceivedResponse;
import vn.gov.haiphong.lgsp.exchange.soap.api.DeliveryStatus;
import vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort;
import vn.gov.haiphong.lgsp.exchange.soap.api.GetDocument;
import vn.gov.haiphong.lgsp.exchange.soap.api.GetDocumentResponse;
import vn.gov.haiphong.lgsp.exchange.soap.api.ListReceived;
import vn.gov.haiphong.lgsp.exchange.soap.api.ListReceivedResponse;
import vn.gov.haiphong.lgsp.exchange.soap.api.ListSent;
import vn.gov.haiphong.lgsp.exchange.soap.api.ListSentResponse;
import vn.gov.haiphong.lgsp.exchange.soap.api.MessageType;
import vn.gov.haiphong.lgsp.exchange.soap.api.ReceivedItem;
import vn.gov.haiphong.lgsp.exchange.soap.api.SendDocument;
import vn.gov.haiphong.lgsp.exchange.soap.api.SendDocumentResponse;
import vn.gov.haiphong.lgsp.exchange.soap.api.SentItem;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;

/**
 * The SOAP face of {@link DocumentExchange}: every operation is the exchange's own, with the same
 * rules, idempotency and error codes as VDXP; refusals become faults in {@link SoapFaults}. The
 * caller is the system {@link SoapAuthenticator} identified by its signing certificate.
 */
@Component
@WebService(serviceName = DocumentExchangePort.SERVICE, portName = DocumentExchangePort.PORT_SOAP11,
        targetNamespace = DocumentExchangePort.NS, wsdlLocation = "classpath:" + DocumentExchangePort.WSDL,
        endpointInterface = "vn.gov.haiphong.lgsp.exchange.soap.api.DocumentExchangePort")
public class DocumentExchangeSoapService implements DocumentExchangePort {

    static final String OCTET_STREAM = "application/octet-stream";
    private static final String MESSAGE_TYPE = "messageType (edoc or status)";

    private final DocumentExchange exchange;
    private final long maxPackageBytes;

    DocumentExchangeSoapService(DocumentExchange exchange,
                                @Value("${lgsp.limits.vdxp-request-body:50MB}") DataSize maxPackage) {
        this.exchange = exchange;
        this.maxPackageBytes = maxPackage.toBytes();
    }

    @Override
    public SendDocumentResponse sendDocument(SendDocument request) {
        ConnectedSystem system = caller();
        if (request == null || request.getMessageType() == null) {
            throw notInSchema(MESSAGE_TYPE);
        }
        if (request.getContent() == null) {
            throw notInSchema("package (the edXML package, as an MTOM attachment or inline base64)");
        }
        Submission submission = exchange.submit(system, read(request.getContent()), origin());
        return new SendDocumentResponse(submission.docId(), type(submission.messageType()), submission.replay());
    }

    @Override
    public ListReceivedResponse listReceived(ListReceived request) {
        ConnectedSystem system = caller();
        DocumentModel.MessageType type = type(request == null ? null : request.getMessageType());
        List<ReceivedItem> items = exchange.pending(system, type).stream().map(view -> {
            Delivery delivery = view.delivery();
            return new ReceivedItem(view.document().docId(), type(view.document().messageType()),
                    view.document().fromCode(), delivery.recipientCode(), status(delivery.status()),
                    delivery.description(), delivery.attempts(), delivery.createdAt(), delivery.updatedAt());
        }).toList();
        return new ListReceivedResponse(items);
    }

    @Override
    public ListSentResponse listSent(ListSent request) {
        ConnectedSystem system = caller();
        DocumentModel.MessageType type = type(request == null ? null : request.getMessageType());
        List<SentItem> items = exchange.sent(system, type, request.getDocId()).stream().map(this::sentItem).toList();
        return new ListSentResponse(items);
    }

    private SentItem sentItem(DeliveryView view) {
        Delivery delivery = view.delivery();
        return new SentItem(view.document().docId(), type(view.document().messageType()), view.document().fromCode(),
                delivery.recipientCode(), status(delivery.senderStatus()), delivery.description(), delivery.lastStatusCode(),
                view.document().subject(), view.document().notation(), view.document().receivedAt(),
                delivery.status() == DocumentModel.DeliveryStatus.DONE ? delivery.updatedAt() : null);
    }

    @Override
    public GetDocumentResponse getDocument(GetDocument request) {
        ConnectedSystem system = caller();
        String docId = request == null ? null : request.getDocId();
        byte[] pkg = exchange.fetch(system, docId);
        return new GetDocumentResponse(docId.strip(), new DataHandler(new ByteDataSource(pkg, OCTET_STREAM)));
    }

    @Override
    public AcknowledgeResponse acknowledge(Acknowledge request) {
        ConnectedSystem system = caller();
        Delivery delivery = exchange.acknowledge(system, request == null ? null : request.getDocId(),
                request == null ? null : request.getStatus());
        return new AcknowledgeResponse(delivery.docId(), status(delivery.status()), delivery.attempts());
    }

    @Override
    public CountReceivedResponse countReceived(CountReceived request) {
        ConnectedSystem system = caller();
        return new CountReceivedResponse(exchange.countPending(system, type(request == null ? null
                : request.getMessageType())));
    }

    // --- plumbing -----------------------------------------------------------------------------

    /** The system that signed this request; {@link SoapAuthenticator} ran before any operation. */
    /** SOAP, and the client's address as the servlet container saw it. */
    private static DocumentModel.Origin origin() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Object http = message == null ? null : message.get(AbstractHTTPDestination.HTTP_REQUEST);
        return new DocumentModel.Origin("SOAP", http instanceof HttpServletRequest request ? request.getRemoteAddr() : null);
    }

    private static ConnectedSystem caller() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        SoapCaller caller = message == null ? null : message.getExchange().get(SoapCaller.class);
        if (caller == null) {
            throw new LgspException(ErrorCode.SOAP_UNSIGNED, "the request was not authenticated");
        }
        return caller.system();
    }

    /** The package's bytes, refused once past the package limit (the HTTP limit came first). */
    private byte[] read(DataHandler content) {
        try (InputStream in = content.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxPackageBytes + 1));
            if (bytes.length > maxPackageBytes) {
                throw new EdxmlException(ErrorCode.EDXML_TOO_LARGE,
                        "packages are limited to " + maxPackageBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new EdxmlException(ErrorCode.EDXML_UNREADABLE,
                    "reading the package failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * An element the schema requires is missing or has a value it does not allow (JAXB reads an
     * unknown enumeration value as none): the request does not follow the contract, SOAP-107.
     */
    private static LgspException notInSchema(String what) {
        return new LgspException(ErrorCode.SOAP_INVALID_REQUEST, what + " is missing or not valid");
    }

    private static DocumentModel.MessageType type(MessageType type) {
        if (type == null) {
            throw notInSchema(MESSAGE_TYPE);
        }
        return type == MessageType.STATUS ? DocumentModel.MessageType.STATUS : DocumentModel.MessageType.EDOC;
    }

    private static MessageType type(DocumentModel.MessageType type) {
        return type == DocumentModel.MessageType.STATUS ? MessageType.STATUS : MessageType.EDOC;
    }

    private static DeliveryStatus status(DocumentModel.DeliveryStatus status) {
        return DeliveryStatus.valueOf(status.name().toUpperCase(Locale.ROOT));
    }
}
