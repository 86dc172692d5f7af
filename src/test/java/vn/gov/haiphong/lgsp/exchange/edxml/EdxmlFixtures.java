package vn.gov.haiphong.lgsp.exchange.edxml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The project's copies of the public sample packages, plus a minimal package to mutate. */
public final class EdxmlFixtures {

    static final String EDOC_SMALL = "edoc-new-small.edxml";
    static final String EDOC_WITH_ATTACHMENT = "edoc-new-with-attachment.edxml";
    static final String STATUS_ARRIVED = "status-01-arrived.edxml";
    static final String STATUS_ACCEPTED = "status-03-accepted.edxml";
    static final String STATUS_FINISHED = "status-06-finished.edxml";

    /** A small valid document package, LF line ends, Hải Phòng to the Government Office. */
    static final String MINIMAL_DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
              <edXML:edXMLEnvelope>
                <edXML:edXMLHeader>
                  <edXML:MessageHeader>
                    <edXML:From>
                      <edXML:OrganId>000.00.00.H27</edXML:OrganId>
                      <edXML:OrganName>UBND thành phố Hải Phòng</edXML:OrganName>
                    </edXML:From>
                    <edXML:To>
                      <edXML:OrganId>000.00.00.G22</edXML:OrganId>
                    </edXML:To>
                    <edXML:DocumentId>000.00.00.H27,2025/07/01,12/UBND-VP</edXML:DocumentId>
                    <edXML:Subject>Về việc thử nghiệm liên thông</edXML:Subject>
                  </edXML:MessageHeader>
                  <edXML:TraceHeaderList>
                    <edXML:Bussiness>
                      <edXML:BussinessDocType>0</edXML:BussinessDocType>
                    </edXML:Bussiness>
                  </edXML:TraceHeaderList>
                </edXML:edXMLHeader>
              </edXML:edXMLEnvelope>
            </edXML:edXML>
            """;

    private static final String SAMPLE_FROM = "<edXML:OrganId>002.00.20.H13</edXML:OrganId>";
    private static final String SAMPLE_TO = "<edXML:OrganId>000.00.15.H51</edXML:OrganId>";
    private static final String SAMPLE_DOCUMENT_ID = "9fbfbad2-f1f8-4256-a2eb-50fb1061cddb";

    private EdxmlFixtures() {
    }

    /** A DocumentId no other test uses: {@code from,2025/07/15,xxxxxxxx/TAG}. */
    public static String newDocumentId(String from, String tag) {
        return from + ",2025/07/15," + java.util.UUID.randomUUID().toString().substring(0, 8) + "/" + tag;
    }

    /** {@code edoc-new-small.edxml} from {@code from} to the given codes (in order), with this DocumentId. */
    public static String documentText(String from, String documentId, String... to) {
        String text = text(EDOC_SMALL);
        text = replaceOnce(text, SAMPLE_FROM, "<edXML:OrganId>" + from + "</edXML:OrganId>");
        text = replaceOnce(text, SAMPLE_TO, "<edXML:OrganId>" + to[0] + "</edXML:OrganId>");
        StringBuilder more = new StringBuilder();
        for (int i = 1; i < to.length; i++) {
            more.append("\r\n        <edXML:To><edXML:OrganId>").append(to[i]).append("</edXML:OrganId></edXML:To>");
        }
        int firstToEnd = text.indexOf("</edXML:To>") + "</edXML:To>".length();
        text = text.substring(0, firstToEnd) + more + text.substring(firstToEnd);
        return text.replace(SAMPLE_DOCUMENT_ID, documentId);
    }

    public static byte[] document(String from, String documentId, String... to) {
        return utf8(documentText(from, documentId, to));
    }

    /**
     * {@code edoc-new-with-attachment.edxml}, the sample whose TraceHeaderList carries a Bussiness
     * block (BussinessDocType 0 and a Bussiness/DocumentId), from {@code from} to the given codes,
     * with this DocumentId.
     */
    public static String businessSampleText(String from, String documentId, String... to) {
        String text = text(EDOC_WITH_ATTACHMENT);
        text = replaceOnce(text, "<edXML:OrganId>000.00.00.A80</edXML:OrganId>", "<edXML:OrganId>" + from + "</edXML:OrganId>");
        StringBuilder recipients = new StringBuilder("<edXML:OrganId>" + to[0] + "</edXML:OrganId>");
        for (int i = 1; i < to.length; i++) {
            recipients.append("</edXML:To><edXML:To><edXML:OrganId>").append(to[i]).append("</edXML:OrganId>");
        }
        text = replaceOnce(text, "<edXML:OrganId>28.22.H17</edXML:OrganId>", recipients.toString());
        return replaceOnce(text, "<edXML:DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</edXML:DocumentId>",
                "<edXML:DocumentId>" + documentId + "</edXML:DocumentId>");
    }

    /**
     * The same sample as the national axis's revocations come: BussinessDocType 1 and no
     * Bussiness/DocumentId, the revoked document named by the header DocumentId alone.
     */
    public static String revocationSampleText(String from, String documentId, String... to) {
        String text = businessSampleText(from, documentId, to);
        text = replaceOnce(text, "<edXML:DocumentId>000.00.00.G22,2014/02/30,7806/VPCP-TTĐT</edXML:DocumentId>", "");
        text = replaceOnce(text, "<edXML:BussinessDocType>0</edXML:BussinessDocType>",
                "<edXML:BussinessDocType>1</edXML:BussinessDocType>");
        return replaceOnce(text, "<edXML:BussinessDocReason>Văn bản điện tử mới</edXML:BussinessDocReason>",
                "<edXML:BussinessDocReason>Thu hồi văn bản</edXML:BussinessDocReason>");
    }

    /** {@code status-01-arrived.edxml} from {@code from}, about {@code documentId} sent by {@code originalSender}. */
    public static byte[] status(String from, String originalSender, String documentId, String statusCode) {
        String text = text(STATUS_ARRIVED);
        text = replaceOnce(text, "<edXML:OrganId>000.00.00.H41</edXML:OrganId>",
                "<edXML:OrganId>" + from + "</edXML:OrganId>");
        text = replaceOnce(text, "<edXML:OrganId>000.00.00.G22</edXML:OrganId>",
                "<edXML:OrganId>" + originalSender + "</edXML:OrganId>");
        text = replaceOnce(text, "<edXML:DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</edXML:DocumentId>",
                "<edXML:DocumentId>" + documentId + "</edXML:DocumentId>");
        text = replaceOnce(text, "<edXML:StatusCode>01</edXML:StatusCode>",
                "<edXML:StatusCode>" + statusCode + "</edXML:StatusCode>");
        return utf8(text);
    }

    static byte[] bytes(String name) {
        try (InputStream in = EdxmlFixtures.class.getResourceAsStream("/edxml/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /edxml/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces exactly one occurrence, so a mutation cannot silently miss. */
    public static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new IllegalArgumentException("expected exactly one '" + target + "'");
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
