package com.casewire.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfig {

    /** Every time-dependent decision reads this clock, so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
