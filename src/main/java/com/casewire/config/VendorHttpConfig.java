package com.casewire.config;

import com.casewire.vendor.VendorHttp;
import com.casewire.vendor.VendorRoutes;
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

    /** camel-http as the vendor edges use it ({@link VendorRoutes#configure}). */
    @Bean
    ComponentCustomizer vendorHttpComponent(HubProperties hub) {
        // applied last: the starter's own customizer copies its defaults onto the component (retries on) in an order
        // that is not fixed
        return ComponentCustomizer.builder(HttpComponent.class).withOrder(Ordered.LOWEST)
                .build(http -> VendorRoutes.configure(http, hub.outbox().vendorTimeout()));
    }
}
