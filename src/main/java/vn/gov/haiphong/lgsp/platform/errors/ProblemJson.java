package vn.gov.haiphong.lgsp.platform.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Renders a catalogue entry as RFC 9457 problem+json, the REST form of every refusal. */
public final class ProblemJson {

    private ProblemJson() {
    }

    public static ProblemDetail of(ErrorCode error, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.status(), detail == null ? error.title() : detail);
        problem.setTitle(error.title());
        problem.setType(URI.create("urn:lgsp:error:" + error.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", error.code());
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** For filters (security entry points) that answer before any controller runs. */
    public static void write(HttpServletResponse response, ObjectMapper json, ErrorCode error, String detail)
            throws IOException {
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), of(error, detail, Map.of()));
    }
}
