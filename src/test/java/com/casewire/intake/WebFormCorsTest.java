package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestHubProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;

/** hub.intake.web-form-origins: empty means no CORS at all; set, exactly those origins and only for the web form. */
class WebFormCorsTest {

    static final class Registry extends CorsRegistry {
        Map<String, CorsConfiguration> mappings() {
            return getCorsConfigurations();
        }
    }

    static Map<String, CorsConfiguration> mappings(Map<String, String> properties) {
        Registry registry = new Registry();
        new WebFormCors(TestHubProperties.with(properties).intake()).addCorsMappings(registry);
        return registry.mappings();
    }

    @Test
    void noOriginsConfiguredMeansNoCorsMapping() {
        assertThat(mappings(Map.of())).isEmpty();
        assertThat(mappings(Map.of("hub.intake.web-form-origins", ""))).isEmpty();
    }

    @Test
    void configuredOriginsAreAllowedForTheWebFormOnlyAndNothingElseIs() {
        Map<String, CorsConfiguration> mappings = mappings(Map.of("hub.intake.web-form-origins",
                "https://www.firm.example, https://firm.example/"));

        assertThat(mappings).containsOnlyKeys("/intake/web-form");
        CorsConfiguration cors = mappings.get("/intake/web-form");
        assertThat(cors.checkOrigin("https://www.firm.example")).isEqualTo("https://www.firm.example");
        assertThat(cors.checkOrigin("https://firm.example")).isEqualTo("https://firm.example");
        assertThat(cors.checkOrigin("https://evil.example")).isNull();
        assertThat(cors.checkOrigin("http://www.firm.example")).as("another scheme is another origin").isNull();
        assertThat(cors.checkHttpMethod(HttpMethod.POST)).isNotNull();
        assertThat(cors.checkHttpMethod(HttpMethod.DELETE)).isNull();
        assertThat(cors.getAllowCredentials()).isFalse();
    }

    @Test
    void originsMustBeSchemeHostAndPort() {
        IntakeProperties ok = TestHubProperties.with(Map.of("hub.intake.web-form-origins",
                "https://www.firm.example,http://localhost:8081")).intake();
        assertThat(ok.isWebFormOriginsValid()).isTrue();
        for (String bad : new String[] {"*", "https://*.firm.example", "www.firm.example", "https://firm.example/contact"}) {
            assertThat(TestHubProperties.with(Map.of("hub.intake.web-form-origins", bad)).intake().isWebFormOriginsValid())
                    .as(bad).isFalse();
        }
    }
}
