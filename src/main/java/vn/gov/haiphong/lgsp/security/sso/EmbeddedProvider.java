package vn.gov.haiphong.lgsp.security.sso;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when no external issuer is configured: the embedded OIDC provider runs. */
public class EmbeddedProvider implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String external = context.getEnvironment().getProperty("lgsp.security.oidc.issuer-uri");
        return external == null || external.isBlank();
    }
}
