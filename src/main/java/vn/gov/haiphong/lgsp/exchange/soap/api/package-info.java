/**
 * The Java side of {@code schemas/soap/DocumentExchange.wsdl} (+ {@code .xsd}): the service
 * interface and its JAXB messages, written to match the hand-written contract (the WSDL is the
 * source of truth and is what {@code ?wsdl} serves). Shared by the endpoint and by Java clients.
 */
@XmlSchema(namespace = DocumentExchangePort.NS, elementFormDefault = XmlNsForm.QUALIFIED,
        xmlns = @XmlNs(prefix = "lgsp", namespaceURI = DocumentExchangePort.NS))
@XmlAccessorType(XmlAccessType.FIELD)
package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
