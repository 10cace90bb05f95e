package com.casewire.ops;

import com.casewire.outbox.OutboundChannel;
import com.casewire.outbox.OutboxSender;
import com.casewire.outbox.OutboxState;
import com.casewire.outbox.RateLimitWaits;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * The operations MBean's figures as Micrometer meters, for {@code /actuator/prometheus}: inbox depth and failures,
 * outbox rows by state, dead letters, pending approvals, pending and dead timers (gauges read from the database
 * together, at most once per 5 s; NaN while it is unreachable), messages sent by kind and vendor errors (counters
 * since start), and per workflow its sends' waits for vendors' pace and the 429s they met (since start). Camel's route
 * metrics come from camel-micrometer beside them.
 */
@Component
class HubMetrics implements MeterBinder {

    private static final Duration SNAPSHOT_TTL = Duration.ofSeconds(5);

    private final HubOperations ops;
    private final OutboxSender sender;
    private final List<String> kinds;
    private final Snapshot<Figures> figures;

    HubMetrics(HubOperations ops, List<OutboundChannel> channels, OutboxSender sender) {
        this.ops = ops;
        this.sender = sender;
        this.kinds = List.copyOf(new TreeSet<>(channels.stream().map(c -> c.kind().name()).toList()));
        this.figures = new Snapshot<>(() -> new Figures(ops.getInboxDepth(), ops.getInboxFailed(), ops.getOutboxByState(),
                ops.getPendingApprovals(), ops.getPendingTimers(), ops.getDeadTimers()));
    }

    /** The database-backed figures, read together. */
    private record Figures(long inboxDepth, long inboxFailed, Map<String, Long> outboxByState, long pendingApprovals,
                           long pendingTimers, long deadTimers) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "casewire.inbox.depth", "Inbox rows received and not yet processed", Figures::inboxDepth);
        gauge(registry, "casewire.inbox.failed", "Inbox rows that failed for good", Figures::inboxFailed);
        for (OutboxState state : OutboxState.values()) { // a gauge per state, zero when no row is in it
            String name = state.name();
            Gauge.builder("casewire.outbox.messages", figures, s -> s.value(f -> f.outboxByState().getOrDefault(name, 0L)))
                    .description("Outbox rows by state").tag("state", name).register(registry);
        }
        gauge(registry, "casewire.outbox.dead.letters", "Outbox rows in the dead-letter state",
                f -> f.outboxByState().getOrDefault(OutboxState.DEAD.name(), 0L));
        gauge(registry, "casewire.approvals.pending", "Approvals waiting for an attorney", Figures::pendingApprovals);
        gauge(registry, "casewire.timers.pending", "Durable timers waiting to fire", Figures::pendingTimers);
        gauge(registry, "casewire.timers.dead", "Durable timers that exhausted their attempts", Figures::deadTimers);
        for (String kind : kinds) {
            FunctionCounter.builder("casewire.messages.sent", ops, o -> o.getSentByKind().getOrDefault(kind, 0L))
                    .description("Messages sent since start, by kind").tag("kind", kind).register(registry);
        }
        FunctionCounter.builder("casewire.vendor.errors", ops, HubOperations::getVendorErrors)
                .description("Vendor call failures since start").register(registry);
        for (String workflow : WorkflowActivityMBeans.WORKFLOWS) {
            RateLimitWaits waits = sender.rateLimitWaits();
            FunctionTimer.builder("casewire.workflow.rate.limit.wait", waits, w -> w.of(workflow).waits(),
                            w -> w.of(workflow).waitMillis(), TimeUnit.MILLISECONDS)
                    .description("Vendor calls of the workflow's sends that waited for the vendor's pace, and how long, "
                            + "since start").tag("workflow", workflow).register(registry);
            FunctionCounter.builder("casewire.workflow.too.many.requests", waits, w -> w.of(workflow).tooManyRequests())
                    .description("429 answers the workflow's sends met, since start").tag("workflow", workflow)
                    .register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToLongFunction<Figures> figure) {
        Gauge.builder(name, figures, s -> s.value(figure)).description(description).register(registry);
    }

    /**
     * One database read serves every gauge of a scrape, and a failed read (the database unreachable) is remembered
     * as long: the gauges show NaN at once instead of each waiting out the pool's connection timeout.
     */
    private static final class Snapshot<T> {
        private final Supplier<T> source;
        private volatile T value;
        private volatile long at;
        private volatile boolean read;

        Snapshot(Supplier<T> source) {
            this.source = source;
        }

        double value(ToLongFunction<T> figure) {
            long now = System.nanoTime();
            if (!read || now - at > SNAPSHOT_TTL.toNanos()) {
                T fresh;
                try {
                    fresh = source.get();
                } catch (RuntimeException e) {
                    fresh = null;
                }
                value = fresh;
                at = now;
                read = true;
            }
            T v = value;
            return v == null ? Double.NaN : figure.applyAsLong(v);
        }
    }
}
