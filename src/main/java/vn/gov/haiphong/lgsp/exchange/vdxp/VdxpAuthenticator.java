package vn.gov.haiphong.lgsp.exchange.vdxp;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryService;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpRequest;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpSignature;
import vn.gov.haiphong.lgsp.security.vdxp.VdxpSignatureException;

/**
 * Authenticates a VDXP call by its XroadVnpt HMAC headers alone (VDXP.md §2): the secret is the
 * registry's for the claimed systemid; unknown systems, systems without a secret, disabled
 * systems and systems not registered for VDXP REST are refused. Parameters come only from the
 * verified signed JSON.
 */
@Component
class VdxpAuthenticator {

    /** Headers read to verify: a second, different value of one of them is refused as ambiguous. */
    private static final List<String> SIGNATURE_HEADERS = List.of(VdxpSignature.SYSTEMID_HEADER,
            VdxpSignature.SIGN_HEADER, VdxpSignature.HASH_HEADER);

    private final AgencyResolver resolver;
    private final RegistryService registry;

    VdxpAuthenticator(AgencyResolver resolver, RegistryService registry) {
        this.resolver = resolver;
        this.registry = registry;
    }

    /**
     * @throws VdxpSignatureException when the headers are missing, ambiguous or do not verify
     * @throws LgspException          EXC-301 unknown system, EXC-302 disabled, EXC-303 not a VDXP client
     */
    VdxpCaller authenticate(HttpServletRequest http) {
        Map<String, String> headers = headers(http);
        String systemId = VdxpSignature.claimedSystemId(headers).orElseThrow(() -> new VdxpSignatureException(
                ErrorCode.VDXP_MISSING_HEADER, "header " + VdxpSignature.SYSTEMID_HEADER + " is missing"));
        ConnectedSystem system = resolver.snapshot().system(systemId).orElseThrow(() -> new LgspException(
                ErrorCode.EXCHANGE_UNKNOWN_SYSTEM, "No connected system '" + VdxpController.printable(systemId) + "'"));
        String secret = registry.secretOf(system);
        if (secret == null || secret.isEmpty()) {
            throw new LgspException(ErrorCode.EXCHANGE_UNKNOWN_SYSTEM,
                    "Connected system '" + systemId + "' has no secret to verify its calls with");
        }
        VdxpRequest request = verify(headers, secret);
        if (!system.enabled()) {
            throw new LgspException(ErrorCode.EXCHANGE_SYSTEM_DISABLED, "Connected system '" + systemId + "' is disabled");
        }
        if (!system.protocols().contains(Protocol.VDXP_REST)) {
            throw new LgspException(ErrorCode.EXCHANGE_PROTOCOL_NOT_ALLOWED,
                    "Connected system '" + systemId + "' is not registered for VDXP_REST");
        }
        return new VdxpCaller(system, request);
    }

    /**
     * Tomcat reads header bytes as ISO-8859-1. A client that sent the signed JSON's non-ASCII
     * characters as UTF-8 (HttpURLConnection, or HttpClient without an explicit port) signed the
     * UTF-8 text, so when the header as read does not verify it is tried once more re-decoded as
     * UTF-8 (VDXP.md §2: only ASCII is reliably signable).
     */
    private static VdxpRequest verify(Map<String, String> headers, String secret) {
        try {
            return VdxpSignature.verify(headers, secret);
        } catch (VdxpSignatureException e) {
            if (e.error() != ErrorCode.VDXP_BAD_SIGNATURE) {
                throw e;
            }
            Optional<Map<String, String>> utf8 = reDecodedAsUtf8(headers);
            if (utf8.isEmpty()) {
                throw e;
            }
            return VdxpSignature.verify(utf8.get(), secret);
        }
    }

    private static Optional<Map<String, String>> reDecodedAsUtf8(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        boolean changed = false;
        for (Map.Entry<String, String> header : copy.entrySet()) {
            if (!header.getKey().equalsIgnoreCase(VdxpSignature.SIGN_HEADER)) {
                continue;
            }
            String value = header.getValue();
            if (value.chars().allMatch(c -> c < 0x80) || value.chars().anyMatch(c -> c > 0xFF)) {
                continue;
            }
            try {
                header.setValue(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString());
                changed = true;
            } catch (CharacterCodingException notUtf8) {
                return Optional.empty();
            }
        }
        return changed ? Optional.of(copy) : Optional.empty();
    }

    /** Every header with its first value; two different values of a signature header are refused. */
    private static Map<String, String> headers(HttpServletRequest http) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            List<String> values = new ArrayList<>(Collections.list(http.getHeaders(name)));
            if (values.isEmpty()) {
                continue;
            }
            boolean signatureHeader = SIGNATURE_HEADERS.stream().anyMatch(name::equalsIgnoreCase);
            if (signatureHeader && values.stream().distinct().count() > 1) {
                throw new VdxpSignatureException(ErrorCode.VDXP_AMBIGUOUS_HEADER,
                        "header " + name + " is present twice with different values");
            }
            headers.putIfAbsent(name, values.get(0));
        }
        return headers;
    }
}
