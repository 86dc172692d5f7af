package vn.gov.haiphong.lgsp.exchange.edxml;

/**
 * Real-world variation the parser tolerates (EDXML.md "Real-world variation"), signatures that
 * fail under the IF_PRESENT policy, and earlier documents not found here: reported, never fatal.
 */
public enum EdxmlWarningCode {
    BOM_REMOVED("PKG-301", "A UTF-8 byte-order mark before the XML was removed"),
    LEADING_WHITESPACE_REMOVED("PKG-302", "Whitespace before the XML declaration was removed"),
    CRLF_LINE_ENDS("PKG-303", "Windows line ends (CR LF); XML parsing normalises them"),
    TEXT_NOT_NFC("PKG-304", "Text not in Unicode NFC (decomposed Vietnamese); normalised to NFC"),
    NON_STANDARD_ORGAN_ID("PKG-305", "An agency code is not of the 13-character QCVN 102 form"),
    SIGNATURE_IN_EDXML_NAMESPACE("PKG-306", "The Signature is in the edXML namespace, not the XML-DSig one"),
    PREFIX_OUT_OF_SCOPE("PKG-307", "A namespace prefix was used outside its declaration; resolved to its earlier binding"),
    UNDECLARED_ATTRIBUTE_PREFIX("PKG-308", "An attribute with an undeclared namespace prefix was ignored"),
    // PKG-309 is retired, never reused: it said a replacement naming several documents used only the first.
    SIGNATURE_DOES_NOT_VERIFY("PKG-310",
            "The XML signature does not verify; accepted because the sender's signature policy is IF_PRESENT"),
    SIGNER_NOT_TRUSTED("PKG-311",
            "The XML signature verifies but its certificate is not trusted; accepted under IF_PRESENT"),
    REFERENCED_DOCUMENT_NOT_FOUND("PKG-312", "A revocation, update or replacement names a document its From agency"
            + " did not send here; routed by its To list only");

    private final String code;
    private final String title;

    EdxmlWarningCode(String code, String title) {
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
