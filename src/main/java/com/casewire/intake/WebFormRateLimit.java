package com.casewire.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * At most {@code max} web forms per client address in a sliding {@code window}. Kept in memory per instance: behind a
 * load balancer of n instances a sender gets at most n times the limit, which still stops a flood.
 */
@Component
class WebFormRateLimit {

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> seen = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    WebFormRateLimit(IntakeProperties settings, Clock clock) {
        this(settings.webFormMaxPerIp(), settings.webFormWindow(), clock);
    }

    WebFormRateLimit(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** Forgets every address (tests). */
    void clear() {
        seen.clear();
    }

    /** Empty when the request may proceed (and it is counted); otherwise how long until it may. */
    Optional<Duration> acquire(String address) {
        Instant now = clock.instant();
        if (seen.size() > 100_000) {
            seen.values().removeIf(q -> {
                synchronized (q) {
                    return q.isEmpty() || !q.peekLast().isAfter(now.minus(window));
                }
            });
        }
        Deque<Instant> times = seen.computeIfAbsent(address == null ? "unknown" : address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() >= max) {
                return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
            }
            times.addLast(now);
            return Optional.empty();
        }
    }
}
