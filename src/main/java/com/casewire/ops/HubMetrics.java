package com.casewire.ops;

import com.casewire.outbox.OutboundChannel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The operations MBean's figures as Micrometer meters, for {@code /actuator/prometheus}: inbox depth and failures,
 * outbox rows by state, dead letters, pending approvals, pending and dead timers (gauges read from the database,
 * at most once per scrape interval), messages sent by kind and vendor errors (counters since start). Camel's route
 * metrics come from camel-micrometer beside them.
 */
@Component
class HubMetrics implements MeterBinder {

    /** Every state an outbox row can be in; a gauge per state, zero when no row is in it. */
    static final List<String> OUTBOX_STATES = List.of("PENDING", "SENDING", "RETRY_WAIT", "UNKNOWN", "SENT", "FAILED", "DEAD");
    private static final Duration SNAPSHOT_TTL = Duration.ofSeconds(5);

    private final HubOperations ops;
    private final List<String> kinds;
    private final Snapshot<Map<String, Long>> outboxByState;

    HubMetrics(HubOperations ops, List<OutboundChannel> channels) {
        this.ops = ops;
        this.kinds = List.copyOf(new TreeSet<>(channels.stream().map(OutboundChannel::kind).toList()));
        this.outboxByState = new Snapshot<>(ops::getOutboxByState);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("casewire.inbox.depth", ops, HubOperations::getInboxDepth)
                .description("Inbox rows received and not yet processed").register(registry);
        Gauge.builder("casewire.inbox.failed", ops, HubOperations::getInboxFailed)
                .description("Inbox rows that failed for good").register(registry);
        for (String state : OUTBOX_STATES) {
            Gauge.builder("casewire.outbox.messages", outboxByState, s -> s.get().getOrDefault(state, 0L))
                    .description("Outbox rows by state").tag("state", state).register(registry);
        }
        Gauge.builder("casewire.outbox.dead.letters", outboxByState, s -> s.get().getOrDefault("DEAD", 0L))
                .description("Outbox rows in the dead-letter state").register(registry);
        Gauge.builder("casewire.approvals.pending", ops, HubOperations::getPendingApprovals)
                .description("Approvals waiting for an attorney").register(registry);
        Gauge.builder("casewire.timers.pending", ops, HubOperations::getPendingTimers)
                .description("Durable timers waiting to fire").register(registry);
        Gauge.builder("casewire.timers.dead", ops, HubOperations::getDeadTimers)
                .description("Durable timers that exhausted their attempts").register(registry);
        for (String kind : kinds) {
            FunctionCounter.builder("casewire.messages.sent", ops, o -> o.getSentByKind().getOrDefault(kind, 0L))
                    .description("Messages sent since start, by kind").tag("kind", kind).register(registry);
        }
        FunctionCounter.builder("casewire.vendor.errors", ops, HubOperations::getVendorErrors)
                .description("Vendor call failures since start").register(registry);
    }

    /** One database read serves every gauge of a scrape. */
    private static final class Snapshot<T> {
        private final Supplier<T> source;
        private volatile T value;
        private volatile long at;

        Snapshot(Supplier<T> source) {
            this.source = source;
        }

        T get() {
            long now = System.nanoTime();
            T v = value;
            if (v == null || now - at > SNAPSHOT_TTL.toNanos()) {
                v = source.get();
                value = v;
                at = now;
            }
            return v;
        }
    }
}
