package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:getDocument}. */
@XmlRootElement(name = "getDocument")
@XmlType(name = "")
public class GetDocument {

    @XmlElement(required = true)
    private String docId;

    public GetDocument() {
    }

    public GetDocument(String docId) {
        this.docId = docId;
    }

    public String getDocId() {
        return docId;
    }
}
