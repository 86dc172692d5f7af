package vn.gov.haiphong.lgsp.exchange.soap.api;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.Instant;
import java.time.OffsetDateTime;

/** {@code xs:dateTime} as an {@link Instant}: written in UTC, read with any offset. */
public class InstantAdapter extends XmlAdapter<String, Instant> {

    @Override
    public Instant unmarshal(String value) {
        return value == null || value.isBlank() ? null : OffsetDateTime.parse(value.strip()).toInstant();
    }

    @Override
    public String marshal(Instant value) {
        return value == null ? null : value.toString();
    }
}
