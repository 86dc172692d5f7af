package vn.gov.haiphong.lgsp.warehouse;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Open data as RFC 4180 CSV in UTF-8: a header of field names, CRLF line ends, and values
 * quoted when they hold a comma, quote or line break. The optional BOM lets spreadsheet
 * programs that guess the encoding show Vietnamese text correctly; as it marks a file meant for a
 * spreadsheet, text that a spreadsheet would run as a formula then gets a leading apostrophe.
 */
final class CsvRows {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvRows() {
    }

    /** OWASP's CSV injection defence: a cell starting like a formula is shown as text. */
    static String inert(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    static byte[] write(List<String> fields, List<DatasetRow> rows, boolean bom) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(fields.toArray(String[]::new)).get())) {
            for (DatasetRow row : rows) {
                for (String field : fields) {
                    Object value = row.data().get(field);
                    printer.print(value == null ? "" : bom && value instanceof String text ? inert(text) : value.toString());
                }
                printer.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] text = EntityTags.utf8(out.toString());
        if (!bom) {
            return text;
        }
        byte[] withBom = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, withBom, 0, BOM.length);
        System.arraycopy(text, 0, withBom, BOM.length, text.length);
        return withBom;
    }
}
