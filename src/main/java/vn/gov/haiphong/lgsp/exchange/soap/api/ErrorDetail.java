package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;

/** {@code <lgsp:error code="EXC-304">message</lgsp:error>}: the detail of every fault. */
@XmlRootElement(name = "error")
@XmlType(name = "")
public class ErrorDetail {

    @XmlAttribute(name = "code", required = true)
    private String code;
    @XmlValue
    private String message;

    public ErrorDetail() {
    }

    public ErrorDetail(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String getCode() {
        return code;
    }

    public String getMessage() {
        return message;
    }
}
