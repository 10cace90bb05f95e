package com.casewire.lawpay;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * LawPay / AffiniPay gateway. The connector is off while {@code secretKey} is blank: the webhook answers 503.
 * The gateway publishes no rate limit; {@code requestsPerMinute} is our own pacing, not a vendor figure.
 * Webhook deliveries are unsigned hints and may be lost, so the Events API is also polled every
 * {@code pollIntervalMillis} ({@code pollEvents}), from the stored high-water mark minus {@code pollOverlap}
 * (the first time: {@code pollLookBack} ago), {@code pollPageSize} events a page, at most {@code pollMaxPages} a poll.
 */
@Validated
@ConfigurationProperties("hub.lawpay")
public record LawpayProperties(
        @NotBlank(message = "hub.lawpay.base-url is required (environment variable HUB_LAWPAY_BASEURL)") @DefaultValue("https://api.affinipay.com") @Pattern(regexp = "https?://\\S+", message = "hub.lawpay.base-url must be an http(s) URL") String baseUrl,
        String secretKey,
        @Pattern(regexp = "(https?://\\S+)?", message = "hub.lawpay.payment-page-url must be an http(s) URL") String paymentPageUrl,
        @Min(value = 1, message = "hub.lawpay.requests-per-minute must be at least 1") @DefaultValue("60") int requestsPerMinute,
        @DefaultValue("true") boolean pollEvents,
        @Min(value = 1000, message = "hub.lawpay.poll-interval-millis must be at least 1000") @DefaultValue("300000") long pollIntervalMillis,
        @NotNull @DefaultValue("10m") Duration pollOverlap,
        @NotNull @DefaultValue("1d") Duration pollLookBack,
        @Min(value = 1, message = "hub.lawpay.poll-page-size must be at least 1") @DefaultValue("20") int pollPageSize,
        @Min(value = 1, message = "hub.lawpay.poll-max-pages must be at least 1") @DefaultValue("50") int pollMaxPages) {

    public boolean enabled() {
        return secretKey != null && !secretKey.isBlank();
    }

    /** Polling of the Events API: on when LawPay is configured, unless switched off. */
    public boolean polls() {
        return enabled() && pollEvents;
    }

    @AssertTrue(message = "hub.lawpay.poll-overlap and hub.lawpay.poll-look-back must not be negative")
    public boolean isPollWindowValid() {
        return (pollOverlap == null || !pollOverlap.isNegative()) && (pollLookBack == null || !pollLookBack.isNegative());
    }
}
