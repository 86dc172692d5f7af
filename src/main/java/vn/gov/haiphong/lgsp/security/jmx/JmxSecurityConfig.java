package vn.gov.haiphong.lgsp.security.jmx;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;

/**
 * Jolokia's access policy and its audit. The Jolokia servlet of the Spring Boot support takes
 * every {@link org.jolokia.server.core.service.api.Restrictor} bean of the context as its
 * restrictor, so the policy needs no other wiring.
 */
@Configuration
public class JmxSecurityConfig {

    @Bean
    JmxAccessPolicy jmxAccessPolicy() {
        return new JmxAccessPolicy();
    }

    /**
     * Hawtio's RBAC view of the policy, registered by hand: as a bean of its own type Spring's
     * MBean exporter would register it a second time under another name.
     */
    @Bean
    DisposableBean hawtioAccessView(JmxAccessPolicy policy) throws Exception {
        HawtioAccessView view = new HawtioAccessView(policy);
        view.init();
        return view::destroy;
    }

    /** After Spring Security, which has authenticated the caller and checked its role and CSRF token. */
    @Bean
    FilterRegistrationBean<JmxAuditFilter> jmxAuditFilter(JmxAccessPolicy policy, MessageLog messageLog, ObjectMapper json) {
        FilterRegistrationBean<JmxAuditFilter> registration =
                new FilterRegistrationBean<>(new JmxAuditFilter(policy, messageLog, json));
        registration.addUrlPatterns("/actuator/jolokia/*", "/actuator/jolokia", "/actuator/hawtio/jolokia/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
