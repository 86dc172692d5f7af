package vn.gov.haiphong.lgsp.platform.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every REST refusal leaves as problem+json with a catalogue code; never a stack trace. */
@RestControllerAdvice
public class ProblemJsonAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemJsonAdvice.class);

    @ExceptionHandler(LgspException.class)
    ProblemDetail refused(LgspException e) {
        return ProblemJson.of(e.error(), e.getMessage(), e.properties());
    }

    @ExceptionHandler(MethodNotAllowedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowedHere(MethodNotAllowedException e) {
        return withAllow(ProblemJson.of(e.error(), e.getMessage(), e.properties()), e.allowed());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        e.getBindingResult().getFieldErrors().forEach(f -> fields.put(f.getField(), f.getDefaultMessage()));
        return ProblemJson.of(ErrorCode.VALIDATION_FAILED, "Invalid fields: " + fields.keySet(), Map.of("fields", fields));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class, ConstraintViolationException.class})
    ProblemDetail unreadable(Exception e) {
        if (bodyTooLarge(e)) {
            return ProblemJson.of(ErrorCode.PAYLOAD_TOO_LARGE, null, Map.of());
        }
        String detail = e instanceof HttpMessageNotReadableException
                ? "The request body is not readable JSON of the expected shape"
                : e.getMessage();
        return ProblemJson.of(ErrorCode.VALIDATION_FAILED, detail, Map.of());
    }

    /** A body cut off by RequestSizeLimitFilter surfaces wrapped in whatever was reading it. */
    private static boolean bodyTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof vn.gov.haiphong.lgsp.platform.RequestSizeLimitFilter.BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        Set<HttpMethod> allowed = e.getSupportedHttpMethods();
        return withAllow(ProblemJson.of(ErrorCode.METHOD_NOT_ALLOWED, e.getMessage(), Map.of()),
                allowed == null ? Set.of() : allowed);
    }

    /** A 405 names the methods the resource takes (RFC 9110 section 15.5.6), even when there are none. */
    private static ResponseEntity<ProblemDetail> withAllow(ProblemDetail problem, Set<HttpMethod> allowed) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAllow(allowed);
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return ProblemJson.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), Map.of());
    }

    /** Spring writes a ProblemDetail as problem+json even when Accept does not list it. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ProblemDetail notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ProblemJson.of(ErrorCode.NOT_ACCEPTABLE, "Accept one of " + e.getSupportedMediaTypes(), Map.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        return ProblemJson.of(ErrorCode.PAYLOAD_TOO_LARGE, null, Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail notFound(NoResourceFoundException e) {
        return ProblemJson.of(ErrorCode.NOT_FOUND, null, Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (bodyTooLarge(e)) {
            return ResponseEntity.status(ErrorCode.PAYLOAD_TOO_LARGE.status())
                    .body(ProblemJson.of(ErrorCode.PAYLOAD_TOO_LARGE, null, Map.of()));
        }
        if (DatabaseOutage.caused(e)) {
            DatabaseOutage.logRefusal(request.getMethod() + " " + request.getRequestURI(), e);
            return ResponseEntity.status(ErrorCode.DATABASE_UNAVAILABLE.status())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER.toSeconds()))
                    .body(ProblemJson.of(ErrorCode.DATABASE_UNAVAILABLE, null, Map.of()));
        }
        String incident = java.util.UUID.randomUUID().toString();
        log.error("Unhandled error, incident {}", incident, e);
        return ResponseEntity.status(ErrorCode.INTERNAL.status())
                .body(ProblemJson.of(ErrorCode.INTERNAL, "Incident " + incident, Map.of("incident", incident)));
    }
}
