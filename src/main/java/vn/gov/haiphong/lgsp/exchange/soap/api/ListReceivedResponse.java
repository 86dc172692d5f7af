package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** {@code lgsp:listReceivedResponse}: pending deliveries, oldest first. */
@XmlRootElement(name = "listReceivedResponse")
@XmlType(name = "")
public class ListReceivedResponse {

    @XmlElement(name = "item")
    private List<ReceivedItem> items = new ArrayList<>();

    public ListReceivedResponse() {
    }

    public ListReceivedResponse(List<ReceivedItem> items) {
        this.items = new ArrayList<>(items);
    }

    public List<ReceivedItem> getItems() {
        return items;
    }
}
