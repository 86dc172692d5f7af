package vn.gov.haiphong.lgsp.security.gateway;

import org.springframework.security.core.AuthenticationException;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/** A refused gateway authentication, with the catalogue code the client is told. */
public class GatewayAuthenticationException extends AuthenticationException {

    private final transient ErrorCode error;
    private final String systemId;

    public GatewayAuthenticationException(ErrorCode error, String detail, String systemId) {
        super(detail);
        this.error = error;
        this.systemId = systemId;
    }

    public ErrorCode error() {
        return error;
    }

    /** The system the request claimed to come from (may be unknown or null). */
    public String systemId() {
        return systemId;
    }
}
