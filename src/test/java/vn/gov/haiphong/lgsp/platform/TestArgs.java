package vn.gov.haiphong.lgsp.platform;

import java.util.Map;

/** Settings for a platform started inside a test, as command-line arguments (highest precedence). */
final class TestArgs {

    private TestArgs() {
    }

    static String[] of(Map<String, ?> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
