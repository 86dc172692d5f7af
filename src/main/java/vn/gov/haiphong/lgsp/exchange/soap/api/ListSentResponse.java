package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** {@code lgsp:listSentResponse}: one item per document and recipient. */
@XmlRootElement(name = "listSentResponse")
@XmlType(name = "")
public class ListSentResponse {

    @XmlElement(name = "item")
    private List<SentItem> items = new ArrayList<>();

    public ListSentResponse() {
    }

    public ListSentResponse(List<SentItem> items) {
        this.items = new ArrayList<>(items);
    }

    public List<SentItem> getItems() {
        return items;
    }
}
