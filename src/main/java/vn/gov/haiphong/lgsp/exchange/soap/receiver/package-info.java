/**
 * The Java side of {@code schemas/soap/DocumentReceiver.wsdl} (+ {@code .xsd}): what the platform
 * calls on a SOAP system registered for PUSH delivery ({@code SoapPushChannel}).
 */
@XmlSchema(namespace = DocumentReceiverPort.NS, elementFormDefault = XmlNsForm.QUALIFIED,
        xmlns = @XmlNs(prefix = "rcv", namespaceURI = DocumentReceiverPort.NS))
@XmlAccessorType(XmlAccessType.FIELD)
package vn.gov.haiphong.lgsp.exchange.soap.receiver;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
