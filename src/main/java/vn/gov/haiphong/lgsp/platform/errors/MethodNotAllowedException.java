package vn.gov.haiphong.lgsp.platform.errors;

import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * {@code LGSP-405} for a method this resource does not take in the platform's current setting
 * (not in general, which Spring MVC answers itself): the answer names what it does take, as
 * RFC 9110 asks of a 405, in its {@code Allow} header.
 */
public class MethodNotAllowedException extends LgspException {

    private final transient Set<HttpMethod> allowed;

    public MethodNotAllowedException(String detail, Set<HttpMethod> allowed) {
        super(ErrorCode.METHOD_NOT_ALLOWED, detail);
        this.allowed = Set.copyOf(allowed);
    }

    public Set<HttpMethod> allowed() {
        return allowed;
    }
}
