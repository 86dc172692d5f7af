package vn.gov.haiphong.lgsp.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which required settings are missing, as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
public class RequiredSettingsFailureAnalyzer extends AbstractFailureAnalyzer<RequiredSettings.MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RequiredSettings.MissingSettingsException cause) {
        return new FailureAnalysis(
                "These required settings are not set: " + String.join(", ", cause.missing()) + ".",
                "Set each of them (as an environment variable, or in etc/config/application-{profile}.yml) "
                        + "and start again. docs/reference/configuration.md says what each one is.",
                cause);
    }
}
