package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:listSent}: the caller's sent packages of one type, optionally only one DocId. */
@XmlRootElement(name = "listSent")
@XmlType(name = "", propOrder = {"messageType", "docId"})
public class ListSent {

    @XmlElement(required = true)
    private MessageType messageType;
    private String docId;

    public ListSent() {
    }

    public ListSent(MessageType messageType, String docId) {
        this.messageType = messageType;
        this.docId = docId;
    }

    public MessageType getMessageType() {
        return messageType;
    }

    public String getDocId() {
        return docId;
    }
}
