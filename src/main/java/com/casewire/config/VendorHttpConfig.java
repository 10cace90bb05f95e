package com.casewire.config;

import com.casewire.outbox.OutboxProperties;
import com.casewire.vendor.VendorHttp;
import com.casewire.vendor.VendorRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Ordered;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VendorHttpConfig {

    /**
     * Every vendor call is timed for /actuator/prometheus: {@code casewire_vendor_call_seconds{vendor,outcome}} (the
     * call itself) and {@code casewire_vendor_pacing_wait_seconds{vendor}} (the wait for the vendor's pace first).
     */
    @Bean
    VendorHttp vendorHttp(OutboxProperties outbox, Clock clock, ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return new VendorHttp(outbox.vendorTimeout(), clock);
        }
        return new VendorHttp(outbox.vendorTimeout(), clock, new VendorHttp.Observer() {
            @Override
            public void called(String vendor, String outcome, long nanos) {
                Timer.builder("casewire.vendor.call").description("Vendor HTTP calls by outcome")
                        .tag("vendor", vendor).tag("outcome", outcome).register(registry).record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void paced(String vendor, long nanos) {
                Timer.builder("casewire.vendor.pacing.wait").description("Time a call waited for the vendor's pace")
                        .tag("vendor", vendor).register(registry).record(nanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** camel-http as the vendor edges use it ({@link VendorRoutes#configure}). */
    @Bean
    ComponentCustomizer vendorHttpComponent(OutboxProperties outbox) {
        // applied last: the starter's own customizer copies its defaults onto the component (retries on) in an order
        // that is not fixed
        return ComponentCustomizer.builder(HttpComponent.class).withOrder(Ordered.LOWEST)
                .build(http -> VendorRoutes.configure(http, outbox.vendorTimeout()));
    }
}
