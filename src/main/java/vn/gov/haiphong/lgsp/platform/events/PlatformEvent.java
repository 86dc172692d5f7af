package vn.gov.haiphong.lgsp.platform.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.time.Instant;
import java.util.Optional;

/**
 * The envelope every platform event carries on Kafka ({@code schemas/events/platform-event.schema.json}),
 * one shape for all who write it ({@link EventOutbox}, the message log relay) and all who read it
 * (the nodes' refresh routes).
 *
 * @param data the change: a map when written by the outbox, a {@link RawValue} holding JSON written
 *             already (a message log row's stored detail), a map when read
 */
public record PlatformEvent(String eventId, String type, String key, String actor,
                            // ISO-8601 whatever the mapper's date settings: the schema's date-time
                            @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at,
                            String node, Object data) {

    /** The event as published. */
    public String toJson(ObjectMapper json) {
        try {
            return json.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + type + " is not serialisable", e);
        }
    }

    /** The envelope of a published event; empty when the text is not one. */
    public static Optional<PlatformEvent> read(ObjectMapper json, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(text, PlatformEvent.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Whether another node made the change (an event without a node counts as another's). */
    public boolean madeElsewhereThan(String nodeId) {
        return !nodeId.equals(node);
    }

    /** Whether its type starts with this prefix, e.g. {@code GW_} for the gateway's catalogue changes. */
    public boolean typeStartsWith(String prefix) {
        return type != null && type.startsWith(prefix);
    }
}
