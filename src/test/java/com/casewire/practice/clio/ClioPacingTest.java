package com.casewire.practice.clio;

import com.casewire.support.TestVendorRoutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of 300 Clio calls requested at once goes out at the configured rate: a stub that enforces
 * Clio's limit (429 with Retry-After when more than the limit arrive within 60 s, scaled here to 5 s)
 * never has to refuse one. The window is kept at 5 s, not shorter, because a loaded machine wakes paced
 * threads late and in bunches: a 1 s window would measure the scheduler, not the pacer.
 */
class ClioPacingTest {

    static final int PER_SECOND = 50;
    static final int WINDOW_SECONDS = 5;
    static final int PER_WINDOW = PER_SECOND * WINDOW_SECONDS;

    private HttpServer stub;
    private final Deque<Long> window = new ArrayDeque<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private volatile int maxInWindow;

    @BeforeEach
    void startStub() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        stub.createContext("/api/v4/matters/", exchange -> {
            long now = System.nanoTime();
            boolean allowed;
            synchronized (window) {
                while (!window.isEmpty() && now - window.peekFirst() >= WINDOW_SECONDS * 1_000_000_000L) {
                    window.pollFirst();
                }
                allowed = window.size() < PER_WINDOW;
                if (allowed) {
                    window.addLast(now);
                    maxInWindow = Math.max(maxInWindow, window.size());
                }
            }
            byte[] body;
            if (allowed) {
                served.incrementAndGet();
                body = ("{\"data\":{\"id\":1,\"display_number\":\"00001\",\"client\":{\"id\":2,\"name\":\"A B\","
                        + "\"primary_email_address\":\"a@b.example\",\"primary_phone_number\":null}}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("X-RateLimit-Limit", String.valueOf(PER_WINDOW));
                exchange.sendResponseHeaders(200, body.length);
            } else {
                refused.incrementAndGet();
                body = "{\"error\":{\"type\":\"RateLimited\",\"message\":\"Too many requests\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(429, body.length);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.setExecutor(Executors.newFixedThreadPool(8));
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    TestHubProperties hub(int requestsPerMinute) {
        return TestHubProperties.with(Map.of(
                "hub.clio.base-url", "http://127.0.0.1:" + stub.getAddress().getPort() + "/api/v4",
                "hub.clio.requests-per-minute", String.valueOf(requestsPerMinute)));
    }

    @Test
    void burstOf300CallsStaysUnderTheLimitWithNo429() throws Exception {
        // 90% of the stub's limit: the window here is 5 s, not Clio's 60 s, so network and scheduling jitter
        // weigh 12 times more; a deployment keeps the same margin below Clio's limit
        TestHubProperties hub = hub(PER_SECOND * 60 * 90 / 100);
        ClioClient clio = new ClioClient(hub.clio(), new VendorHttp(Duration.ofSeconds(10), Clock.systemUTC()),
                TestVendorRoutes.forClio(hub.clio().baseUrl()), new ObjectMapper());
        ExecutorService callers = Executors.newFixedThreadPool(300);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(callers.submit(() -> clio.getMatter("1", ClioMatterMapper.MATTER_FIELDS).orElseThrow()));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        callers.shutdown();

        assertThat(served.get()).isEqualTo(300);
        assertThat(refused.get()).isZero();
        assertThat(maxInWindow).isLessThanOrEqualTo(PER_WINDOW);
    }
}
