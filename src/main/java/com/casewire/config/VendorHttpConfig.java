package com.casewire.config;

import com.casewire.vendor.VendorHttp;
import org.apache.camel.Ordered;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VendorHttpConfig {

    @Bean
    VendorHttp vendorHttp(HubProperties hub, Clock clock) {
        return new VendorHttp(hub.outbox().vendorTimeout(), clock);
    }

    /**
     * camel-http, the vendor edges' Camel endpoint: the vendor time-out of {@code hub.outbox.vendor-timeout} for
     * connecting and for the answer, and none of Apache HttpClient's own retries or redirects: a retry is the outbox's
     * to decide (with its back-off, Retry-After and idempotency key), and a redirect on a POST is not followed blindly.
     */
    @Bean
    ComponentCustomizer vendorHttpComponent(HubProperties hub) {
        long millis = hub.outbox().vendorTimeout().toMillis();
        // applied last: the starter's own customizer copies its defaults onto the component (retries on) in an order
        // that is not fixed
        return ComponentCustomizer.builder(HttpComponent.class).withOrder(Ordered.LOWEST).build(http -> {
            http.setConnectTimeout(millis);
            http.setConnectionRequestTimeout(millis);
            http.setResponseTimeout(millis);
            http.setSoTimeout(millis);
            http.setAutomaticRetriesDisabled(true);
            http.setRedirectHandlingDisabled(true);
        });
    }
}
