package vn.gov.haiphong.lgsp.security.vdxp;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.gov.haiphong.lgsp.security.vdxp.VdxpWorkedExample.HASH;
import static vn.gov.haiphong.lgsp.security.vdxp.VdxpWorkedExample.SECRET;
import static vn.gov.haiphong.lgsp.security.vdxp.VdxpWorkedExample.SIGN_HEADER;
import static vn.gov.haiphong.lgsp.security.vdxp.VdxpWorkedExample.wireHeaders;
import static vn.gov.haiphong.lgsp.security.vdxp.VdxpWorkedExample.with;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class VdxpSignatureTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Map<String, String> headers,
            String secret, ErrorCode error) {
        return assertThatThrownBy(() -> VdxpSignature.verify(headers, secret))
                .isInstanceOfSatisfying(VdxpSignatureException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    /** Headers as our signer would send them for these logical headers, signed with the demo secret. */
    private static LinkedHashMap<String, String> signed(LinkedHashMap<String, String> logical) {
        return new VdxpClientSigner(SECRET).sign(logical);
    }

    @Test
    void acceptsTheWorkedExampleAsPrinted() {
        VdxpRequest request = VdxpSignature.verify(wireHeaders(), SECRET);

        assertThat(request.systemId()).isEqualTo("vxp.demo.01");
        assertThat(request.timestamp()).isEqualTo("15012024T093000+0123");
        assertThat(request.signedKeys())
                .containsExactly("systemid", "servicetype", "messagetype", "timestamp", "Content-Type");
        assertThat(request.parameter("servicetype")).contains("eDoc");
        assertThat(request.parameter("MessageType")).contains("edoc");
        assertThat(request.parameter("content-type")).contains("application/json");
        assertThat(request.parameter("docId")).isEmpty();
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        Map<String, String> lowerCase = new HashMap<>();
        wireHeaders().forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        assertThat(VdxpSignature.verify(lowerCase, SECRET).systemId()).isEqualTo("vxp.demo.01");
        assertThat(VdxpSignature.claimedSystemId(lowerCase)).contains("vxp.demo.01");
    }

    @Test
    void uppercaseHashIsAccepted() {
        Map<String, String> upper = with(wireHeaders(), "XroadVnpt-hash-header", HASH.toUpperCase(Locale.ROOT));
        assertThat(VdxpSignature.verify(upper, SECRET).systemId()).isEqualTo("vxp.demo.01");
    }

    @Test
    void tamperedSignedValueIsRefused() {
        Map<String, String> tampered = with(wireHeaders(), "XroadVnpt-sign-header",
                SIGN_HEADER.replace("\"edoc\"", "\"status\""));
        assertRefused(tampered, SECRET, ErrorCode.VDXP_BAD_SIGNATURE).hasMessageContaining("vxp.demo.01");
    }

    @Test
    void reorderedOrReformattedJsonIsRefusedBecauseBytesAreSigned() {
        Map<String, String> spaced = with(wireHeaders(), "XroadVnpt-sign-header", SIGN_HEADER.replace(",", ", "));
        assertRefused(spaced, SECRET, ErrorCode.VDXP_BAD_SIGNATURE);
    }

    @Test
    void unsignedCopiesAreIgnoredInFavourOfTheSignedJson() {
        Map<String, String> lying = with(wireHeaders(), "XroadVnpt-messagetype", "status");
        assertThat(VdxpSignature.verify(lying, SECRET).parameter("messagetype")).contains("edoc");
    }

    @Test
    void wrongSecretIsRefusedWithoutRevealingTheExpectedHash() {
        assertRefused(wireHeaders(), "s3cr3t-dem0", ErrorCode.VDXP_BAD_SIGNATURE)
                .hasMessageNotContaining(HASH);
        // The secret is used literally: its base64 decoding is not the key.
        assertRefused(wireHeaders(), "czNjcjN0LWRlbW8=", ErrorCode.VDXP_BAD_SIGNATURE);
    }

    @Test
    void truncatedOrMalformedHashIsRefused() {
        assertRefused(with(wireHeaders(), "XroadVnpt-hash-header", HASH.substring(0, 63)), SECRET,
                ErrorCode.VDXP_BAD_SIGNATURE);
        assertRefused(with(wireHeaders(), "XroadVnpt-hash-header", "zz" + HASH.substring(2)), SECRET,
                ErrorCode.VDXP_BAD_SIGNATURE);
    }

    @Test
    void systemIdHeaderMustMatchTheSignedOne() {
        // vxp.demo.01's own secret signs a request claiming, in the JSON, to be another system.
        LinkedHashMap<String, String> logical = VdxpWorkedExample.logicalHeaders();
        logical.put("systemid", "vxp.other.02");
        Map<String, String> headers = with(signed(logical), "XroadVnpt-systemid", "vxp.demo.01");

        assertRefused(headers, SECRET, ErrorCode.VDXP_SYSTEMID_MISMATCH)
                .hasMessageContaining("vxp.other.02").hasMessageContaining("vxp.demo.01");
    }

    @Test
    void everyCaseVariantOfTheSignedSystemIdMustMatch() {
        LinkedHashMap<String, String> logical = VdxpWorkedExample.logicalHeaders();
        logical.put("systemId", "vxp.other.02");
        LinkedHashMap<String, String> headers = signed(logical);
        // As sent, the two plain copies already disagree on the systemid header.
        assertRefused(headers, SECRET, ErrorCode.VDXP_AMBIGUOUS_HEADER);
        // With one systemid header left, the signed variants are compared one by one.
        assertRefused(with(headers, "XroadVnpt-systemId", null), SECRET, ErrorCode.VDXP_SYSTEMID_MISMATCH);
    }

    @Test
    void signedJsonWithoutSystemIdIsRefused() {
        LinkedHashMap<String, String> logical = VdxpWorkedExample.logicalHeaders();
        logical.remove("systemid");
        Map<String, String> headers = with(signed(logical), "XroadVnpt-systemid", "vxp.demo.01");
        assertRefused(headers, SECRET, ErrorCode.VDXP_SYSTEMID_MISMATCH).hasMessageContaining("does not sign");
    }

    @Test
    void missingHeadersAreNamed() {
        for (String header : new String[] {"XroadVnpt-systemid", "XroadVnpt-sign-header", "XroadVnpt-hash-header"}) {
            assertRefused(with(wireHeaders(), header, null), SECRET, ErrorCode.VDXP_MISSING_HEADER)
                    .hasMessageContaining(header);
            assertRefused(with(wireHeaders(), header, ""), SECRET, ErrorCode.VDXP_MISSING_HEADER);
        }
        assertRefused(Map.of(), SECRET, ErrorCode.VDXP_MISSING_HEADER);
        assertThat(VdxpSignature.claimedSystemId(Map.of())).isEmpty();
    }

    @Test
    void signHeaderKeyIsNotNeeded() {
        assertThat(VdxpSignature.verify(with(wireHeaders(), "XroadVnpt-sign-header-key", null), SECRET).signedKeys())
                .hasSize(5);
    }

    @Test
    void conflictingDuplicateHeadersAreRefused() {
        Map<String, String> duplicated = with(wireHeaders(), "xroadvnpt-hash-header", "0".repeat(64));
        assertRefused(duplicated, SECRET, ErrorCode.VDXP_AMBIGUOUS_HEADER);
        Map<String, String> sameValueTwice = with(wireHeaders(), "xroadvnpt-hash-header", HASH);
        assertThat(VdxpSignature.verify(sameValueTwice, SECRET).systemId()).isEqualTo("vxp.demo.01");
    }

    @Test
    void correctlySignedButUnparseableJsonIsRefused() {
        for (String json : new String[] {
            "not json",
            "[\"XroadVnpt-systemid\"]",
            "{\"XroadVnpt-systemid\":\"vxp.demo.01\",\"XroadVnpt-n\":1}",
            "{\"XroadVnpt-systemid\":\"vxp.demo.01\",\"XroadVnpt-a\":\"1\",\"XroadVnpt-a\":\"2\"}",
            "{\"XroadVnpt-systemid\":\"vxp.demo.01\",\"xroadvnpt-a\":\"1\",\"XroadVnpt-a\":\"2\"}",
            "{\"XroadVnpt-systemid\":\"vxp.demo.01\"} trailing",
            "{\"XroadVnpt-systemid\":null}"}) {
            Map<String, String> headers = new HashMap<>();
            headers.put("XroadVnpt-systemid", "vxp.demo.01");
            headers.put("XroadVnpt-sign-header", json);
            headers.put("XroadVnpt-hash-header", new HmacForTests(SECRET).hex(json));
            assertRefused(headers, SECRET, ErrorCode.VDXP_UNPARSEABLE_SIGNED_HEADER).as(json);
        }
    }

    @Test
    void persistedCaseVariantsAreAllKept() {
        // An SDK instance used for getEdoc then updateStatus signs both docId and docid.
        LinkedHashMap<String, String> logical = VdxpWorkedExample.logicalHeaders();
        logical.put("docId", "111");
        logical.put("docid", "222");
        logical.put("status", "done");
        LinkedHashMap<String, String> headers = signed(logical);
        assertThat(headers).containsEntry("XroadVnpt-docId", "111").containsEntry("XroadVnpt-docid", "222");
        VdxpRequest request = VdxpSignature.verify(headers, SECRET);

        assertThat(request.parameter("docId")).contains("111");
        assertThat(request.parameter("docid")).contains("222");
        assertThat(request.parameter("DOCID")).contains("111");
        assertThat(request.parameterVariants("DocId")).containsExactly("111", "222");
        assertThat(request.hasConflictingVariants("docid")).isTrue();
        assertThat(request.hasConflictingVariants("status")).isFalse();
    }

    @Test
    void roundTripKeepsEscapedAndNonAsciiValues() {
        LinkedHashMap<String, String> logical = VdxpWorkedExample.logicalHeaders();
        String awkward = "Hải Phòng \"q\" \\ <&> \u2028 tab\t";
        logical.put("note", awkward);
        logical.put("to", "\"000.00.00.H41\"");
        VdxpRequest request = VdxpSignature.verify(signed(logical), SECRET);
        assertThat(request.parameter("note")).contains(awkward);
        assertThat(request.parameter("to")).contains("\"000.00.00.H41\"");
    }

    @Test
    void emptySecretIsTheCallersMistake() {
        assertThatThrownBy(() -> VdxpSignature.verify(wireHeaders(), "")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A third HMAC, so the unparseable cases do not depend on either class under test. */
    private record HmacForTests(String secret) {
        String hex(String message) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "HmacSHA256"));
                return java.util.HexFormat.of().formatHex(
                        mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
