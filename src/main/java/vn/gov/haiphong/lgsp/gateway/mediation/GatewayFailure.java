package vn.gov.haiphong.lgsp.gateway.mediation;

import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;

/** A refusal or failure on the gateway's message path, optionally telling when to retry. */
public class GatewayFailure extends LgspException {

    private final long retryAfterSeconds;

    public GatewayFailure(ErrorCode error, String detail) {
        this(error, detail, 0);
    }

    public GatewayFailure(ErrorCode error, String detail, long retryAfterSeconds) {
        super(error, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 0 when the answer carries no Retry-After. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
