package com.casewire.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether a vendor can be reached from here, for the {@code vendors} health group. A probe opens a TCP connection
 * (and for SMTP reads the server's 220 greeting and says QUIT); it never calls a vendor's API, so a probe spends
 * none of the rate budget (Clio's 50 a minute) and sends nothing. Results are kept for a few seconds, so an
 * orchestrator probing every second costs one connection per vendor per interval. A failure is a DOWN status with
 * its reason, never a log line: the outbox logs the vendor's outage when it actually hits it.
 */
final class VendorReachability implements HealthIndicator {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();

    private final Supplier<Target> target;
    private volatile Health last;
    private volatile long lastAt;

    /** What to connect to: host and port, and whether it is an SMTP server whose greeting to read. */
    record Target(String vendor, String host, int port, boolean smtp) {
    }

    VendorReachability(Supplier<Target> target) {
        this.target = target;
    }

    static Target http(String vendor, String baseUrl) {
        URI uri = URI.create(baseUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return new Target(vendor, uri.getHost(), port, false);
    }

    @Override
    public Health health() {
        Health cached = last;
        if (cached != null && System.nanoTime() - lastAt < CACHE_NANOS) {
            return cached;
        }
        Health fresh = probe(target.get());
        last = fresh;
        lastAt = System.nanoTime();
        return fresh;
    }

    static Health probe(Target t) {
        if (t.host() == null || t.host().isBlank()) {
            return Health.unknown().withDetail("vendor", t.vendor()).withDetail("reason", "not configured").build();
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(t.host(), t.port()), (int) TIMEOUT.toMillis());
            if (t.smtp()) {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String greeting = in.readLine();
                OutputStream out = socket.getOutputStream();
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (greeting == null || !greeting.startsWith("220")) {
                    return Health.down().withDetail("vendor", t.vendor())
                            .withDetail("reason", "no SMTP greeting (" + (greeting == null ? "closed" : firstWord(greeting)) + ")")
                            .build();
                }
            }
            return Health.up().withDetail("vendor", t.vendor()).build();
        } catch (IOException | RuntimeException e) {
            return Health.down().withDetail("vendor", t.vendor())
                    .withDetail("reason", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
                    .build();
        }
    }

    private static String firstWord(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }
}
