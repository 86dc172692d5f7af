package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:acknowledgeResponse}: the delivery as it stands afterwards. */
@XmlRootElement(name = "acknowledgeResponse")
@XmlType(name = "", propOrder = {"docId", "deliveryStatus", "attempts"})
public class AcknowledgeResponse {

    @XmlElement(required = true)
    private String docId;
    @XmlElement(required = true)
    private DeliveryStatus deliveryStatus;
    private int attempts;

    public AcknowledgeResponse() {
    }

    public AcknowledgeResponse(String docId, DeliveryStatus deliveryStatus, int attempts) {
        this.docId = docId;
        this.deliveryStatus = deliveryStatus;
        this.attempts = attempts;
    }

    public String getDocId() {
        return docId;
    }

    public DeliveryStatus getDeliveryStatus() {
        return deliveryStatus;
    }

    public int getAttempts() {
        return attempts;
    }
}
