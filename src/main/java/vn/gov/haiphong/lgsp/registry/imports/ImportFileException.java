package vn.gov.haiphong.lgsp.registry.imports;

/** A file that cannot be read as its format: names the line and field, and nothing is changed. */
public class ImportFileException extends RuntimeException {

    private final int line;
    private final String field;

    public ImportFileException(int line, String field, String message) {
        super("line " + line + (field == null ? "" : ", field '" + field + "'") + ": " + message);
        this.line = line;
        this.field = field;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
