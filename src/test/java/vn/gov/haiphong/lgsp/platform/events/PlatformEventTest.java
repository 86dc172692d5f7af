package vn.gov.haiphong.lgsp.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * One envelope for every event, whoever writes it: the outbox's (data a map) and the message log
 * relay's (data the row's stored JSON, written as it is), and the refresh routes read it back.
 */
class PlatformEventTest {

    /** Configured as Spring Boot configures the platform's. */
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final Instant at = Instant.parse("2026-11-27T18:01:02.123456Z");

    @Test
    void theEnvelopeHasTheSchemasFieldsInOrderAndTheTimeAsAnIsoInstant() throws Exception {
        String text = new PlatformEvent("id-1", "AGENCY_CREATE", "000.20.98.H27", "operator", at, "node-a",
                Map.of("code", "000.20.98.H27")).toJson(json);

        assertThat(text).isEqualTo("{\"eventId\":\"id-1\",\"type\":\"AGENCY_CREATE\",\"key\":\"000.20.98.H27\","
                + "\"actor\":\"operator\",\"at\":\"2026-11-27T18:01:02.123456Z\",\"node\":\"node-a\","
                + "\"data\":{\"code\":\"000.20.98.H27\"}}");
    }

    @Test
    void storedJsonGoesIntoDataAsItIsNotAsAString() throws Exception {
        String stored = "{\"b\":2,\"a\":[1,\"x\"]}";
        String text = new PlatformEvent("id-2", "GATEWAY_CALL", "svc", "hp.sys", at, "node-a", new RawValue(stored))
                .toJson(json);

        assertThat(text).contains("\"data\":" + stored);
        JsonNode data = json.readTree(text).path("data");
        assertThat(data.path("a").get(1).asText()).isEqualTo("x");
    }

    @Test
    void aPublishedEventReadsBackWithItsNodeAndType() {
        String text = new PlatformEvent("id-3", "GW_SERVICE_UPDATE", "svc", "operator", at, "node-b",
                Map.of("n", 1)).toJson(json);

        PlatformEvent read = PlatformEvent.read(json, text).orElseThrow();

        assertThat(read.type()).isEqualTo("GW_SERVICE_UPDATE");
        assertThat(read.at()).isEqualTo(at);
        assertThat(read.data()).isEqualTo(Map.of("n", 1));
        assertThat(read.typeStartsWith("GW_")).isTrue();
        assertThat(read.typeStartsWith("AGENCY_")).isFalse();
        assertThat(read.madeElsewhereThan("node-a")).isTrue();
        assertThat(read.madeElsewhereThan("node-b")).isFalse();
    }

    @Test
    void textThatIsNoEventReadsAsNone() {
        assertThat(PlatformEvent.read(json, "not json")).isEmpty();
        assertThat(PlatformEvent.read(json, "[1,2]")).isEmpty();
        assertThat(PlatformEvent.read(json, null)).isEmpty();
    }

    @Test
    void anEventWithoutNodeOrTypeCountsAsAnothersAndAsNoGatewayChange() {
        PlatformEvent read = PlatformEvent.read(json, "{\"eventId\":\"x\"}").orElseThrow();

        assertThat(read.madeElsewhereThan("node-a")).isTrue();
        assertThat(read.typeStartsWith("GW_")).isFalse();
    }
}
