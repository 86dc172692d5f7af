package vn.gov.haiphong.lgsp.exchange.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.MINIMAL_DOCUMENT;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.bytes;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.replaceOnce;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.text;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.utf8;

import java.io.ByteArrayOutputStream;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/** Real-world variation (EDXML.md): accepted, normalised where it matters, reported as a warning. */
class EdxmlParserVariationTest {

    private final EdxmlParser parser = new EdxmlParser();

    @Test
    void byteOrderMarkIsRemovedWithAWarning() {
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes(EdxmlFixtures.STATUS_ACCEPTED));
        EdxmlPackage pkg = parser.parse(withBom);
        assertThat(pkg.statusCode()).isEqualTo(EdxmlStatusCode.ACCEPTED);
        assertThat(pkg.warnings()).extracting(EdxmlWarning::code)
                .containsExactly(EdxmlWarningCode.BOM_REMOVED, EdxmlWarningCode.CRLF_LINE_ENDS);
    }

    @Test
    void leadingWhitespaceIsRemovedWithAWarningAndLinesStillCount() {
        EdxmlPackage pkg = parser.parse(utf8("\r\n\n  " + MINIMAL_DOCUMENT));
        assertThat(pkg.hasWarning(EdxmlWarningCode.LEADING_WHITESPACE_REMOVED)).isTrue();

        // Lines in messages are those of the package as received, blank lines included.
        String broken = "\n\n\n" + replaceOnce(MINIMAL_DOCUMENT, "<edXML:Subject>", "<edXML:Bogus/><edXML:Subject>");
        assertThatThrownBy(() -> parser.parse(utf8(broken))).hasMessageContaining("at line 17");
    }

    @Test
    void bomThenWhitespaceGivesBothWarnings() {
        byte[] bomAndBlank = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("\n" + MINIMAL_DOCUMENT));
        assertThat(parser.parse(bomAndBlank).warnings()).extracting(EdxmlWarning::code)
                .containsExactly(EdxmlWarningCode.BOM_REMOVED, EdxmlWarningCode.LEADING_WHITESPACE_REMOVED);
    }

    @Test
    void windowsLineEndsAreReported() {
        EdxmlPackage crlf = parser.parse(utf8(MINIMAL_DOCUMENT.replace("\n", "\r\n")));
        assertThat(crlf.warnings()).extracting(EdxmlWarning::code).containsExactly(EdxmlWarningCode.CRLF_LINE_ENDS);
        assertThat(crlf.subject()).isEqualTo("Về việc thử nghiệm liên thông");

        EdxmlPackage sampleWithLf = parser.parse(utf8(text(EdxmlFixtures.STATUS_FINISHED).replace("\r\n", "\n")));
        assertThat(sampleWithLf.warnings()).isEmpty();
    }

    @Test
    void decomposedVietnameseIsNormalisedToNfcWithAWarning() {
        String nfdSubject = Normalizer.normalize("Về việc thử nghiệm liên thông", Normalizer.Form.NFD);
        String nfdName = Normalizer.normalize("UBND thành phố Hải Phòng", Normalizer.Form.NFD);
        assertThat(nfdSubject).isNotEqualTo("Về việc thử nghiệm liên thông");
        String nfd = MINIMAL_DOCUMENT.replace("Về việc thử nghiệm liên thông", nfdSubject)
                .replace("UBND thành phố Hải Phòng", nfdName);

        EdxmlPackage pkg = parser.parse(utf8(nfd));

        assertThat(pkg.subject()).isEqualTo("Về việc thử nghiệm liên thông");
        assertThat(pkg.fromOrganName()).isEqualTo("UBND thành phố Hải Phòng");
        assertThat(pkg.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(EdxmlWarningCode.TEXT_NOT_NFC);
            assertThat(w.message()).contains("edXML:OrganName").contains("line 8");
        });
    }

    @Test
    void nineCharacterCodeIsAcceptedWithAWarning() {
        EdxmlPackage pkg = parser.parse(bytes(EdxmlFixtures.EDOC_WITH_ATTACHMENT));
        assertThat(pkg.toOrganIds()).containsExactly("28.22.H17");
        assertThat(pkg.warnings()).filteredOn(w -> w.code() == EdxmlWarningCode.NON_STANDARD_ORGAN_ID)
                .singleElement().satisfies(w -> assertThat(w.message()).contains("To/OrganId '28.22.H17'")
                        .contains("line 18").contains("13-character"));
    }

    @Test
    void decisionTwentyCodeIsAcceptedWithAMilderWarning() {
        // A business's tax code (Decision 20/2020 lets businesses use it).
        String qd20 = replaceOnce(MINIMAL_DOCUMENT, "<edXML:OrganId>000.00.00.G22</", "<edXML:OrganId>0100109106</");
        EdxmlPackage pkg = parser.parse(utf8(qd20));
        assertThat(pkg.toOrganIds()).containsExactly("0100109106");
        assertThat(pkg.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("Decision 20"));
    }

    @Test
    void codeListedAsOddInEdxmlMdIsInFactOfTheQcvnForm() {
        // EDXML.md lists 001.00.20.JB2 among codes "not 13 characters"; it has 13 and fits the form.
        String jb2 = replaceOnce(MINIMAL_DOCUMENT, "<edXML:OrganId>000.00.00.G22</", "<edXML:OrganId>001.00.20.JB2</");
        assertThat(parser.parse(utf8(jb2)).warnings()).isEmpty();
    }

    @Test
    void signatureInTheXmlDsigNamespaceIsTheStandardForm() {
        String signed = replaceOnce(MINIMAL_DOCUMENT, "</edXML:TraceHeaderList>",
                "</edXML:TraceHeaderList>\n<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo/></Signature>");
        EdxmlPackage pkg = parser.parse(utf8(signed));
        assertThat(pkg.signaturePresent()).isTrue();
        assertThat(pkg.warnings()).isEmpty();
    }

    @Test
    void signatureInTheEdxmlNamespaceIsAcceptedWithAWarning() {
        String signed = replaceOnce(MINIMAL_DOCUMENT, "</edXML:TraceHeaderList>",
                "</edXML:TraceHeaderList>\n<edXML:Signature><edXML:SignedInfo/></edXML:Signature>");
        EdxmlPackage pkg = parser.parse(utf8(signed));
        assertThat(pkg.signaturePresent()).isTrue();
        assertThat(pkg.warnings()).singleElement()
                .satisfies(w -> assertThat(w.code()).isEqualTo(EdxmlWarningCode.SIGNATURE_IN_EDXML_NAMESPACE));
    }

    @Test
    void signatureBeforeTheTraceHeaderListIsAccepted() {
        String signed = replaceOnce(MINIMAL_DOCUMENT, "<edXML:TraceHeaderList>",
                "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/><edXML:TraceHeaderList>");
        assertThat(parser.parse(utf8(signed)).signaturePresent()).isTrue();
    }

    @Test
    void headerFieldsInAnyOrderAndForeignExtensionsAreAccepted() {
        String reordered = MINIMAL_DOCUMENT
                .replace("<edXML:DocumentId>000.00.00.H27,2025/07/01,12/UBND-VP</edXML:DocumentId>", "")
                .replace("<edXML:From>", "<edXML:DocumentId>000.00.00.H27,2025/07/01,12/UBND-VP</edXML:DocumentId>"
                        + "<x:Extension xmlns:x=\"urn:vendor\"><x:Any/></x:Extension><edXML:From>")
                .replace("</edXML:MessageHeader>", "<edXML:To><edXML:OrganId>000.00.00.H31</edXML:OrganId></edXML:To>"
                        + "<edXML:SteeringType>1</edXML:SteeringType></edXML:MessageHeader>");
        EdxmlPackage pkg = parser.parse(utf8(reordered));
        assertThat(pkg.toOrganIds()).containsExactly("000.00.00.G22", "000.00.00.H31");
        assertThat(pkg.documentId()).isEqualTo("000.00.00.H27,2025/07/01,12/UBND-VP");
    }

    @Test
    void revokeUpdateAndReplaceNameTheEarlierDocument() {
        String earlier = "000.00.00.H27,2025/06/01,7/UBND-VP";
        String revokePackage = withBusiness("<edXML:DocumentId>" + earlier + "</edXML:DocumentId>"
                + "<edXML:BussinessDocType>1</edXML:BussinessDocType><edXML:BussinessDocReason>Sai sót</edXML:BussinessDocReason>");
        EdxmlPackage revoked = parser.parse(utf8(revokePackage));
        assertThat(revoked.businessDocType()).isEqualTo(BusinessDocType.REVOKE);
        assertThat(revoked.referencedDocumentIds()).containsExactly(earlier);

        EdxmlPackage updated = parser.parse(utf8(withBusiness("<edXML:BussinessDocType>2</edXML:BussinessDocType>"
                + "<edXML:DocumentId>" + earlier + "</edXML:DocumentId>")));
        assertThat(updated.businessDocType()).isEqualTo(BusinessDocType.UPDATE);
        assertThat(updated.referencedDocumentIds()).containsExactly(earlier);

        EdxmlPackage replaced = parser.parse(utf8(withBusiness("<edXML:BussinessDocType>3</edXML:BussinessDocType>"
                + "<edXML:ReplacementInfoList><edXML:ReplacementInfo><edXML:DocumentId>" + earlier
                + "</edXML:DocumentId><edXML:OrganIdList><edXML:OrganId>000.00.00.G22</edXML:OrganId>"
                + "</edXML:OrganIdList></edXML:ReplacementInfo></edXML:ReplacementInfoList>")));
        assertThat(replaced.businessDocType()).isEqualTo(BusinessDocType.REPLACE);
        assertThat(replaced.referencedDocumentIds()).containsExactly(earlier);
        assertThat(replaced.warnings()).isEmpty();
    }

    @Test
    void updatesAndReplacementsNameEveryListedDocumentOnce() {
        String info = "<edXML:ReplacementInfo><edXML:DocumentId>%s</edXML:DocumentId></edXML:ReplacementInfo>";
        String list = "<edXML:ReplacementInfoList>" + info.formatted("A,2025/01/01,1") + info.formatted("B,2025/01/02,2")
                + info.formatted(" A,2025/01/01,1 ") + info.formatted("") + "</edXML:ReplacementInfoList>";
        for (String type : List.of("2", "3")) {
            EdxmlPackage pkg = parser.parse(utf8(withBusiness("<edXML:BussinessDocType>" + type
                    + "</edXML:BussinessDocType><edXML:DocumentId>C,2025/01/03,3</edXML:DocumentId>" + list)));
            assertThat(pkg.referencedDocumentIds()).as("type %s: the list wins over Bussiness/DocumentId", type)
                    .containsExactly("A,2025/01/01,1", "B,2025/01/02,2");
            assertThat(pkg.warnings()).isEmpty();
        }
    }

    @Test
    void withoutBussinessDocumentIdTheEarlierDocumentIsTheOneWithTheSameDocumentId() {
        // The national axis's revocations: no Bussiness/DocumentId, the header DocumentId repeats the revoked one's.
        for (String type : List.of("1", "2", "3")) {
            EdxmlPackage pkg = parser.parse(utf8(withBusiness("<edXML:BussinessDocType>" + type
                    + "</edXML:BussinessDocType><edXML:BussinessDocReason>Thu hồi</edXML:BussinessDocReason>"
                    + "<edXML:ReplacementInfoList/>")));
            assertThat(pkg.referencedDocumentIds()).as("type %s", type)
                    .containsExactly("000.00.00.H27,2025/07/01,12/UBND-VP");
        }
    }

    @Test
    void aReplacementNamingTooManyDocumentsIsRefused() {
        StringBuilder list = new StringBuilder("<edXML:ReplacementInfoList>");
        for (int i = 0; i <= PackageReader.MAX_REFERENCED_DOCUMENTS; i++) {
            list.append("<edXML:ReplacementInfo><edXML:DocumentId>A,2025/01/01,").append(i)
                    .append("</edXML:DocumentId></edXML:ReplacementInfo>");
        }
        String replacement = withBusiness("<edXML:BussinessDocType>3</edXML:BussinessDocType>" + list
                + "</edXML:ReplacementInfoList>");
        assertThatThrownBy(() -> parser.parse(utf8(replacement))).isInstanceOfSatisfying(EdxmlException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.EDXML_INVALID_VALUE))
                .hasMessageContaining("more than " + PackageReader.MAX_REFERENCED_DOCUMENTS + " documents");
    }

    @Test
    void missingOrEmptyBusinessDocTypeMeansNew() {
        assertThat(parser.parse(utf8(withBusiness("<edXML:Paper>0</edXML:Paper>"))).businessDocType())
                .isEqualTo(BusinessDocType.NEW);
        assertThat(parser.parse(utf8(withBusiness("<edXML:BussinessDocType/>"))).businessDocType())
                .isEqualTo(BusinessDocType.NEW);
    }

    @Test
    void filledResponseForInADocumentIsKept() {
        String reply = replaceOnce(MINIMAL_DOCUMENT, "<edXML:Subject>", "<edXML:ResponseFor><edXML:OrganId>000.00.00.G22"
                + "</edXML:OrganId><edXML:DocumentId>000.00.00.G22,2025/06/30,1/VPCP</edXML:DocumentId>"
                + "</edXML:ResponseFor><edXML:Subject>");
        EdxmlPackage pkg = parser.parse(utf8(reply));
        assertThat(pkg.responseFor()).isEqualTo(
                new EdxmlPackage.ResponseFor("000.00.00.G22", null, "000.00.00.G22,2025/06/30,1/VPCP", null));
        assertThat(pkg.recipients()).containsExactly("000.00.00.G22");
    }

    private static String withBusiness(String businessContent) {
        int start = MINIMAL_DOCUMENT.indexOf("<edXML:Bussiness>");
        int end = MINIMAL_DOCUMENT.indexOf("</edXML:Bussiness>");
        return MINIMAL_DOCUMENT.substring(0, start) + "<edXML:Bussiness>" + businessContent
                + MINIMAL_DOCUMENT.substring(end);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
