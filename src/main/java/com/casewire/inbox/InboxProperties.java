package com.casewire.inbox;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.inbox.*}: the inbox's workers, attempts and sweep of deliveries left behind, and the edge's writers.
 * {@code edgeLanes}: how many group-commit writers store (and, with {@code processAtEdge}, process) verified webhook
 * deliveries, each on a connection of its own; deliveries about one record always take the same lane. 0 chooses:
 * one on embedded H2 (the hub's own cores do the database's work), four on PostgreSQL (a lane mostly waits for the
 * server's answers, so several overlap).
 */
@Validated
@ConfigurationProperties("hub.inbox")
public record InboxProperties(
        @DefaultValue("8") @Min(1) int workers,
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue("5s") Duration sweepGrace,
        @DefaultValue("5000") @Min(100) long sweepIntervalMillis,
        @DefaultValue("true") boolean processAtEdge,
        @DefaultValue("0") @Min(0) int edgeLanes,
        @DefaultValue("24h") Duration retryFor) {

    /** The lanes to run: {@code edgeLanes}, or when 0 the default for the database. */
    public int edgeLanesFor(boolean postgres) {
        return edgeLanes > 0 ? edgeLanes : postgres ? 4 : 1;
    }
}
