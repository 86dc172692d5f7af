package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:sendDocumentResponse}: the DocId, and whether these bytes had been accepted before. */
@XmlRootElement(name = "sendDocumentResponse")
@XmlType(name = "", propOrder = {"docId", "messageType", "replay"})
public class SendDocumentResponse {

    @XmlElement(required = true)
    private String docId;
    @XmlElement(required = true)
    private MessageType messageType;
    private boolean replay;

    public SendDocumentResponse() {
    }

    public SendDocumentResponse(String docId, MessageType messageType, boolean replay) {
        this.docId = docId;
        this.messageType = messageType;
        this.replay = replay;
    }

    public String getDocId() {
        return docId;
    }

    public MessageType getMessageType() {
        return messageType;
    }

    public boolean isReplay() {
        return replay;
    }
}
