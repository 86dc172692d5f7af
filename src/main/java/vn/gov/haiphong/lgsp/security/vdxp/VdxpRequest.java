package vn.gov.haiphong.lgsp.security.vdxp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a verified VDXP request signed: its parameters as read from the signed JSON, never from
 * the unsigned headers.
 *
 * <p>{@link #parameters()} keeps every signed name exactly as sent, in signed order, because the
 * SDK can sign two case variants of one name with different values (its logical headers persist
 * across calls, so {@code docId} from getEdoc and {@code docid} from updateStatus both travel;
 * VDXP.md §2). A case-insensitive map would have to drop one silently. Look names up with
 * {@link #parameter(String)}, which is case-insensitive.
 *
 * @param systemId   the verified system id (signed and equal to the header)
 * @param timestamp  the signed timestamp as sent (ddMMyyyy'T'HHmmss+SSSS), or null; not checked for freshness
 * @param parameters signed names without the {@code XroadVnpt-} prefix, to values, in signed order
 * @param signedKeys the same names in signed order
 */
public record VdxpRequest(String systemId, String timestamp, Map<String, String> parameters, List<String> signedKeys) {

    public VdxpRequest {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        signedKeys = List.copyOf(signedKeys);
    }

    /** The value for a name, case-insensitively; an exact-case match wins over other variants. */
    public Optional<String> parameter(String name) {
        return lookup(parameters, name);
    }

    /** Values of every case variant of a name, in signed order (usually zero or one). */
    public List<String> parameterVariants(String name) {
        return variants(parameters, name);
    }

    static Optional<String> lookup(Map<String, String> parameters, String name) {
        String exact = parameters.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    static List<String> variants(Map<String, String> parameters, String name) {
        List<String> values = new ArrayList<>();
        parameters.forEach((key, value) -> {
            if (key.equalsIgnoreCase(name)) {
                values.add(value);
            }
        });
        return values;
    }

    /** True when case variants of the name carry different values, so the caller must choose. */
    public boolean hasConflictingVariants(String name) {
        return parameterVariants(name).stream().distinct().count() > 1;
    }
}
