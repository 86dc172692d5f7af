package vn.gov.haiphong.lgsp.gateway.mediation;

import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.handler.MatchableHandlerMapping;
import org.springframework.web.servlet.handler.RequestMatchResult;
import vn.gov.haiphong.lgsp.gateway.GatewayAudit;
import vn.gov.haiphong.lgsp.gateway.GatewayCatalog;
import vn.gov.haiphong.lgsp.gateway.ServiceDescriptions;
import vn.gov.haiphong.lgsp.gateway.routing.GatewayRoutes;

/** Mounts the gateway's message path beside Spring MVC (which keeps /gw/meta). */
@Configuration
public class GatewayServletConfig {

    static final String SERVLET_NAME = "lgspGateway";

    @Bean
    ServletRegistrationBean<GatewayServlet> gatewayServlet(GatewayCatalog catalog, UpstreamClient upstream,
                                                           ClientRateLimiter rates, GatewayRefusals refusals,
                                                           GatewayAudit audit, GatewayRoutes routes,
                                                           ServiceDescriptions descriptions) {
        ServletRegistrationBean<GatewayServlet> registration = new ServletRegistrationBean<>(
                new GatewayServlet(catalog, upstream, rates, refusals, audit, routes, descriptions), "/gw/r1/*", "/gw/soap/*");
        registration.setName(SERVLET_NAME);
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * A gateway call is measured once, by {@code lgsp_gateway_calls} (per service, client, status
     * and outcome: see GatewayAudit), not again by the generic {@code http.server.requests} and
     * Spring Security filter-chain observations: those said less (one URI pattern for every
     * service), and cost about a tenth of a call's request-thread time (docs/performance.md).
     * Spring Security runs inside Spring's RequestContextFilter, so its observations find the
     * request through RequestContextHolder.
     */
    @Bean
    ObservationPredicate gatewayCallsObservedOnce() {
        return (name, context) -> {
            if (context instanceof ServerRequestObservationContext server) {
                return !isGatewayCall(server.getCarrier());
            }
            if (name.startsWith("spring.security.")
                    && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                return !isGatewayCall(attributes.getRequest());
            }
            return true;
        };
    }

    /** A call on the gateway's message path ({@link GatewayServlet}; /gw/meta is Spring MVC's, observed as usual). */
    static boolean isGatewayCall(HttpServletRequest request) {
        if (request == null) {
            return false;
        }
        String uri = request.getRequestURI();
        return uri.startsWith(GatewayServlet.REST_PREFIX) || uri.startsWith(GatewayServlet.SOAP_PREFIX);
    }

    /**
     * Answers Spring MVC's HandlerMappingIntrospector at once for requests of the gateway servlet.
     * Spring Security has it look up the MVC handler of every request; for a request no controller
     * serves, that lookup tried every request mapping of the platform and then explained the
     * miss, about a fifth of a gateway call's request-thread time (docs/performance.md). Such
     * requests never reach the DispatcherServlet, so the handler only says "not here" should one
     * ever be forwarded to it.
     */
    @Bean
    HandlerMapping gatewayServletRequestsMapping() {
        GatewayServletRequests mapping = new GatewayServletRequests();
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    /** Matchable, as Spring Security's MVC request matchers require of the mapping that answers. */
    static final class GatewayServletRequests extends AbstractHandlerMapping implements MatchableHandlerMapping {

        private final HttpRequestHandler notHere = (request, response) -> response.sendError(HttpServletResponse.SC_NOT_FOUND);

        @Override
        protected Object getHandlerInternal(HttpServletRequest request) {
            HttpServletMapping servlet = request.getHttpServletMapping();
            return servlet != null && SERVLET_NAME.equals(servlet.getServletName()) ? notHere : null;
        }

        @Override
        public RequestMatchResult match(HttpServletRequest request, String pattern) {
            return null;
        }
    }
}
