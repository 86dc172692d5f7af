package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:countReceived}. */
@XmlRootElement(name = "countReceived")
@XmlType(name = "")
public class CountReceived {

    @XmlElement(required = true)
    private MessageType messageType;

    public CountReceived() {
    }

    public CountReceived(MessageType messageType) {
        this.messageType = messageType;
    }

    public MessageType getMessageType() {
        return messageType;
    }
}
