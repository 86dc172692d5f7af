package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:DeliveryStatus}: where one recipient's copy stands. */
@XmlType(name = "DeliveryStatus")
@XmlEnum
public enum DeliveryStatus {
    @XmlEnumValue("pending") PENDING,
    @XmlEnumValue("done") DONE,
    @XmlEnumValue("fail") FAIL
}
