package vn.gov.haiphong.lgsp.exchange.edxml;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Byte-level checks done before any XML parser sees the package. */
final class PackageBytes {

    /** Where the XML starts after tolerated leading bytes, and how many lines those bytes held. */
    record Start(int offset, int skippedLines) {
    }

    private static final int READ_CHUNK = 64 * 1024;
    /** How far to look for a misplaced XML declaration when reporting leading garbage. */
    private static final int DECLARATION_SEARCH_WINDOW = 4096;

    private PackageBytes() {
    }

    /**
     * Reads at most {@code maxBytes + 1} bytes, so an oversized (or endless) stream is refused
     * without being buffered whole.
     */
    static byte[] readLimited(InputStream in, long maxBytes) {
        int cap = Math.toIntExact(maxBytes + 1);
        byte[] buffer = new byte[Math.min(cap, READ_CHUNK)];
        int length = 0;
        try {
            while (true) {
                if (length == buffer.length) {
                    if (length == cap) {
                        break;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(cap, 2L * buffer.length));
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
        } catch (IOException e) {
            throw new EdxmlException(ErrorCode.EDXML_UNREADABLE,
                    "reading the package failed after " + length + " bytes: " + e.getClass().getSimpleName(), -1, e);
        }
        if (length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    static EdxmlException tooLarge(long maxBytes) {
        return new EdxmlException(ErrorCode.EDXML_TOO_LARGE,
                "the package is larger than the limit of " + maxBytes + " bytes");
    }

    /**
     * Tolerates a UTF-8 byte-order mark and whitespace before the XML (seen in real packages,
     * fatal to XML parsers), refuses anything else before it, and refuses non-UTF-8 content.
     */
    static Start checkStart(byte[] bytes, List<EdxmlWarning> warnings) {
        if (bytes.length == 0) {
            throw new EdxmlException(ErrorCode.EDXML_MALFORMED, "the package is empty");
        }
        if (startsWith(bytes, 0, (byte) 0xFE, (byte) 0xFF) || startsWith(bytes, 0, (byte) 0xFF, (byte) 0xFE)
                || startsWith(bytes, 0, (byte) 0, (byte) 0, (byte) 0xFE, (byte) 0xFF)) {
            throw new EdxmlException(ErrorCode.EDXML_NOT_UTF8,
                    "the package starts with a UTF-16/UTF-32 byte-order mark; packages must be UTF-8", 1);
        }
        int offset = 0;
        if (startsWith(bytes, 0, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF)) {
            offset = 3;
            warnings.add(new EdxmlWarning(EdxmlWarningCode.BOM_REMOVED,
                    "a UTF-8 byte-order mark preceded the XML and was removed"));
        }
        int whitespaceStart = offset;
        int skippedLines = 0;
        while (offset < bytes.length && isXmlWhitespace(bytes[offset])) {
            if (bytes[offset] == '\n') {
                skippedLines++;
            }
            offset++;
        }
        if (offset > whitespaceStart && offset < bytes.length) {
            warnings.add(new EdxmlWarning(EdxmlWarningCode.LEADING_WHITESPACE_REMOVED,
                    (offset - whitespaceStart) + " whitespace bytes preceded the XML and were removed"));
        }
        if (offset == bytes.length) {
            throw new EdxmlException(ErrorCode.EDXML_MALFORMED, "the package holds no XML, only whitespace");
        }
        // A declaration further on is misplaced only if what precedes it is not the document
        // itself: text, or a comment/PI (an element start means there is simply no declaration).
        int declaration = -1;
        if (bytes[offset] != '<' || (offset + 1 < bytes.length && (bytes[offset + 1] == '!' || bytes[offset + 1] == '?'))) {
            declaration = indexOfDeclaration(bytes, offset);
        }
        if (bytes[offset] != '<' || declaration > offset) {
            String where = declaration > offset
                    ? (declaration - offset) + " bytes precede the XML declaration"
                    : "the package does not start with '<'";
            throw new EdxmlException(ErrorCode.EDXML_BYTES_BEFORE_DECLARATION,
                    where + " (first byte 0x" + String.format("%02X", bytes[offset] & 0xFF)
                            + "); only whitespace or a byte-order mark may come before it",
                    lineAt(bytes, offset));
        }
        refuseDoctype(bytes, offset);
        checkUtf8(bytes, offset);
        int carriageReturn = indexOf(bytes, offset, (byte) '\r');
        if (carriageReturn >= 0) {
            warnings.add(new EdxmlWarning(EdxmlWarningCode.CRLF_LINE_ENDS,
                    "carriage returns (Windows line ends) found from line " + lineAt(bytes, carriageReturn)));
        }
        return new Start(offset, skippedLines);
    }

    /**
     * Refuses a DOCTYPE in the prolog before any parser sees it, so that no DTD processing
     * (internal subset, parameter entities, external subsets) can happen at all. The parser
     * refuses DTDs too; this makes the refusal independent of parser behaviour.
     */
    private static void refuseDoctype(byte[] bytes, int offset) {
        int i = offset;
        while (i < bytes.length) {
            if (isXmlWhitespace(bytes[i])) {
                i++;
            } else if (startsWith(bytes, i, (byte) '<', (byte) '?')) {
                i = indexOf(bytes, i + 2, (byte) '?', (byte) '>');
                if (i < 0) {
                    return;
                }
                i += 2;
            } else if (startsWith(bytes, i, (byte) '<', (byte) '!', (byte) '-', (byte) '-')) {
                i = indexOf(bytes, i + 4, (byte) '-', (byte) '-', (byte) '>');
                if (i < 0) {
                    return;
                }
                i += 3;
            } else if (startsWith(bytes, i, (byte) '<', (byte) '!')) {
                throw new EdxmlException(ErrorCode.EDXML_DTD_FORBIDDEN, "a DOCTYPE declaration at line "
                        + lineAt(bytes, i) + " is not allowed in an edXML package", lineAt(bytes, i));
            } else {
                return;
            }
        }
    }

    /** Decodes in chunks (no full copy) only to find the first invalid sequence. */
    private static void checkUtf8(byte[] bytes, int offset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int bad = in.position();
                throw new EdxmlException(ErrorCode.EDXML_NOT_UTF8,
                        "byte 0x" + String.format("%02X", bytes[bad] & 0xFF) + " at line " + lineAt(bytes, bad)
                                + " (offset " + bad + ") is not valid UTF-8",
                        lineAt(bytes, bad));
            }
            if (result.isUnderflow()) {
                break;
            }
            out.clear();
        }
        out.clear();
        CoderResult flush = decoder.flush(out);
        if (flush.isError()) {
            throw new EdxmlException(ErrorCode.EDXML_NOT_UTF8, "the package ends inside a UTF-8 sequence");
        }
    }

    /** Position of {@code <?xml} followed by whitespace near the start, or -1. */
    private static int indexOfDeclaration(byte[] bytes, int from) {
        byte[] marker = {'<', '?', 'x', 'm', 'l'};
        int end = Math.min(bytes.length - marker.length - 1, from + DECLARATION_SEARCH_WINDOW);
        for (int i = from; i <= end; i++) {
            if (startsWith(bytes, i, marker) && isXmlWhitespace(bytes[i + marker.length])) {
                return i;
            }
        }
        return -1;
    }

    static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int indexOf(byte[] bytes, int from, byte... wanted) {
        for (int i = from; i <= bytes.length - wanted.length; i++) {
            if (startsWith(bytes, i, wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isXmlWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean startsWith(byte[] bytes, int at, byte... prefix) {
        if (bytes.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
