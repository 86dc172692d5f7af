package vn.gov.haiphong.lgsp.exchange.edxml;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.MINIMAL_DOCUMENT;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.bytes;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.replaceOnce;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.text;
import static vn.gov.haiphong.lgsp.exchange.edxml.EdxmlFixtures.utf8;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Hostile and broken packages: each is refused with its own code and a message naming where. */
class EdxmlParserHostileTest {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String ROOT_OPEN = "<edXML:edXML xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">";

    private final EdxmlParser parser = new EdxmlParser();

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] bytes, ErrorCode error) {
        return assertRefused(parser, bytes, error);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(EdxmlParser parser, byte[] bytes,
            ErrorCode error) {
        return assertThatThrownBy(() -> parser.parse(bytes))
                .isInstanceOf(EdxmlException.class)
                .satisfies(e -> assertThat(((EdxmlException) e).error()).isEqualTo(error))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\tat ").doesNotContain("Exception"));
    }

    // ---- DTDs and entities ----

    @Test
    void externalEntityToEtcPasswdIsRefusedBeforeAnyResolution() {
        String xxe = DECLARATION + "<!DOCTYPE edXML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + ROOT_OPEN + "&xxe;</edXML:edXML>";
        assertRefused(utf8(xxe), ErrorCode.EDXML_DTD_FORBIDDEN)
                .hasMessageContaining("DOCTYPE").hasMessageContaining("line 2")
                .hasMessageNotContaining("root:");
    }

    @Test
    void parameterEntityAndExternalSubsetAreRefused() {
        String parameterEntity = DECLARATION
                + "<!DOCTYPE edXML [<!ENTITY % remote SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %remote;]>\n"
                + ROOT_OPEN + "</edXML:edXML>";
        String externalSubset = DECLARATION + "<!DOCTYPE edXML SYSTEM \"file:///etc/passwd\">\n"
                + ROOT_OPEN + "</edXML:edXML>";
        assertRefused(utf8(parameterEntity), ErrorCode.EDXML_DTD_FORBIDDEN);
        assertRefused(utf8(externalSubset), ErrorCode.EDXML_DTD_FORBIDDEN);
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String previous = i == 1 ? "&lol;" : "&lol" + (i - 1) + ";";
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(previous.repeat(10)).append("\">");
        }
        dtd.append("]>\n");
        byte[] bomb = utf8(DECLARATION + dtd + ROOT_OPEN + "&lol9;</edXML:edXML>");
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertRefused(bomb, ErrorCode.EDXML_DTD_FORBIDDEN));
    }

    @Test
    void anyDoctypeIsRefusedEvenAfterCommentsAndWithoutDeclaration() {
        assertRefused(utf8(DECLARATION + "<!DOCTYPE edXML>\n" + ROOT_OPEN + "</edXML:edXML>"),
                ErrorCode.EDXML_DTD_FORBIDDEN);
        assertRefused(utf8(DECLARATION + "<!-- x -->\n<?pi x?>\n<!DOCTYPE edXML>" + ROOT_OPEN + "</edXML:edXML>"),
                ErrorCode.EDXML_DTD_FORBIDDEN).hasMessageContaining("line 4");
        assertRefused(utf8("<!DOCTYPE edXML>" + ROOT_OPEN + "</edXML:edXML>"), ErrorCode.EDXML_DTD_FORBIDDEN);
    }

    @Test
    void undeclaredEntityReferenceIsRefused() {
        // Without a DTD nothing can declare it; refused as an entity, whatever the parser thinks.
        String reference = replaceOnce(MINIMAL_DOCUMENT, "Về việc thử nghiệm", "&xxe;");
        assertRefused(utf8(reference), ErrorCode.EDXML_DTD_FORBIDDEN).hasMessageContaining("&xxe;")
                .hasMessageContaining("line 14");
    }

    // ---- size and shape bombs ----

    @Test
    void depthBombIsRefused() {
        int levels = 100_000;
        String bomb = DECLARATION + ROOT_OPEN + "<a>".repeat(levels) + "</a>".repeat(levels) + "</edXML:edXML>";
        assertRefused(utf8(bomb), ErrorCode.EDXML_TOO_DEEP).hasMessageContaining("64 levels");
    }

    @Test
    void elementFloodIsRefusedBeforeTheTreeGrows() {
        EdxmlParser small = new EdxmlParser(new EdxmlParser.Limits(1 << 20, 64, 1_000));
        String flood = DECLARATION + ROOT_OPEN + "<a x=\"1\"/>".repeat(5_000) + "</edXML:edXML>";
        assertRefused(small, utf8(flood), ErrorCode.EDXML_TOO_LARGE).hasMessageContaining("1000 elements");
    }

    @Test
    void oversizedStreamIsRefusedWithoutReadingItWhole() {
        EdxmlParser limited = new EdxmlParser(EdxmlParser.Limits.defaults().withMaxPackageBytes(4096));
        CountingEndlessStream endless = new CountingEndlessStream(utf8(DECLARATION + ROOT_OPEN));

        assertThatThrownBy(() -> limited.parse(endless))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.EDXML_TOO_LARGE))
                .hasMessageContaining("4096 bytes");
        assertThat(endless.read).isEqualTo(4097);
    }

    @Test
    void sizeLimitIsInclusive() {
        byte[] sample = bytes(EdxmlFixtures.STATUS_ARRIVED);
        EdxmlParser exact = new EdxmlParser(EdxmlParser.Limits.defaults().withMaxPackageBytes(sample.length));
        EdxmlParser oneShort = new EdxmlParser(EdxmlParser.Limits.defaults().withMaxPackageBytes(sample.length - 1));

        assertThat(exact.parse(new ByteArrayInputStream(sample)).statusCode()).isEqualTo(EdxmlStatusCode.ARRIVED);
        assertThatThrownBy(() -> oneShort.parse(new ByteArrayInputStream(sample)))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.EDXML_TOO_LARGE));
        assertRefused(oneShort, sample, ErrorCode.EDXML_TOO_LARGE);
    }

    @Test
    void failingStreamIsReportedAsUnreadable() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> parser.parse(broken))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.EDXML_UNREADABLE));
    }

    // ---- bytes, encoding, well-formedness ----

    @Test
    void bytesBeforeTheDeclarationAreRefused() {
        assertRefused(utf8("HTTP/1.1 200 OK\r\n\r\n" + MINIMAL_DOCUMENT), ErrorCode.EDXML_BYTES_BEFORE_DECLARATION)
                .hasMessageContaining("19 bytes precede the XML declaration");
        assertRefused(utf8("<!-- exported -->" + MINIMAL_DOCUMENT), ErrorCode.EDXML_BYTES_BEFORE_DECLARATION);
        assertRefused(utf8("garbage"), ErrorCode.EDXML_BYTES_BEFORE_DECLARATION)
                .hasMessageContaining("does not start with '<'");
    }

    @Test
    void malformedXmlNamesTheLine() {
        String unclosed = replaceOnce(MINIMAL_DOCUMENT, "</edXML:To>", "");
        assertRefused(utf8(unclosed), ErrorCode.EDXML_MALFORMED)
                .hasMessageContaining("line 15").hasMessageContaining("edXML:To");
        assertRefused(new byte[0], ErrorCode.EDXML_MALFORMED).hasMessageContaining("empty");
        assertRefused(utf8("  \n "), ErrorCode.EDXML_MALFORMED);
        assertRefused(utf8(MINIMAL_DOCUMENT.substring(0, 300)), ErrorCode.EDXML_MALFORMED);
    }

    @Test
    void elementPrefixNeverDeclaredIsMalformed() {
        String undeclared = replaceOnce(MINIMAL_DOCUMENT, "<edXML:Subject>Về việc thử nghiệm liên thông</edXML:Subject>",
                "<q:Subject>x</q:Subject>");
        assertRefused(utf8(undeclared), ErrorCode.EDXML_MALFORMED)
                .hasMessageContaining("prefix 'q'").hasMessageContaining("line 14");
    }

    @Test
    void nonUtf8PackagesAreRefused() {
        byte[] latin1 = MINIMAL_DOCUMENT.replace("Hải Phòng", "H\u00e0i").getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(latin1, ErrorCode.EDXML_NOT_UTF8).hasMessageContaining("0xE0").hasMessageContaining("line 8");

        String declaredLatin1 = MINIMAL_DOCUMENT.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                .replace("Hải Phòng", "Hai Phong").replace("Về việc thử nghiệm liên thông", "Thu nghiem")
                .replace("thành phố", "thanh pho");
        assertRefused(utf8(declaredLatin1), ErrorCode.EDXML_NOT_UTF8).hasMessageContaining("ISO-8859-1");

        assertRefused(MINIMAL_DOCUMENT.getBytes(StandardCharsets.UTF_16), ErrorCode.EDXML_NOT_UTF8)
                .hasMessageContaining("UTF-16");
    }

    @Test
    void rootMustBeEdxmlInTheQcvnNamespace() {
        assertRefused(utf8(MINIMAL_DOCUMENT.replace("xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"",
                "xmlns:edXML=\"urn:something-else\"")), ErrorCode.EDXML_NOT_EDXML).hasMessageContaining("urn:something-else");
        assertRefused(utf8(DECLARATION + "<html><body/></html>"), ErrorCode.EDXML_NOT_EDXML);
    }

    // ---- routing fields ----

    @Test
    void documentWithoutToIsRefused() {
        String noTo = replaceOnce(MINIMAL_DOCUMENT, """
                        <edXML:To>
                          <edXML:OrganId>000.00.00.G22</edXML:OrganId>
                        </edXML:To>
                """, "");
        assertRefused(utf8(noTo), ErrorCode.EDXML_MISSING_FIELD)
                .hasMessageContaining("no <To>").hasMessageContaining("line 5");
    }

    @Test
    void emptyRecipientCodeIsRefused() {
        String emptyTo = replaceOnce(MINIMAL_DOCUMENT, "<edXML:OrganId>000.00.00.G22</edXML:OrganId>",
                "<edXML:OrganId> </edXML:OrganId>");
        assertRefused(utf8(emptyTo), ErrorCode.EDXML_MISSING_FIELD).hasMessageContaining("<To/OrganId> at line 11 is empty");
    }

    @Test
    void emptyFromOrganIdIsRefused() {
        String emptyFrom = replaceOnce(text(EdxmlFixtures.STATUS_ARRIVED),
                "<edXML:OrganId>000.00.00.H41</edXML:OrganId>", "<edXML:OrganId></edXML:OrganId>");
        assertRefused(utf8(emptyFrom), ErrorCode.EDXML_MISSING_FIELD)
                .hasMessageContaining("<From/OrganId> at line 7 is empty");

        String noFromCode = replaceOnce(MINIMAL_DOCUMENT, "<edXML:OrganId>000.00.00.H27</edXML:OrganId>", "");
        assertRefused(utf8(noFromCode), ErrorCode.EDXML_MISSING_FIELD).hasMessageContaining("<From/OrganId>")
                .hasMessageContaining("missing");
    }

    @Test
    void documentWithoutDocumentIdIsRefused() {
        String noId = replaceOnce(MINIMAL_DOCUMENT,
                "<edXML:DocumentId>000.00.00.H27,2025/07/01,12/UBND-VP</edXML:DocumentId>", "");
        assertRefused(utf8(noId), ErrorCode.EDXML_MISSING_FIELD).hasMessageContaining("DocumentId");
    }

    @Test
    void badStatusCodeIsRefused() {
        String bad = replaceOnce(text(EdxmlFixtures.STATUS_ARRIVED), "<edXML:StatusCode>01</edXML:StatusCode>",
                "<edXML:StatusCode>07</edXML:StatusCode>");
        assertRefused(utf8(bad), ErrorCode.EDXML_INVALID_VALUE)
                .hasMessageContaining("<StatusCode> at line 28 is '07'");
        String word = replaceOnce(text(EdxmlFixtures.STATUS_ARRIVED), "<edXML:StatusCode>01</edXML:StatusCode>",
                "<edXML:StatusCode>done</edXML:StatusCode>");
        assertRefused(utf8(word), ErrorCode.EDXML_INVALID_VALUE);
    }

    @Test
    void statusWithoutResponseForDocumentIdIsRefused() {
        String noDocument = replaceOnce(text(EdxmlFixtures.STATUS_ARRIVED),
                "<edXML:DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</edXML:DocumentId>", "");
        assertRefused(utf8(noDocument), ErrorCode.EDXML_MISSING_FIELD).hasMessageContaining("ResponseFor/DocumentId");

        String noTarget = replaceOnce(text(EdxmlFixtures.STATUS_ARRIVED),
                "<edXML:OrganId>000.00.00.G22</edXML:OrganId>", "<edXML:OrganId/>");
        assertRefused(utf8(noTarget), ErrorCode.EDXML_MISSING_FIELD).hasMessageContaining("ResponseFor/OrganId");
    }

    @Test
    void statusWithoutStatusCodeIsTakenForADocumentAndSaysWhy() {
        String noCode = replaceOnce(text(EdxmlFixtures.STATUS_ARRIVED), "<edXML:StatusCode>01</edXML:StatusCode>", "");
        assertRefused(utf8(noCode), ErrorCode.EDXML_MISSING_FIELD).hasMessageContaining("StatusCode> is missing");
    }

    @Test
    void unknownBusinessDocTypeIsRefused() {
        String unknown = replaceOnce(MINIMAL_DOCUMENT, "<edXML:BussinessDocType>0</", "<edXML:BussinessDocType>4</");
        assertRefused(utf8(unknown), ErrorCode.EDXML_INVALID_VALUE).hasMessageContaining("'4'");
    }

    // ---- schema ----

    @Test
    void unknownEdxmlElementFailsTheSchemaWithItsLine() {
        String unknown = replaceOnce(MINIMAL_DOCUMENT, "<edXML:Subject>", "<edXML:Bogus>x</edXML:Bogus>\n<edXML:Subject>");
        assertRefused(utf8(unknown), ErrorCode.EDXML_SCHEMA_INVALID)
                .hasMessageContaining("<edXML:Bogus> at line 14").hasMessageContaining("document schema");
    }

    @Test
    void twoDocumentIdsFailTheSchema() {
        String twice = replaceOnce(MINIMAL_DOCUMENT, "<edXML:Subject>",
                "<edXML:DocumentId>000.00.00.H27,2025/07/01,13/UBND-VP</edXML:DocumentId><edXML:Subject>");
        assertRefused(utf8(twice), ErrorCode.EDXML_SCHEMA_INVALID).hasMessageContaining("exactlyOneDocumentId");
    }

    @Test
    void twoSendersFailTheSchema() {
        String twice = replaceOnce(MINIMAL_DOCUMENT, "<edXML:Subject>",
                "<edXML:From><edXML:OrganId>000.00.00.H26</edXML:OrganId></edXML:From><edXML:Subject>");
        assertRefused(utf8(twice), ErrorCode.EDXML_SCHEMA_INVALID).hasMessageContaining("exactlyOneFromOrganId");
    }

    /** Serves a fixed prefix, then '<a>' for ever, counting what was taken. */
    private static final class CountingEndlessStream extends InputStream {
        private final byte[] prefix;
        private final byte[] filler = "<a>".getBytes(StandardCharsets.US_ASCII);
        long read;

        CountingEndlessStream(byte[] prefix) {
            this.prefix = prefix;
        }

        @Override
        public int read() {
            byte b = read < prefix.length ? prefix[(int) read] : filler[(int) ((read - prefix.length) % filler.length)];
            read++;
            return b & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = (byte) read();
            }
            return length;
        }
    }
}
