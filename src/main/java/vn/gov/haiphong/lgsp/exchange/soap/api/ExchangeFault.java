package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.ws.WebFault;

/** The fault {@code error} of every operation: a catalogue code and a message. */
@WebFault(name = "error", targetNamespace = DocumentExchangePort.NS)
public class ExchangeFault extends Exception {

    private final ErrorDetail faultInfo;

    public ExchangeFault(String message, ErrorDetail faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public ExchangeFault(String message, ErrorDetail faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    public ErrorDetail getFaultInfo() {
        return faultInfo;
    }
}
