package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import java.time.Instant;

/** {@code lgsp:ReceivedItem}: one pending delivery (like VDXP getReceivedEdocList's items). */
@XmlType(name = "ReceivedItem", propOrder = {"docId", "messageType", "from", "to", "status", "statusDescription",
        "attempts", "createdTime", "updatedTime"})
public class ReceivedItem {

    @XmlElement(required = true)
    private String docId;
    @XmlElement(required = true)
    private MessageType messageType;
    @XmlElement(required = true)
    private String from;
    @XmlElement(required = true)
    private String to;
    @XmlElement(required = true)
    private DeliveryStatus status;
    @XmlElement(required = true)
    private String statusDescription;
    private int attempts;
    @XmlElement(required = true)
    @XmlJavaTypeAdapter(InstantAdapter.class)
    @XmlSchemaType(name = "dateTime")
    private Instant createdTime;
    @XmlElement(required = true)
    @XmlJavaTypeAdapter(InstantAdapter.class)
    @XmlSchemaType(name = "dateTime")
    private Instant updatedTime;

    public ReceivedItem() {
    }

    public ReceivedItem(String docId, MessageType messageType, String from, String to, DeliveryStatus status,
                        String statusDescription, int attempts, Instant createdTime, Instant updatedTime) {
        this.docId = docId;
        this.messageType = messageType;
        this.from = from;
        this.to = to;
        this.status = status;
        this.statusDescription = statusDescription;
        this.attempts = attempts;
        this.createdTime = createdTime;
        this.updatedTime = updatedTime;
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

    public DeliveryStatus getStatus() {
        return status;
    }

    public String getStatusDescription() {
        return statusDescription;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getCreatedTime() {
        return createdTime;
    }

    public Instant getUpdatedTime() {
        return updatedTime;
    }
}
