package vn.gov.haiphong.lgsp.exchange.edxml;

/**
 * Why an edXML package was refused. Codes are stable: the exchange reports them to senders and
 * operators search logs by them.
 */
public enum EdxmlError {
    EDXML_MALFORMED("PKG-201", "The package is not well-formed XML"),
    EDXML_DTD_FORBIDDEN("PKG-202", "DOCTYPE declarations, DTDs and entity references are not allowed"),
    EDXML_TOO_LARGE("PKG-203", "The package exceeds the size limit"),
    EDXML_TOO_DEEP("PKG-204", "The package nests elements too deeply"),
    EDXML_SCHEMA_INVALID("PKG-205", "The package does not match the edXML schema"),
    EDXML_MISSING_FIELD("PKG-206", "A field needed for routing is missing or empty"),
    EDXML_BYTES_BEFORE_DECLARATION("PKG-207", "Bytes other than whitespace or a byte-order mark precede the XML"),
    EDXML_NOT_UTF8("PKG-208", "The package is not UTF-8"),
    EDXML_INVALID_VALUE("PKG-209", "A routing field has a value outside its allowed set"),
    EDXML_NOT_EDXML("PKG-210", "The root element is not edXML in the QCVN 102 namespace"),
    EDXML_UNREADABLE("PKG-211", "The package could not be read");

    private final String code;
    private final String title;

    EdxmlError(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
