package vn.gov.haiphong.lgsp.gateway.mediation;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.gov.haiphong.lgsp.gateway.GatewayAudit;
import vn.gov.haiphong.lgsp.gateway.GatewayCatalog;
import vn.gov.haiphong.lgsp.gateway.ServiceDescriptions;
import vn.gov.haiphong.lgsp.gateway.routing.GatewayRoutes;

/** Mounts the gateway's message path beside Spring MVC (which keeps /gw/meta). */
@Configuration
public class GatewayServletConfig {

    @Bean
    ServletRegistrationBean<GatewayServlet> gatewayServlet(GatewayCatalog catalog, UpstreamClient upstream,
                                                           ClientRateLimiter rates, GatewayRefusals refusals,
                                                           GatewayAudit audit, GatewayRoutes routes,
                                                           ServiceDescriptions descriptions) {
        ServletRegistrationBean<GatewayServlet> registration = new ServletRegistrationBean<>(
                new GatewayServlet(catalog, upstream, rates, refusals, audit, routes, descriptions), "/gw/r1/*", "/gw/soap/*");
        registration.setName("lgspGateway");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
