package vn.gov.haiphong.lgsp.security.vdxp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class VdxpClientSignerTest {

    @Test
    void reproducesTheWorkedExampleByteForByte() {
        LinkedHashMap<String, String> wire = new VdxpClientSigner(VdxpWorkedExample.SECRET)
                .sign(VdxpWorkedExample.logicalHeaders());

        assertThat(wire.get("XroadVnpt-sign-header")).isEqualTo(VdxpWorkedExample.SIGN_HEADER);
        assertThat(wire.get("XroadVnpt-hash-header")).isEqualTo(VdxpWorkedExample.HASH);
        // Same names, same values, same order as the captured request.
        assertThat(wire).containsExactlyEntriesOf(VdxpWorkedExample.wireHeaders());
    }

    @Test
    void timestampUsesFourDigitMillisecondsNotAnOffset() {
        assertThat(VdxpClientSigner.timestamp(LocalDateTime.of(2024, 1, 15, 9, 30, 0, 123_000_000)))
                .isEqualTo(VdxpWorkedExample.TIMESTAMP);
        assertThat(VdxpClientSigner.timestamp(LocalDateTime.of(2025, 12, 31, 23, 59, 59, 999_999_999)))
                .isEqualTo("31122025T235959+0999");
        assertThat(VdxpClientSigner.timestamp(LocalDateTime.of(2025, 7, 1, 0, 0)))
                .isEqualTo("01072025T000000+0000");
    }

    @Test
    void escapesLikeGsonWithoutHtmlEscaping() {
        assertThat(VdxpClientSigner.gsonString("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(VdxpClientSigner.gsonString("\t\b\n\r\f")).isEqualTo("\"\\t\\b\\n\\r\\f\"");
        assertThat(VdxpClientSigner.gsonString("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(VdxpClientSigner.gsonString("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
        assertThat(VdxpClientSigner.gsonString("<a href='x'>&=</a> \u007f /")).isEqualTo("\"<a href='x'>&=</a> \u007f /\"");
        assertThat(VdxpClientSigner.gsonString("Hải Phòng 🇻🇳")).isEqualTo("\"Hải Phòng 🇻🇳\"");
    }

    @Test
    void toKeepsItsJsonQuotesAsTheSdkSendsThem() {
        LinkedHashMap<String, String> logical = new LinkedHashMap<>();
        logical.put("systemid", "vxp.demo.01");
        logical.put("to", "\"000.00.00.H41\"");
        LinkedHashMap<String, String> wire = new VdxpClientSigner("k").sign(logical);
        assertThat(wire.get("XroadVnpt-to")).isEqualTo("\"000.00.00.H41\"");
        assertThat(wire.get("XroadVnpt-sign-header"))
                .isEqualTo("{\"XroadVnpt-systemid\":\"vxp.demo.01\",\"XroadVnpt-to\":\"\\\"000.00.00.H41\\\"\"}");
        assertThat(wire).doesNotContainKey("Content-Type");
    }

    @Test
    void refusesAnEmptySecretOrNullValues() {
        assertThatThrownBy(() -> new VdxpClientSigner("")).isInstanceOf(IllegalArgumentException.class);
        LinkedHashMap<String, String> logical = new LinkedHashMap<>();
        logical.put("systemid", null);
        assertThatThrownBy(() -> new VdxpClientSigner("k").sign(logical)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("systemid");
    }
}
