package vn.gov.haiphong.lgsp.warehouse;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The types a dataset field may declare; each knows how to check and normalise a value. */
public enum FieldType {
    STRING, INTEGER, DATE, BOOLEAN;

    public static FieldType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The value as stored in the JSON payload, or null when it does not fit this type. Accepts
     * JSON values (numbers, booleans) and their text forms (query parameters).
     */
    public Object normalise(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return switch (this) {
            case STRING -> value instanceof String s ? s : null;
            case INTEGER -> {
                if (value instanceof Integer || value instanceof Long) {
                    yield ((Number) value).longValue();
                }
                try {
                    yield value instanceof String ? Long.parseLong(text.trim()) : null;
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case DATE -> {
                try {
                    yield value instanceof String ? LocalDate.parse(text.trim()).toString() : null;
                } catch (DateTimeParseException e) {
                    yield null;
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                yield "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
            }
        };
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
