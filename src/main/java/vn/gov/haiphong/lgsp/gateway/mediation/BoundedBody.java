package vn.gov.haiphong.lgsp.gateway.mediation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A message body read whole, within a limit: the client's request and the provider's answer
 * alike. A declared length (already checked against the limit by the caller) is read straight
 * into an array of that size, and an empty body costs nothing: most gateway calls are GETs with
 * small answers, and the copy buffers were a tenth of a call's garbage.
 */
final class BoundedBody {

    private static final byte[] EMPTY = new byte[0];

    private BoundedBody() {
    }

    /**
     * The body of {@code in}: {@code declared} bytes (HTTP framing ends the stream there), or, when
     * the length is not declared (-1, chunked), all of it, refused with {@code tooLarge} past {@code max}.
     */
    static byte[] read(InputStream in, long declared, long max, Supplier<GatewayFailure> tooLarge) throws IOException {
        if (declared == 0) {
            return EMPTY;
        }
        if (declared > 0 && declared <= max) {
            return in.readNBytes((int) declared);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > max) {
                throw tooLarge.get();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
