package vn.gov.haiphong.lgsp.exchange.soap.receiver;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** The portType {@code DocumentReceiver} of {@code schemas/soap/DocumentReceiver.wsdl}. */
@WebService(name = "DocumentReceiver", targetNamespace = DocumentReceiverPort.NS)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface DocumentReceiverPort {

    String NS = "http://lgsp.haiphong.gov.vn/soap/receiver/1";
    String SERVICE = "DocumentReceiverService";
    String PORT = "DocumentReceiverSoap11";
    String WSDL = "schemas/soap/DocumentReceiver.wsdl";

    @WebMethod(action = "urn:lgsp:receiveDocument")
    @WebResult(name = "receiveDocumentResponse", targetNamespace = NS, partName = "parameters")
    ReceiveDocumentResponse receiveDocument(
            @WebParam(name = "receiveDocument", targetNamespace = NS, partName = "parameters") ReceiveDocument request);
}
