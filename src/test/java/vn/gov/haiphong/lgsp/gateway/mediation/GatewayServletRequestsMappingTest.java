package vn.gov.haiphong.lgsp.gateway.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.MappingMatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import vn.gov.haiphong.lgsp.PlatformTestSupport;

/**
 * Spring Security asks Spring MVC's HandlerMappingIntrospector about every request; for the
 * gateway servlet's requests the first handler mapping answers, and MVC requests are unaffected.
 */
class GatewayServletRequestsMappingTest extends PlatformTestSupport {

    @Autowired
    HandlerMappingIntrospector introspector;

    @Test
    void gatewayServletRequestsAreAnsweredFirstAndMvcRequestsAsBefore() throws Exception {
        MockHttpServletRequest gateway = new MockHttpServletRequest("GET", "/gw/r1/demo.opendata/administrative-units");
        gateway.setServletPath("/gw/r1");
        gateway.setPathInfo("/demo.opendata/administrative-units");
        gateway.setHttpServletMapping(new MockHttpServletMapping("demo.opendata/administrative-units", "/gw/r1/*",
                GatewayServletConfig.SERVLET_NAME, MappingMatch.PATH));
        HandlerMapping first = introspector.getHandlerMappings().get(0);
        assertThat(first).isInstanceOf(GatewayServletConfig.GatewayServletRequests.class);
        assertThat(first.getHandler(gateway)).isNotNull();
        // What Spring Security's MVC matchers ask: answered (from that first mapping), no exception.
        assertThat(introspector.getMatchableHandlerMapping(gateway)).isNotNull();

        MockHttpServletRequest metadata = new MockHttpServletRequest("GET", "/gw/meta/listServices");
        metadata.setHttpServletMapping(new MockHttpServletMapping("", "/", "dispatcherServlet", MappingMatch.DEFAULT));
        HandlerExecutionChain mvc = introspector.getHandlerMappings().stream()
                .filter(m -> !(m instanceof GatewayServletConfig.GatewayServletRequests))
                .map(m -> {
                    try {
                        return m.getHandler(metadata);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(chain -> chain != null).findFirst().orElseThrow();
        assertThat(mvc.getHandler().toString()).contains("GatewayMetadataController");
        assertThat(first.getHandler(metadata)).isNull();
    }
}
