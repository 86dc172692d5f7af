package vn.gov.haiphong.lgsp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.FileSystemResource;

/** The gateway's public address as the shipped profiles bind it (the real files in the jar), without starting a context. */
class GatewayAddressSettingsTest {

    /** Unset, it is refused by the prod profile's required settings (platform.RequiredSettingsTest). */
    @Test
    void theProdProfileTakesOnlyAnAbsoluteHttpUrl() throws IOException {
        assertThatThrownBy(() -> bind("src/main/resources/application-prod.yml",
                Map.of("LGSP_GATEWAY_PUBLIC_URL", "lgsp.haiphong.gov.vn")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> bind("src/main/resources/application-prod.yml",
                Map.of("LGSP_GATEWAY_PUBLIC_URL", "https://lgsp.haiphong.gov.vn/?x=1")))
                .isInstanceOf(BindException.class);
        assertThat(bind("src/main/resources/application-prod.yml", Map.of("LGSP_GATEWAY_PUBLIC_URL",
                "https://lgsp.haiphong.gov.vn/")).publicUrl()).isEqualTo("https://lgsp.haiphong.gov.vn");
    }

    @Test
    void theDefaultProfileStartsWithoutOne() throws IOException {
        GatewayAddressSettings settings = bind("src/main/resources/application.yml", Map.of());
        assertThat(settings.publicUrl()).isEmpty();
    }

    private static GatewayAddressSettings bind(String file, Map<String, Object> environment) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("environment", environment));
        new YamlPropertySourceLoader().load(file, new FileSystemResource(file)).forEach(sources::addLast);
        Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources));
        return binder.bindOrCreate("lgsp.gateway", GatewayAddressSettings.class);
    }
}
