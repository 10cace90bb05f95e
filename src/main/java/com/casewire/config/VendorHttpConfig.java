package com.casewire.config;

import com.casewire.vendor.VendorHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
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
    VendorHttp vendorHttp(HubProperties hub, Clock clock, ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return new VendorHttp(hub.outbox().vendorTimeout(), clock);
        }
        return new VendorHttp(hub.outbox().vendorTimeout(), clock, new VendorHttp.Observer() {
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
}
