package com.casewire.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * When a hub process started by a test may take traffic: {@code /actuator/health/readiness} answers 200. That turns
 * only once the Spring context is ready, so after Camel has started its routes, the REST DSL's {@code /api} paths
 * included. Tomcat listens (and {@code /actuator/health} answers, with some components already UP) a few seconds
 * earlier, while every {@code /api} path is still 404.
 */
public final class HubReadiness {

    private HubReadiness() {
    }

    /** True when the hub at {@code base} (e.g. {@code http://127.0.0.1:8080}) is ready; false while starting. */
    public static boolean ready(HttpClient http, String base) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        }
    }
}
