package vn.gov.haiphong.lgsp.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import vn.gov.haiphong.lgsp.platform.PublicUrl;

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
        publicUrl = PublicUrl.normalise("lgsp.gateway.public-url", publicUrl);
    }
}
