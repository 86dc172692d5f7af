package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** The portType {@code DocumentExchange} of {@code schemas/soap/DocumentExchange.wsdl}. */
@WebService(name = "DocumentExchange", targetNamespace = DocumentExchangePort.NS)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface DocumentExchangePort {

    String NS = "http://lgsp.haiphong.gov.vn/soap/exchange/1";
    String SERVICE = "DocumentExchangeService";
    String PORT_SOAP11 = "DocumentExchangeSoap11";
    String PORT_SOAP12 = "DocumentExchangeSoap12";
    String WSDL = "schemas/soap/DocumentExchange.wsdl";

    @WebMethod(action = "urn:lgsp:sendDocument")
    @WebResult(name = "sendDocumentResponse", targetNamespace = NS, partName = "parameters")
    SendDocumentResponse sendDocument(
            @WebParam(name = "sendDocument", targetNamespace = NS, partName = "parameters") SendDocument request)
            throws ExchangeFault;

    @WebMethod(action = "urn:lgsp:listReceived")
    @WebResult(name = "listReceivedResponse", targetNamespace = NS, partName = "parameters")
    ListReceivedResponse listReceived(
            @WebParam(name = "listReceived", targetNamespace = NS, partName = "parameters") ListReceived request)
            throws ExchangeFault;

    @WebMethod(action = "urn:lgsp:listSent")
    @WebResult(name = "listSentResponse", targetNamespace = NS, partName = "parameters")
    ListSentResponse listSent(
            @WebParam(name = "listSent", targetNamespace = NS, partName = "parameters") ListSent request)
            throws ExchangeFault;

    @WebMethod(action = "urn:lgsp:getDocument")
    @WebResult(name = "getDocumentResponse", targetNamespace = NS, partName = "parameters")
    GetDocumentResponse getDocument(
            @WebParam(name = "getDocument", targetNamespace = NS, partName = "parameters") GetDocument request)
            throws ExchangeFault;

    @WebMethod(action = "urn:lgsp:acknowledge")
    @WebResult(name = "acknowledgeResponse", targetNamespace = NS, partName = "parameters")
    AcknowledgeResponse acknowledge(
            @WebParam(name = "acknowledge", targetNamespace = NS, partName = "parameters") Acknowledge request)
            throws ExchangeFault;

    @WebMethod(action = "urn:lgsp:countReceived")
    @WebResult(name = "countReceivedResponse", targetNamespace = NS, partName = "parameters")
    CountReceivedResponse countReceived(
            @WebParam(name = "countReceived", targetNamespace = NS, partName = "parameters") CountReceived request)
            throws ExchangeFault;
}
