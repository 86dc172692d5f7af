package vn.gov.haiphong.lgsp.exchange.edxml;

/** Namespace URIs edXML packages use. */
public final class EdxmlNamespaces {

    /** QCVN 102:2016 edXML. */
    public static final String EDXML = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
    /** W3C XML Signature. */
    public static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

    private EdxmlNamespaces() {
    }
}
