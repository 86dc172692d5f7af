package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:countReceivedResponse}. */
@XmlRootElement(name = "countReceivedResponse")
@XmlType(name = "")
public class CountReceivedResponse {

    private long count;

    public CountReceivedResponse() {
    }

    public CountReceivedResponse(long count) {
        this.count = count;
    }

    public long getCount() {
        return count;
    }
}
