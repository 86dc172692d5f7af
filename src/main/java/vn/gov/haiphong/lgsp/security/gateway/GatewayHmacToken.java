package vn.gov.haiphong.lgsp.security.gateway;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** The signed parts of a gateway request, before they are verified. */
public class GatewayHmacToken extends AbstractAuthenticationToken {

    private final String method;
    private final String path;
    private final String query;
    private final String systemId;
    private final String timestamp;
    private final String nonce;
    private final String contentSha256;
    private final String signature;

    public GatewayHmacToken(String method, String path, String query, String systemId, String timestamp, String nonce,
                            String contentSha256, String signature) {
        super(List.of());
        this.method = method;
        this.path = path;
        this.query = query;
        this.systemId = systemId;
        this.timestamp = timestamp;
        this.nonce = nonce;
        this.contentSha256 = contentSha256;
        this.signature = signature;
        setAuthenticated(false);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String query() {
        return query;
    }

    public String systemId() {
        return systemId;
    }

    public String timestamp() {
        return timestamp;
    }

    public String nonce() {
        return nonce;
    }

    public String contentSha256() {
        return contentSha256;
    }

    public String signature() {
        return signature;
    }

    @Override
    public Object getCredentials() {
        return signature;
    }

    @Override
    public Object getPrincipal() {
        return systemId;
    }
}
