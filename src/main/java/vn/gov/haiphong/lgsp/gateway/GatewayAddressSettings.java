package vn.gov.haiphong.lgsp.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's address as clients reach it ({@code lgsp.gateway.public-url}), written into every
 * address it publishes: listServices, WSDL and OpenAPI descriptions. Never taken from a request's
 * Host header, which the caller writes. A deployment behind a proxy must name it: the prod
 * profile lists it among its required settings (platform.RequiredSettings).
 *
 * @param publicUrl absolute http(s) URL, without query or fragment; unset = this server's own address
 */
@ConfigurationProperties("lgsp.gateway")
public record GatewayAddressSettings(String publicUrl) {

    public GatewayAddressSettings {
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        if (!publicUrl.isEmpty()) {
            checkAbsolute(publicUrl);
        }
    }

    private static void checkAbsolute(String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL without query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("lgsp.gateway.public-url must be an absolute http(s) URL without query "
                    + "or fragment, e.g. https://lgsp.haiphong.gov.vn; got " + url);
        }
    }
}
