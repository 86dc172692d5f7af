package vn.gov.haiphong.lgsp.registry.imports;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.gov.haiphong.lgsp.registry.AgencyCode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;

/**
 * Reads the former Hải Phòng platform's registry CSV (UTF-8, optional BOM, RFC 4180, header row
 * {@code id,ma_dinh_danh,ten_don_vi,ma_don_vi_cha,trang_thai,ma_cu,email,dien_thoai,hieu_luc_tu,hieu_luc_den}).
 * Structural faults stop the whole file with the line and field; code problems are left to the
 * conflict report.
 */
public final class HpRegistryCsvReader {

    static final List<String> HEADER = List.of("id", "ma_dinh_danh", "ten_don_vi", "ma_don_vi_cha", "trang_thai",
            "ma_cu", "email", "dien_thoai", "hieu_luc_tu", "hieu_luc_den");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Map<String, AgencyStatus> STATUS = Map.of(
            "hoat_dong", AgencyStatus.ACTIVE, "giai_the", AgencyStatus.CLOSED, "sap_nhap", AgencyStatus.MERGED);

    private HpRegistryCsvReader() {
    }

    public static List<ImportedUnit> read(byte[] bytes) {
        String text = LegacyText.utf8(bytes);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        List<ImportedUnit> units = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames();
            if (!header.equals(HEADER)) {
                throw new ImportFileException(1, null, "header must be " + String.join(",", HEADER) + " but is "
                        + String.join(",", header));
            }
            Map<String, Integer> ids = new HashMap<>();
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (record.size() != HEADER.size()) {
                    throw new ImportFileException(line, null, "expected " + HEADER.size() + " fields, found " + record.size());
                }
                String id = required(record, "id", line);
                if (!id.matches("\\d{1,18}")) {
                    throw new ImportFileException(line, "id", "must be a number, was '" + id + "'");
                }
                Integer first = ids.putIfAbsent(id, line);
                if (first != null) {
                    throw new ImportFileException(line, "id", "id " + id + " already used on line " + first);
                }
                String code = AgencyCode.normalize(required(record, "ma_dinh_danh", line));
                String statusText = required(record, "trang_thai", line);
                AgencyStatus status = STATUS.get(statusText);
                if (status == null) {
                    throw new ImportFileException(line, "trang_thai", "must be one of " + STATUS.keySet() + ", was '"
                            + statusText + "'");
                }
                List<String> legacy = Arrays.stream(record.get("ma_cu").split(";")).map(String::strip)
                        .filter(s -> !s.isEmpty()).map(AgencyCode::normalize).toList();
                units.add(new ImportedUnit(line, id, code, nfc(required(record, "ten_don_vi", line)),
                        AgencyCode.normalize(blankToNull(record.get("ma_don_vi_cha"))), regionOf(code, Region.HP), status,
                        date(record, "hieu_luc_tu", line), date(record, "hieu_luc_den", line),
                        blankToNull(record.get("email")), blankToNull(record.get("dien_thoai")), legacy));
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new ImportFileException(lineOf(e), null, "not readable as CSV: " + e.getMessage());
        }
        if (units.isEmpty()) {
            throw new ImportFileException(2, null, "the file holds no units");
        }
        return units;
    }

    private static int lineOf(Exception e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String required(CSVRecord record, String field, int line) {
        String value = record.get(field);
        if (value == null || value.isBlank()) {
            throw new ImportFileException(line, field, "is required");
        }
        return value.strip();
    }

    private static LocalDate date(CSVRecord record, String field, int line) {
        String value = record.get(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip(), DATE);
        } catch (DateTimeParseException e) {
            throw new ImportFileException(line, field, "must be a date dd/MM/yyyy, was '" + value + "'");
        }
    }

    /** Central bodies (G codes) are CENTRAL whatever file lists them. */
    static Region regionOf(String code, Region fileRegion) {
        String level1 = AgencyCode.levelOne(code);
        if (level1 != null && level1.startsWith("G")) {
            return Region.CENTRAL;
        }
        return fileRegion;
    }

    static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Strict UTF-8 decoding with BOM removal, shared by both readers. */
    static final class LegacyText {
        private LegacyText() {
        }

        static String utf8(byte[] bytes) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                return text.startsWith("\uFEFF") ? text.substring(1) : text;
            } catch (CharacterCodingException e) {
                throw new ImportFileException(1, null, "the file is not UTF-8 text");
            }
        }
    }
}
