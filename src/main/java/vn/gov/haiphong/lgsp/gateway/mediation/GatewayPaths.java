package vn.gov.haiphong.lgsp.gateway.mediation;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/**
 * The rules that keep the gateway from being an open proxy: the path a client adds after the
 * service code is relative to the registered base URL and can never leave it.
 */
public final class GatewayPaths {

    public static final Pattern SERVICE_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private GatewayPaths() {
    }

    /** Refuses dot segments, encoded slashes/backslashes/dots/NULs, "//", ";" and control characters. */
    public static void checkRelativePath(String rawPath) {
        if (rawPath.isEmpty()) {
            return;
        }
        if (rawPath.charAt(0) != '/') {
            throw bad("the path must start with '/'");
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("%00")
                || lower.contains("%25") || rawPath.indexOf('\\') >= 0 || rawPath.indexOf(';') >= 0
                || rawPath.contains("//")) {
            throw bad("encoded slashes, backslashes, dots or percent signs, '//' and ';' are not accepted in the path");
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw bad("control characters, spaces and non-ASCII bytes must be percent-encoded");
            }
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw bad("dot segments ('.', '..') are not accepted");
            }
        }
    }

    /**
     * The upstream address for a checked relative path and raw query: under the registered base,
     * or a refusal. The base was checked at registration (absolute http(s), no query or user info).
     */
    public static URI upstream(String baseUrl, String rawPath, String rawQuery) {
        checkRelativePath(rawPath);
        if (rawQuery != null) {
            for (int i = 0; i < rawQuery.length(); i++) {
                char c = rawQuery.charAt(i);
                if (c <= 0x20 || c >= 0x7f || c == '#') {
                    throw bad("the query must be percent-encoded ASCII");
                }
            }
        }
        URI base = URI.create(baseUrl);
        URI target;
        try {
            target = new URI(baseUrl + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        } catch (java.net.URISyntaxException e) {
            throw bad("the path or query is not a valid URI part");
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (!base.getScheme().equals(target.getScheme()) || !base.getRawAuthority().equals(target.getRawAuthority())
                || target.getRawUserInfo() != null || !(target.getRawPath() == null ? "" : target.getRawPath()).startsWith(basePath)
                || target.getRawFragment() != null) {
            throw bad("the address would leave the service's registered base URL");
        }
        return target;
    }

    private static GatewayFailure bad(String why) {
        return new GatewayFailure(ErrorCode.GW_BAD_PATH, "Path refused: " + why);
    }
}
