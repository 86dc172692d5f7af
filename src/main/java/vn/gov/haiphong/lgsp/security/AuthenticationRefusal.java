package vn.gov.haiphong.lgsp.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import vn.gov.haiphong.lgsp.platform.errors.DatabaseOutage;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;

/**
 * The API chains' answer to a login that did not succeed: {@code code} (401), or 503
 * {@code LGSP-503} when the credentials could not be checked at all because the database is
 * unreachable. Those are not wrong credentials: the client should retry, and the
 * {@link LoginThrottle}, which counts 401s, does not count them.
 */
public final class AuthenticationRefusal {

    private AuthenticationRefusal() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
                             AuthenticationException e, ErrorCode code, String detail) throws IOException {
        if (!DatabaseOutage.refuse(response, json, e, "Login at " + request.getRequestURI())) {
            ProblemJson.write(response, json, code, detail);
        }
    }
}
