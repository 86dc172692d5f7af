package vn.gov.haiphong.lgsp.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * The settings a profile cannot run without ({@code lgsp.required-settings}; the prod profile lists
 * its database, brokers, master key, operator password and public URL), checked once the
 * configuration files are read and before anything starts: a start without them stops at once,
 * naming every one missing and the environment variable that sets it, instead of failing later
 * on the first one, or running on a default that does not belong in production.
 */
public class RequiredSettings implements EnvironmentPostProcessor, Ordered {

    static final String LIST = "lgsp.required-settings";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    /** Thrown when required settings are unset; {@link RequiredSettingsFailureAnalyzer} words it for the operator. */
    public static final class MissingSettingsException extends IllegalStateException {

        private final List<String> missing;

        MissingSettingsException(List<String> missing) {
            super("Required settings are not set: " + String.join(", ", missing));
            this.missing = List.copyOf(missing);
        }

        public List<String> missing() {
            return missing;
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        List<String> required = Binder.get(env).bind(LIST, Bindable.listOf(String.class)).orElse(List.of());
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            if (!StringUtils.hasText(valueOf(env, name))) {
                missing.add(variableOf(env, name).map(variable -> variable + " (" + name + ")").orElse(name));
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    private static String valueOf(ConfigurableEnvironment env, String name) {
        try {
            return env.getProperty(name);
        } catch (IllegalArgumentException unresolvable) {
            return null; // a ${VARIABLE} without a default and without a value
        }
    }

    /** The environment variable the configuration reads the setting from, e.g. LGSP_DB_URL. */
    private static Optional<String> variableOf(ConfigurableEnvironment env, String name) {
        for (PropertySource<?> source : env.getPropertySources()) {
            Object raw = source.getProperty(name);
            if (raw != null) {
                Matcher variable = VARIABLE.matcher(raw.toString());
                return variable.find() ? Optional.of(variable.group(1)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public int getOrder() {
        // After the configuration files are read; before PlatformEnvironment starts anything.
        return Ordered.LOWEST_PRECEDENCE - 20;
    }
}
