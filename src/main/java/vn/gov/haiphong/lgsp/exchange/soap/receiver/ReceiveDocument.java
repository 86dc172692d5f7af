package vn.gov.haiphong.lgsp.exchange.soap.receiver;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlMimeType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code rcv:receiveDocument}: one package for one recipient system. */
@XmlRootElement(name = "receiveDocument")
@XmlType(name = "", propOrder = {"deliveryKey", "docId", "messageType", "from", "to", "content"})
public class ReceiveDocument {

    @XmlElement(required = true)
    private String deliveryKey;
    @XmlElement(required = true)
    private String docId;
    @XmlElement(required = true)
    private String messageType;
    @XmlElement(required = true)
    private String from;
    @XmlElement(required = true)
    private String to;
    @XmlElement(name = "package", required = true)
    @XmlMimeType("application/octet-stream")
    private DataHandler content;

    public ReceiveDocument() {
    }

    public ReceiveDocument(String deliveryKey, String docId, String messageType, String from, String to,
                           DataHandler content) {
        this.deliveryKey = deliveryKey;
        this.docId = docId;
        this.messageType = messageType;
        this.from = from;
        this.to = to;
        this.content = content;
    }

    public String getDeliveryKey() {
        return deliveryKey;
    }

    public String getDocId() {
        return docId;
    }

    public String getMessageType() {
        return messageType;
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public DataHandler getContent() {
        return content;
    }
}
