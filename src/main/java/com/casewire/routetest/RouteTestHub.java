package com.casewire.routetest;

import com.casewire.CaseWireApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A hub of its own for route tests: the sandbox profile (the contract-following Clio, Twilio, LawPay and Google
 * simulators and a captured-mail SMTP server, all in the process), the integrator's routes directory, a database the
 * caller names (the kit uses an in-memory H2), free ports, no JMX, and a clock each case sets. Starts without any
 * hub already running; {@link #close()} stops it.
 */
final class RouteTestHub implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final MovableClock clock;
    private final int port;

    private RouteTestHub(ConfigurableApplicationContext context, MovableClock clock, int port) {
        this.context = context;
        this.clock = clock;
        this.port = port;
    }

    /** A hub on an in-memory database of its own. */
    public static RouteTestHub start(Path routesDir, Map<String, String> properties) {
        return start(routesDir, "jdbc:h2:mem:routetest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", properties);
    }

    /**
     * A hub on {@code databaseUrl} (a file database survives a restart: a test that stops the hub, fixes a file and
     * starts it again). {@code properties} go on top of the kit's own (say {@code firm.slack-webhook-url}).
     */
    public static RouteTestHub start(Path routesDir, String databaseUrl, Map<String, String> properties) {
        int port = freePort();
        int smtp = freePort();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.profiles.active", "sandbox");
        p.put("spring.main.banner-mode", Banner.Mode.OFF.name().toLowerCase());
        p.put("server.port", String.valueOf(port));
        p.put("hub.sandbox.smtp-port", String.valueOf(smtp));
        p.put("spring.mail.port", String.valueOf(smtp));
        p.put("spring.datasource.url", databaseUrl);
        p.put("spring.quartz.scheduler-name", "casewire-routetest-" + UUID.randomUUID());
        p.put("spring.jmx.enabled", "false");
        p.put("camel.main.jmx-enabled", "false");
        p.put("hub.routes-dir", routesDir.toAbsolutePath().toString());
        // a route that cannot process an event fails it at once: the case reports the error instead of waiting out retries
        p.put("hub.inbox.max-attempts", "1");
        p.put("hub.inbox.sweep-grace", "1s");
        p.put("hub.inbox.sweep-interval-millis", "500");
        p.put("hub.timers.poll-interval-millis", "100");
        p.put("hub.clio.requests-per-minute", "6000");
        p.put("hub.twilio.messages-per-second", "100");
        p.put("hub.mail.messages-per-second", "100");
        p.put("hub.outbound-webhooks.allow-http", "true");
        p.put("hub.outbound-webhooks.per-second", "100");
        // log levels are left alone: they are the JVM's, and a runner's other hubs (tests asserting log lines) share them
        p.put("spring.main.log-startup-info", "false");
        p.putAll(properties);
        List<String> args = new ArrayList<>();
        p.forEach((key, value) -> args.add("--" + key + "=" + value));
        MovableClock clock = new MovableClock();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CaseWireApplication.class)
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("routeTestClock", Clock.class,
                        () -> clock, definition -> definition.setPrimary(true)))
                .run(args.toArray(String[]::new));
        return new RouteTestHub(context, clock, port);
    }

    public int port() {
        return port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public String property(String key) {
        return context.getEnvironment().getRequiredProperty(key);
    }

    MovableClock clock() {
        return clock;
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
