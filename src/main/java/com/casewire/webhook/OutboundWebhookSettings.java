package com.casewire.webhook;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.outbound-webhooks.*}: the durable webhook channel integrators reach with {@code direct:outbox-webhook}.
 *
 * @param perSecond most posts a second, across every target (the outbox paces them)
 * @param allowedHosts hosts a route may post to (exact, or {@code *.example.com}); empty: any host
 * @param allowHttp whether plain {@code http://} targets are allowed (tests and a firm's own network); https otherwise
 * @param maxBodyBytes the largest body a route may queue
 */
@Validated
@ConfigurationProperties("hub.outbound-webhooks")
public record OutboundWebhookSettings(@DefaultValue("5") @DecimalMin("0.01") double perSecond,
                                      @DefaultValue List<String> allowedHosts,
                                      @DefaultValue("false") boolean allowHttp,
                                      @DefaultValue("65536") @Min(1) int maxBodyBytes) {
}
