package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlMimeType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:getDocumentResponse}: the package byte for byte, as an MTOM attachment. */
@XmlRootElement(name = "getDocumentResponse")
@XmlType(name = "", propOrder = {"docId", "content"})
public class GetDocumentResponse {

    @XmlElement(required = true)
    private String docId;
    @XmlElement(name = "package", required = true)
    @XmlMimeType("application/octet-stream")
    private DataHandler content;

    public GetDocumentResponse() {
    }

    public GetDocumentResponse(String docId, DataHandler content) {
        this.docId = docId;
        this.content = content;
    }

    public String getDocId() {
        return docId;
    }

    public DataHandler getContent() {
        return content;
    }
}
