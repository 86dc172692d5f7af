package vn.gov.haiphong.lgsp.exchange.edxml;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.MINIMAL_DOCUMENT;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.bytes;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.replaceOnce;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.text;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.utf8;

import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import vn.gov.haiphong.lgsp.exchange.edxml.EdxmlPackage.Kind;

/**
 * The schemas on their own, without the parser's routing checks in front: they must be strict
 * where routing depends on it even if the Java checks change.
 */
class EdxmlSchemasTest {

    private final EdxmlSchemas schemas = EdxmlSchemas.fromDirectory(Path.of("schemas", "edxml"));

    private static Document dom(String xml) {
        return dom(utf8(xml));
    }

    private static Document dom(byte[] xml) {
        return new HardenedDomBuilder(64, 10_000, 0, new ArrayList<>()).build(xml, 0);
    }

    private void assertInvalid(Kind kind, String xml, String messagePart) {
        assertThatThrownBy(() -> schemas.validate(kind, dom(xml)))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.EDXML_SCHEMA_INVALID))
                .hasMessageContaining(messagePart);
    }

    @ParameterizedTest
    @ValueSource(strings = {EdxmlFixtures.EDOC_SMALL, EdxmlFixtures.EDOC_WITH_ATTACHMENT})
    void documentSamplesMatchTheDocumentSchema(String file) {
        assertThatCode(() -> schemas.validate(Kind.DOCUMENT, dom(bytes(file)))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {EdxmlFixtures.STATUS_ARRIVED, EdxmlFixtures.STATUS_ACCEPTED, EdxmlFixtures.STATUS_FINISHED})
    void statusSamplesMatchTheStatusSchemaOnly(String file) {
        assertThatCode(() -> schemas.validate(Kind.STATUS, dom(bytes(file)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> schemas.validate(Kind.DOCUMENT, dom(bytes(file)))).isInstanceOf(EdxmlException.class);
    }

    /**
     * Validators are pooled and reused: a refusal must not stick to the next package, and
     * packages checked at the same time each get their own verdict.
     */
    @Test
    void reusedValidatorsJudgeEachPackageOnItsOwn() throws Exception {
        String invalid = replaceOnce(MINIMAL_DOCUMENT, "<edXML:OrganId>000.00.00.H27</edXML:OrganId>",
                "<edXML:OrganId>  </edXML:OrganId>");
        for (int i = 0; i < 3; i++) {
            assertInvalid(Kind.DOCUMENT, invalid, "RoutingCodeType");
            assertThatCode(() -> schemas.validate(Kind.DOCUMENT, dom(MINIMAL_DOCUMENT))).doesNotThrowAnyException();
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var verdicts = new ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 400; i++) {
                boolean valid = i % 3 != 0;
                Document dom = dom(valid ? MINIMAL_DOCUMENT : invalid);
                verdicts.add(pool.submit(() -> {
                    try {
                        schemas.validate(Kind.DOCUMENT, dom);
                        return valid;
                    } catch (EdxmlException e) {
                        return !valid && e.getMessage().contains("RoutingCodeType");
                    }
                }));
            }
            for (var verdict : verdicts) {
                assertThat(verdict.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void documentSchemaNeedsAtLeastOneTo() {
        String noTo = replaceOnce(MINIMAL_DOCUMENT, """
                        <edXML:To>
                          <edXML:OrganId>000.00.00.G22</edXML:OrganId>
                        </edXML:To>
                """, "");
        assertInvalid(Kind.DOCUMENT, noTo, "<edXML:MessageHeader> at line 5");
    }

    @Test
    void documentSchemaNeedsNonEmptyRoutingCodes() {
        assertInvalid(Kind.DOCUMENT, replaceOnce(MINIMAL_DOCUMENT, "<edXML:OrganId>000.00.00.H27</edXML:OrganId>",
                "<edXML:OrganId>  </edXML:OrganId>"), "RoutingCodeType");
        assertInvalid(Kind.DOCUMENT, replaceOnce(MINIMAL_DOCUMENT, "<edXML:OrganId>000.00.00.G22</edXML:OrganId>",
                "<edXML:OrganName>no code</edXML:OrganName>"), "firstToHasOneOrganId");
        assertInvalid(Kind.DOCUMENT, replaceOnce(MINIMAL_DOCUMENT,
                "<edXML:DocumentId>000.00.00.H27,2025/07/01,12/UBND-VP</edXML:DocumentId>", "<edXML:DocumentId/>"),
                "RequiredTokenType");
    }

    @Test
    void statusSchemaChecksTheStatusCode() {
        for (String code : new String[] {"00", "07", "12", "14", "17", "1", "done"}) {
            assertInvalid(Kind.STATUS, replaceOnce(text(EdxmlFixtures.STATUS_ARRIVED),
                    "<edXML:StatusCode>01</", "<edXML:StatusCode>" + code + "</"), "StatusCode");
        }
        for (String code : new String[] {"02", "04", "05", "13", "15", "16", " 03 "}) {
            String status = replaceOnce(text(EdxmlFixtures.STATUS_ARRIVED), "<edXML:StatusCode>01</",
                    "<edXML:StatusCode>" + code + "</");
            assertThatCode(() -> schemas.validate(Kind.STATUS, dom(status))).as(code).doesNotThrowAnyException();
        }
    }

    @Test
    void statusSchemaNeedsResponseForWithOrganAndDocument() {
        String status = text(EdxmlFixtures.STATUS_ARRIVED);
        int start = status.indexOf("<edXML:ResponseFor>");
        int end = status.indexOf("</edXML:ResponseFor>") + "</edXML:ResponseFor>".length();
        assertInvalid(Kind.STATUS, status.substring(0, start) + status.substring(end), "exactlyOneResponseFor");
        assertInvalid(Kind.STATUS, replaceOnce(status,
                "<edXML:DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</edXML:DocumentId>", ""),
                "exactlyOneResponseForDocumentId");
        assertInvalid(Kind.STATUS, replaceOnce(status, "<edXML:OrganId>000.00.00.G22</edXML:OrganId>",
                "<edXML:OrganId></edXML:OrganId>"), "RoutingCodeType");
    }

    @Test
    void statusSchemaRefusesAnEmptySender() {
        assertInvalid(Kind.STATUS, replaceOnce(text(EdxmlFixtures.STATUS_ARRIVED),
                "<edXML:OrganId>000.00.00.H41</edXML:OrganId>", "<edXML:OrganId/>"), "RoutingCodeType");
    }

    @Test
    void signatureIsAcceptedInEitherNamespace() {
        for (String signature : new String[] {
            "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo/></Signature>",
            "<edXML:Signature><edXML:SignedInfo><edXML:Anything/></edXML:SignedInfo></edXML:Signature>"}) {
            String signed = replaceOnce(MINIMAL_DOCUMENT, "</edXML:TraceHeaderList>",
                    "</edXML:TraceHeaderList>" + signature);
            assertThatCode(() -> schemas.validate(Kind.DOCUMENT, dom(signed))).doesNotThrowAnyException();
        }
    }

    @Test
    void bundledSchemasAreFoundFromTheWorkingDirectory() {
        assertThat(EdxmlSchemas.bundled().schemaFor(Kind.DOCUMENT)).isNotNull();
        assertThat(EdxmlSchemas.bundled().schemaFor(Kind.STATUS)).isNotSameAs(EdxmlSchemas.bundled().schemaFor(Kind.DOCUMENT));
    }
}
