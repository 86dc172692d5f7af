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

    private EdxmlFixtures() {
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
