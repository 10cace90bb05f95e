package com.casewire.config;

import com.casewire.vendor.VendorHttp;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VendorHttpConfig {

    @Bean
    VendorHttp vendorHttp(HubProperties hub, Clock clock) {
        return new VendorHttp(hub.outbox().vendorTimeout(), clock);
    }
}
