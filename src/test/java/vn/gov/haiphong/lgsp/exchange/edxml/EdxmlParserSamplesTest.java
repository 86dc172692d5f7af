package vn.gov.haiphong.lgsp.exchange.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.bytes;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.gov.haiphong.lgsp.security.xmldsig.PackageSignatureVerifier;
import vn.gov.haiphong.lgsp.security.xmldsig.TrustAnchors;

/** Every public sample package is accepted, with the fields routing needs. */
class EdxmlParserSamplesTest {

    private final EdxmlParser parser = new EdxmlParser();

    @Test
    void smallDocumentPackage() {
        EdxmlPackage pkg = parser.parse(bytes(EdxmlFixtures.EDOC_SMALL));

        assertThat(pkg.kind()).isEqualTo(EdxmlPackage.Kind.DOCUMENT);
        assertThat(pkg.fromOrganId()).isEqualTo("002.00.20.H13");
        assertThat(pkg.fromOrganName()).isEqualTo("Văn phòng Chính phủ");
        assertThat(pkg.toOrganIds()).containsExactly("000.00.15.H51");
        assertThat(pkg.recipients()).containsExactly("000.00.15.H51");
        // DocumentId comes last in this sample, after SteeringType: order is free.
        assertThat(pkg.documentId()).isEqualTo("9fbfbad2-f1f8-4256-a2eb-50fb1061cddb");
        assertThat(pkg.code()).isEqualTo(new EdxmlPackage.Code("12234555512", "PRO-TEST-CASE1"));
        assertThat(pkg.subject()).isEqualTo("Văn bản liên thông chỉ đạo - 190701");
        assertThat(pkg.promulgationDate()).isEqualTo("2019/01/17");
        assertThat(pkg.businessDocType()).isEqualTo(BusinessDocType.NEW);
        assertThat(pkg.referencedDocumentIds()).isEmpty();
        assertThat(pkg.responseFor()).as("the sample's ResponseFor is empty").isNull();
        assertThat(pkg.statusCode()).isNull();
        assertThat(pkg.signaturePresent()).isTrue();
        assertThat(pkg.attachmentCount()).isEqualTo(1);
    }

    @Test
    void smallDocumentPackageReportsItsNamespaceSlipsAsWarnings() {
        EdxmlPackage pkg = parser.parse(bytes(EdxmlFixtures.EDOC_SMALL));

        // edXML:AttachmentEncoded is used after the element declaring edXML closed, and
        // xlink:href is never declared: both fatal to a namespace-aware parser. The signer's
        // name is in NFD.
        assertThat(pkg.warnings()).extracting(EdxmlWarning::code).containsExactlyInAnyOrder(
                EdxmlWarningCode.CRLF_LINE_ENDS,
                EdxmlWarningCode.TEXT_NOT_NFC,
                EdxmlWarningCode.UNDECLARED_ATTRIBUTE_PREFIX,
                EdxmlWarningCode.PREFIX_OUT_OF_SCOPE);
        assertThat(pkg.warnings()).anySatisfy(w -> assertThat(w.message()).contains("edXML:FullName")
                .contains("line 43"));
        assertThat(pkg.warnings()).anySatisfy(w -> assertThat(w.message()).contains("xlink:href").contains("line 116"));
        assertThat(pkg.warnings()).anySatisfy(w -> assertThat(w.message()).contains("edXML:AttachmentEncoded")
                .contains("line 125"));
        assertThat(pkg.hasWarning(EdxmlWarningCode.SIGNATURE_IN_EDXML_NAMESPACE))
                .as("this sample's Signature is in the XML-DSig namespace").isFalse();
    }

    @Test
    void aNamespaceProblemTheParserReportsIsOneANamespaceAwareParserRefuses() {
        // The signature check trusts namespaceProblem() instead of parsing again: it must never
        // name a problem where a namespace-aware parse (the verifier's own) would succeed.
        PackageSignatureVerifier verifier = new PackageSignatureVerifier(TrustAnchors.none(), true, Clock.systemUTC());
        String signed = EdxmlFixtures.MINIMAL_DOCUMENT.replace("</edXML:TraceHeaderList>",
                "</edXML:TraceHeaderList><Signature xmlns=\"" + PackageSignatureVerifier.XMLDSIG_NS + "\"/>");
        Map<String, byte[]> withProblems = Map.of(
                "the public sample", bytes(EdxmlFixtures.EDOC_SMALL),
                "a prefix used out of scope", EdxmlFixtures.utf8(signed
                        .replace("<edXML:From>", "<edXML:From xmlns:p=\"urn:x\">")
                        .replace("<edXML:To>", "<edXML:To p:note=\"x\">")),
                "an undeclared attribute prefix", EdxmlFixtures.utf8(signed
                        .replace("<edXML:To>", "<edXML:To q:note=\"x\">")));
        withProblems.forEach((what, pkg) -> {
            String problem = parser.parse(pkg).namespaceProblem();
            assertThat(problem).as(what).isNotNull().containsPattern("PKG-30[78]: .*line \\d+");
            assertThat(verifier.verify(pkg, List.of()).reason()).as(what).contains("not namespace-well-formed");
        });
        for (String clean : List.of(EdxmlFixtures.EDOC_WITH_ATTACHMENT, EdxmlFixtures.STATUS_ARRIVED)) {
            assertThat(parser.parse(bytes(clean)).namespaceProblem()).as(clean).isNull();
        }
        assertThat(parser.parse(EdxmlFixtures.utf8(signed)).namespaceProblem()).isNull();
        assertThat(verifier.verify(EdxmlFixtures.utf8(signed), List.of()).reason())
                .as("parsed, the clean package gets as far as its (empty) Signature")
                .doesNotContain("namespace-well-formed");
    }

