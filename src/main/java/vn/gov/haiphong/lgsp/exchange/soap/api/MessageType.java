package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;
import jakarta.xml.bind.annotation.XmlType;

/** {@code lgsp:MessageType}: a document package or a status package. */
@XmlType(name = "MessageType")
@XmlEnum
public enum MessageType {
    @XmlEnumValue("edoc") EDOC,
    @XmlEnumValue("status") STATUS
}
