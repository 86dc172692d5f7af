package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:listReceived}. */
@XmlRootElement(name = "listReceived")
@XmlType(name = "")
public class ListReceived {

    @XmlElement(required = true)
    private MessageType messageType;

    public ListReceived() {
    }

    public ListReceived(MessageType messageType) {
        this.messageType = messageType;
    }

    public MessageType getMessageType() {
        return messageType;
    }
}
