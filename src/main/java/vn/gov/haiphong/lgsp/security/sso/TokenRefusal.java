package vn.gov.haiphong.lgsp.security.sso;

import org.springframework.security.core.AuthenticationException;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;

/** A bearer token refused, with the catalogue code its problem+json answer carries. */
public class TokenRefusal extends AuthenticationException {

    private final transient ErrorCode error;

    public TokenRefusal(ErrorCode error, String detail) {
        super(detail);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }
}
