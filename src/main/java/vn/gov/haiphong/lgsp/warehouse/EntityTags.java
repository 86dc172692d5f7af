package vn.gov.haiphong.lgsp.warehouse;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.gov.haiphong.lgsp.platform.Sha256;

/**
 * Strong ETags over the exact bytes of an answer, so a client's If-None-Match gets 304 exactly
 * when it would receive the same bytes again (any change of row, version or selection changes it).
 */
final class EntityTags {

    private EntityTags() {
    }

    static String of(byte[] body) {
        return "\"" + HexFormat.of().formatHex(Sha256.of(body), 0, 16) + "\"";
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** 200 with the body and its ETag, or 304 with only the ETag (and the same caching headers). */
    static ResponseEntity<byte[]> answer(byte[] body, MediaType type, String ifNoneMatch, String cacheControl) {
        String etag = of(body);
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.set(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (matches(ifNoneMatch, etag)) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        headers.setContentType(type);
        return new ResponseEntity<>(body, headers, HttpStatus.OK);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