    @Test
    void documentPackageWithAttachment() {
        EdxmlPackage pkg = parser.parse(bytes(EdxmlFixtures.EDOC_WITH_ATTACHMENT));

        assertThat(pkg.kind()).isEqualTo(EdxmlPackage.Kind.DOCUMENT);
        assertThat(pkg.fromOrganId()).isEqualTo("000.00.00.A80");
        assertThat(pkg.toOrganIds()).containsExactly("28.22.H17");
        assertThat(pkg.documentId()).isEqualTo("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT");
        assertThat(pkg.code()).isEqualTo(new EdxmlPackage.Code("74fass22", "VPCP-TTĐT"));
        assertThat(pkg.subject()).isEqualTo("V/v kết nối, liên thông phần mềm quản lý văn bản");
        assertThat(pkg.promulgationDate()).isEqualTo("2019/01/16");
        assertThat(pkg.businessDocType()).isEqualTo(BusinessDocType.NEW);
        assertThat(pkg.referencedDocumentIds()).as("a new document refers to nothing").isEmpty();
        assertThat(pkg.signaturePresent()).isTrue();
        assertThat(pkg.attachmentCount()).isEqualTo(1);
        assertThat(pkg.warnings()).extracting(EdxmlWarning::code).containsExactlyInAnyOrder(
                EdxmlWarningCode.CRLF_LINE_ENDS,
                EdxmlWarningCode.NON_STANDARD_ORGAN_ID,
                EdxmlWarningCode.SIGNATURE_IN_EDXML_NAMESPACE);
    }

    @ParameterizedTest
    @CsvSource({
        "status-01-arrived.edxml,  01, ARRIVED,   Đã đến",
        "status-03-accepted.edxml, 03, ACCEPTED,  vào sổ văn bản đến",
        "status-06-finished.edxml, 06, COMPLETED, hoàn thành xử lý"
    })
    void statusPackages(String file, String code, EdxmlStatusCode status, String descriptionPart) {
        EdxmlPackage pkg = parser.parse(bytes(file));

        assertThat(pkg.kind()).isEqualTo(EdxmlPackage.Kind.STATUS);
        assertThat(pkg.statusCode()).isEqualTo(status);
        assertThat(pkg.statusCode().code()).isEqualTo(code);
        assertThat(pkg.fromOrganId()).isEqualTo("000.00.00.H41");
        assertThat(pkg.fromOrganName()).isEqualTo("UBND Tỉnh Nghệ An");
        assertThat(pkg.responseFor()).isEqualTo(new EdxmlPackage.ResponseFor("000.00.00.G22", "7816/VPCP-TTĐT",
                "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT", "2015/09/30"));
        assertThat(pkg.recipients()).as("a status travels back to the original sender").containsExactly("000.00.00.G22");
        assertThat(pkg.toOrganIds()).isEmpty();
        assertThat(pkg.documentId()).isNull();
        assertThat(pkg.description()).contains(descriptionPart);
        assertThat(pkg.timestamp()).isEqualTo("2015/09/20 11:08:36");
        assertThat(pkg.signaturePresent()).isFalse();
        assertThat(pkg.attachmentCount()).isZero();
        assertThat(pkg.warnings()).extracting(EdxmlWarning::code).containsExactly(EdxmlWarningCode.CRLF_LINE_ENDS);
    }

    @Test
    void streamAndBytesGiveTheSameModel() {
        byte[] sample = bytes(EdxmlFixtures.EDOC_WITH_ATTACHMENT);
        assertThat(parser.parse(new ByteArrayInputStream(sample))).isEqualTo(parser.parse(sample));
    }

    @Test
    void minimalPackageHasNoWarnings() {
        EdxmlPackage pkg = parser.parse(EdxmlFixtures.utf8(EdxmlFixtures.MINIMAL_DOCUMENT));
        assertThat(pkg.warnings()).isEmpty();
        assertThat(pkg.fromOrganName()).isEqualTo("UBND thành phố Hải Phòng");
        assertThat(pkg.signaturePresent()).isFalse();
        assertThat(pkg.attachmentCount()).isZero();
    }
}
