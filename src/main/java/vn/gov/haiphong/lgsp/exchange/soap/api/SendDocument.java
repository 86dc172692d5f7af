package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlMimeType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:sendDocument}: a package (MTOM) and what it is meant to be. */
@XmlRootElement(name = "sendDocument")
@XmlType(name = "", propOrder = {"messageType", "content"})
public class SendDocument {

    @XmlElement(required = true)
    private MessageType messageType;
    @XmlElement(name = "package", required = true)
    @XmlMimeType("application/octet-stream")
    private DataHandler content;

    public SendDocument() {
    }

    public SendDocument(MessageType messageType, DataHandler content) {
        this.messageType = messageType;
        this.content = content;
    }

    public MessageType getMessageType() {
        return messageType;
    }

    public DataHandler getContent() {
        return content;
    }
}
