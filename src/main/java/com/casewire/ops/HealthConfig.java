package com.casewire.ops;

import com.casewire.config.HubProperties;
import com.casewire.practice.clio.ClioProperties;
import com.casewire.practice.mycase.MyCaseProperties;
import com.casewire.twilio.TwilioProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Health that tells the truth (docs/design.md, "Health"): the hub's own health (database, Camel) decides
 * {@code /actuator/health} and readiness; a vendor's outage shows in the {@code vendors} group
 * ({@code /actuator/health/vendors}: {@code smtp}, {@code twilio}, {@code practice}) and nowhere else, because the
 * hub keeps that vendor's work queued and sends it when the vendor is back. Restarting the hub would not help. Work
 * that waits for an operator (a failed inbox event, a dead letter, a dead timer) shows in the {@code stuck} group
 * ({@code /actuator/health/stuck}) and is kept out of the overall status for the same reason.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfig {

    /** The contributors of the {@code vendors} group, kept out of the overall status. */
    static final Set<String> VENDOR_CONTRIBUTORS = Set.of("smtp", "twilio", "practice");
    /** Work waiting for an operator (the {@code stuck} group), kept out of the overall status too. */
    static final String STUCK = "stuck";

    @Bean
    HealthIndicator smtpHealthIndicator(Environment env) {
        return new VendorReachability(() -> new VendorReachability.Target("smtp", env.getProperty("spring.mail.host"),
                env.getProperty("spring.mail.port", Integer.class, 25), true));
    }

    @Bean
    HealthIndicator twilioHealthIndicator(TwilioProperties twilio) {
        return new VendorReachability(() -> VendorReachability.http("twilio", twilio.baseUrl()));
    }

    @Bean
    HealthIndicator practiceHealthIndicator(HubProperties hub, ClioProperties clio, MyCaseProperties mycase) {
        return new VendorReachability(() -> "mycase".equals(hub.practiceManagement())
                ? VendorReachability.http("mycase", mycase.baseUrl())
                : VendorReachability.http("clio", clio.baseUrl()));
    }

    @Bean
    HealthIndicator stuckHealthIndicator(HubOperations ops) {
        return new StuckMessagesHealth(ops);
    }

    /**
     * The overall status leaves the vendor contributors and the stuck work out; the {@code vendors} and {@code stuck}
     * groups show them.
     */
    @Bean
    HealthEndpointGroupsPostProcessor vendorsOutsideOverallHealth() {
        return groups -> {
            Map<String, HealthEndpointGroup> additional = new LinkedHashMap<>();
            for (String name : groups.getNames()) {
                additional.put(name, groups.get(name));
            }
            return HealthEndpointGroups.of(new WithoutVendors(groups.getPrimary()), additional);
        };
    }

    private record WithoutVendors(HealthEndpointGroup primary) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return !VENDOR_CONTRIBUTORS.contains(name) && !STUCK.equals(name) && primary.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return primary.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return primary.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return primary.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return primary.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return primary.getAdditionalPath();
        }
    }
}
