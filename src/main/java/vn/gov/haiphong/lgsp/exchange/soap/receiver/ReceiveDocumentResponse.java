package vn.gov.haiphong.lgsp.exchange.soap.receiver;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code rcv:receiveDocumentResponse}: accepted, with the recipient's own id if it has one. */
@XmlRootElement(name = "receiveDocumentResponse")
@XmlType(name = "")
public class ReceiveDocumentResponse {

    private String receiptId;

    public ReceiveDocumentResponse() {
    }

    public ReceiveDocumentResponse(String receiptId) {
        this.receiptId = receiptId;
    }

    public String getReceiptId() {
        return receiptId;
    }
}
