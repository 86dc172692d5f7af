package vn.gov.haiphong.lgsp.platform.errors;

import java.util.Map;

/** A refusal with a catalogue code and a detail safe to show the client. */
public class LgspException extends RuntimeException {

    private final ErrorCode error;
    private final transient Map<String, Object> properties;

    public LgspException(ErrorCode error, String detail) {
        this(error, detail, Map.of());
    }

    public LgspException(ErrorCode error, String detail, Map<String, Object> properties) {
        super(detail);
        this.error = error;
        this.properties = properties;
    }

    public ErrorCode error() {
        return error;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
