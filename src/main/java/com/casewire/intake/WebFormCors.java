package com.casewire.intake;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for {@code POST /intake/web-form} only: firms embed the form on their own website, so a browser on the firm's
 * domain posts it cross-origin (a JSON body needs a preflight). Origins come from {@code hub.intake.web-form-origins};
 * an allowed origin is answered with itself in {@code Access-Control-Allow-Origin} (never {@code *}, no credentials),
 * another origin with 403 before the form is read. With the list empty no CORS headers are sent at all, so browsers
 * keep the form same-origin; server-side posts (no {@code Origin}) are not affected either way.
 */
@Configuration(proxyBeanMethods = false)
class WebFormCors implements WebMvcConfigurer {

    static final String PATH = "/intake/web-form";

    private final List<String> origins;

    WebFormCors(IntakeProperties settings) {
        this.origins = settings.webFormOriginList();
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (origins.isEmpty()) {
            return;
        }
        registry.addMapping(PATH)
                .allowedOrigins(origins.toArray(String[]::new))
                .allowedMethods("POST")
                .allowedHeaders("Content-Type")
                .allowCredentials(false)
                .maxAge(1800);
    }
}
