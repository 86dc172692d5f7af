package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import java.time.Instant;

/** {@code lgsp:SentItem}: one recipient's copy of a package the caller sent. */
@XmlType(name = "SentItem", propOrder = {"docId", "messageType", "from", "to", "sendStatus", "sendStatusDescription",
        "receiveStatus", "title", "notation", "sentTime", "receivedTime"})
public class SentItem {

    @XmlElement(required = true)
    private String docId;
    @XmlElement(required = true)
    private MessageType messageType;
    @XmlElement(required = true)
    private String from;
    @XmlElement(required = true)
    private String to;
    @XmlElement(required = true)
    private DeliveryStatus sendStatus;
    @XmlElement(required = true)
    private String sendStatusDescription;
    private String receiveStatus;
    private String title;
    private String notation;
    @XmlElement(required = true)
    @XmlJavaTypeAdapter(InstantAdapter.class)
    @XmlSchemaType(name = "dateTime")
    private Instant sentTime;
    @XmlJavaTypeAdapter(InstantAdapter.class)
    @XmlSchemaType(name = "dateTime")
    private Instant receivedTime;

    public SentItem() {
    }

    public SentItem(String docId, MessageType messageType, String from, String to, DeliveryStatus sendStatus,
                    String sendStatusDescription, String receiveStatus, String title, String notation,
                    Instant sentTime, Instant receivedTime) {
        this.docId = docId;
        this.messageType = messageType;
        this.from = from;
        this.to = to;
        this.sendStatus = sendStatus;
        this.sendStatusDescription = sendStatusDescription;
        this.receiveStatus = receiveStatus;
        this.title = title;
        this.notation = notation;
        this.sentTime = sentTime;
        this.receivedTime = receivedTime;
    }

    public String getDocId() {
        return docId;
    }

    public MessageType getMessageType() {
        return messageType;
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public DeliveryStatus getSendStatus() {
        return sendStatus;
    }

    public String getSendStatusDescription() {
        return sendStatusDescription;
    }

    public String getReceiveStatus() {
        return receiveStatus;
    }

    public String getTitle() {
        return title;
    }

    public String getNotation() {
        return notation;
    }

    public Instant getSentTime() {
        return sentTime;
    }

    public Instant getReceivedTime() {
        return receivedTime;
    }
}
