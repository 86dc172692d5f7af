package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:acknowledge}: {@code done}, {@code fail}, or another status text (recorded only). */
@XmlRootElement(name = "acknowledge")
@XmlType(name = "", propOrder = {"docId", "status"})
public class Acknowledge {

    @XmlElement(required = true)
    private String docId;
    @XmlElement(required = true)
    private String status;

    public Acknowledge() {
    }

    public Acknowledge(String docId, String status) {
        this.docId = docId;
        this.status = status;
    }

    public String getDocId() {
        return docId;
    }

    public String getStatus() {
        return status;
    }
}
