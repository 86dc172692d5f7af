package vn.gov.haiphong.lgsp.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How the console's forms read what a person typed. */
final class ConsoleInputs {

    private ConsoleInputs() {
    }

    /** The value stripped, or null when nothing was typed. */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A {@code datetime-local} value, read in the city's time; empty when blank or not a date and time. */
    static Optional<Instant> localTime(String value) {
        String v = blankToNull(value);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(v).atZone(ConsoleFormat.ZONE).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
