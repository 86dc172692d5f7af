package vn.gov.haiphong.lgsp.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;

/**
 * How the console writes times, ages and sizes: times in Asia/Ho_Chi_Minh (the city's time,
 * whatever the server's zone), ages in the person's language. Pages call it as {@code @consoleFormat}.
 */
@Component("consoleFormat")
public class ConsoleFormat {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(ZONE);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("dd/MM HH:mm").withZone(ZONE);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZONE);

    private final MessageSource messages;
    private final AgencyResolver registry;

    public ConsoleFormat(MessageSource messages, AgencyResolver registry) {
        this.messages = messages;
        this.registry = registry;
    }

    /** The agency's full name for a code (current, or legacy through its alias), or null when unknown. */
    public String agencyName(String code) {
        if (code == null) {
            return null;
        }
        return registry.snapshot().resolve(code).map(r -> r.agency().name()).orElse(null);
    }

    /** The connected system's name, or null when unknown. */
    public String systemName(String systemId) {
        if (systemId == null) {
            return null;
        }
        return registry.snapshot().system(systemId).map(ConnectedSystem::name).orElse(null);
    }

    /** {@code 06/12/2026 21:45:11}, or a dash for nothing. */
    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    public String shortTime(Instant instant) {
        return instant == null ? "—" : SHORT.format(instant);
    }

    /** The value of an {@code <input type="datetime-local">} for this instant, in the city's time. */
    public String inputTime(Instant instant) {
        return instant == null ? "" : INPUT.format(instant);
    }

    /** How long ago, coarsely: "3 giờ 5 phút" / "3 h 5 min". */
    public String age(Instant since) {
        if (since == null) {
            return "—";
        }
        return duration(Duration.between(since, Instant.now()));
    }

    private String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        Locale locale = LocaleContextHolder.getLocale();
        if (seconds < 60) {
            return messages.getMessage("age.seconds", new Object[] {seconds}, locale);
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return messages.getMessage("age.minutes", new Object[] {minutes}, locale);
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return messages.getMessage("age.hours", new Object[] {hours, minutes % 60}, locale);
        }
        return messages.getMessage("age.days", new Object[] {hours / 24, hours % 24}, locale);
    }

    /** The current page's URL with one query parameter set (the other filters kept). */
    public String currentWith(String name, String value) {
        return urlWith(name, value);
    }

    /** The current request's URL with one query parameter set, or removed when {@code value} is null. */
    static String urlWith(String name, String value) {
        ServletUriComponentsBuilder url = ServletUriComponentsBuilder.fromCurrentRequest();
        return (value == null ? url.replaceQueryParam(name) : url.replaceQueryParam(name, value)).build().toUriString();
    }

    /** {@code 18 KB}, {@code 1.2 MB}. */
    public String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
