package vn.gov.haiphong.lgsp.gateway.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vn.gov.haiphong.lgsp.PlatformTestSupport;

/**
 * The platform's observation registry leaves gateway message-path calls to lgsp_gateway_calls:
 * no generic HTTP or Spring Security observation for them; every other request is observed as before.
 */
class GatewayCallObservationsTest extends PlatformTestSupport {

    @Autowired
    ObservationRegistry observations;

    private boolean observed(String name, MockHttpServletRequest request) {
        ServerRequestObservationContext server = new ServerRequestObservationContext(request, new MockHttpServletResponse());
        boolean http = !Observation.createNotStarted("http.server.requests", () -> server, observations).isNoop();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            boolean security = !Observation.createNotStarted(name, Observation.Context::new, observations).isNoop();
            assertThat(security).as("HTTP and security observations agree for %s", request.getRequestURI()).isEqualTo(http);
            return security;
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void gatewayCallsAreObservedOnlyAsGatewayCalls() {
        assertThat(observed("spring.security.filterchains", new MockHttpServletRequest("GET", "/gw/r1/demo.opendata/units"))).isFalse();
        assertThat(observed("spring.security.filterchains", new MockHttpServletRequest("POST", "/gw/soap/soap.donvi"))).isFalse();
        assertThat(observed("spring.security.filterchains", new MockHttpServletRequest("GET", "/gw/meta/listServices"))).isTrue();
        assertThat(observed("spring.security.filterchains", new MockHttpServletRequest("POST", "/vdxp/sendEdoc"))).isTrue();
        assertThat(observed("spring.security.authentications", new MockHttpServletRequest("GET", "/api/admin/agencies"))).isTrue();
        // Observations outside a request are untouched.
        assertThat(Observation.createNotStarted("spring.security.authentications", Observation.Context::new, observations)
                .isNoop()).isFalse();
    }
}
