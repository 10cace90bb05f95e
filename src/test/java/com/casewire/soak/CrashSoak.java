package com.casewire.soak;

import com.casewire.practice.clio.ClioWebhookVerifier;
import com.casewire.support.CuttableTcpProxy;
import com.casewire.support.PostgresSchema;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Exactly once through crashes and vendor chaos, measured from outside: the packaged hub in its own process, local
 * vendors that follow the contracts ({@link SoakVendors}), and a sender that posts signed, thin Clio milestone
 * deliveries (each for its own matter and client) at a steady rate and re-posts any the hub did not acknowledge, as
 * a webhook source does. Three in four clients prefer texts (they have a mobile number), one in four has only an
 * email address.
 * <ul>
 *   <li>{@code kill}: the hub is killed with SIGKILL {@code soak.kills} times (20) and restarted at once; the kills
 *       rotate through the moments that matter: mid-edge (a delivery in flight), mid-processing (the Clio matter
 *       fetch), mid-send (Twilio has created the message, the hub has not heard) and at random.</li>
 *   <li>{@code chaos}: every vendor (Twilio, Clio, SMTP) fails most calls for {@code soak.chaos-seconds} (600) with
 *       5xx, 429 with Retry-After, connection resets before and after acting, and 20-second stalls; then recovers.
 *       Half the clients get two milestones, to check the order per recipient.</li>
 *   <li>{@code outage} (PostgreSQL only): the hub reaches its database through a proxy that is cut like a network
 *       outage for {@code soak.outage-seconds} (30) under load: deliveries meanwhile must be refused (503, so the
 *       source retries), never acknowledged unstored, and the hub must carry on by itself when it is back.</li>
 * </ul>
 * Then it drains (waits until the outbox holds nothing in flight) and prints: acknowledged, texted once, never
 * texted, texted twice, the same for emails and for the notes written back, dead letters and failed inbox rows.
 * Not a test: {@code scripts/soak.sh}; {@link CrashSoakIT} runs a short kill soak in {@code mvn verify}.
 */
public final class CrashSoak {

    static final String WEBHOOK_SECRET = "soak-webhook-secret";
    static final String API_TOKEN = "soak-api-token";
    static final String FROM = "+15555550199";

    /** What the soak found. */
    public record Report(String mode, String database, int kills, int acknowledged, int smsClients, int textedOnce,
                         int neverTexted, int textedTwice, int emailClients, int emailedOnce, int neverEmailed,
                         int emailedTwice, int notesOnce, int notesMissing, int notesTwice, int outOfOrder,
                         long deadLetters, long inboxFailed, Map<String, Object> outbox, Map<String, Long> faultsServed,
                         List<String> examples) {

        boolean exactlyOnce() {
            return neverTexted == 0 && textedTwice == 0 && neverEmailed == 0 && emailedTwice == 0 && notesMissing == 0
                    && notesTwice == 0 && deadLetters == 0 && inboxFailed == 0;
        }

        void print(Consumer<String> out) {
            out.accept("");
            out.accept("CaseWire crash soak: " + mode + " on " + database);
            if (mode.equals("kill")) {
                out.accept("  kill -9 restarts           " + kills);
            } else if (mode.equals("outage")) {
                out.accept("  database cut               " + Long.getLong("soak.outage-seconds", 30) + " s");
            } else {
                out.accept("  faults served              " + faultsServed);
            }
            out.accept("  deliveries acknowledged    " + acknowledged);
            out.accept("  SMS clients                %d: texted once %d, never texted %d, texted twice %d"
                    .formatted(smsClients, textedOnce, neverTexted, textedTwice));
            out.accept("  email-only clients         %d: emailed once %d, never emailed %d, twice (distinct Message-IDs) %d"
                    .formatted(emailClients, emailedOnce, neverEmailed, emailedTwice));
            out.accept("  write-back notes           once %d, missing %d, twice %d".formatted(notesOnce, notesMissing, notesTwice));
            if (mode.equals("chaos")) {
                out.accept("  out of order per recipient " + outOfOrder);
            }
            out.accept("  dead letters               " + deadLetters);
            out.accept("  inbox rows FAILED          " + inboxFailed);
            out.accept("  outbox rows by state       " + outbox.get("outbox"));
            out.accept("  exactly once               " + (exactlyOnce() && outOfOrder == 0 ? "yes" : "NO"));
            if (!examples.isEmpty()) {
                out.accept("  for example                " + examples);
            }
        }
    }

    private final String mode;
    private final String database;
    private final int kills;
    private final double rate;
    private final Duration chaosFor;
    private final Duration outageFor = Duration.ofSeconds(Long.getLong("soak.outage-seconds", 30));
    private final Consumer<String> out;
    private volatile CuttableTcpProxy databaseProxy; // outage mode: the hub's way to PostgreSQL
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>(); // outage mode: status codes while cut
    private volatile long firstAckAfterRestoreMillis = -1;
    private volatile long restoredAtNanos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<Integer, Delivery> acknowledged = new ConcurrentHashMap<>();
    private final DelayQueue<Delivery> toPost = new DelayQueue<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final AtomicBoolean edgeKill = new AtomicBoolean();
    private volatile Process hub;
    private volatile int hubPort;

    CrashSoak(String mode, String database, int kills, double rate, Duration chaosFor, Consumer<String> out) {
        this.mode = mode;
        this.database = database;
        this.kills = kills;
        this.rate = rate;
        this.chaosFor = chaosFor;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // GreenMail announces every mailbox it creates
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String mode = args.length > 0 ? args[0] : "kill";
        String database = args.length > 1 ? args[1] : "h2";
        CrashSoak soak = new CrashSoak(mode, database, Integer.getInteger("soak.kills", 20),
                Double.parseDouble(System.getProperty("soak.rate", mode.equals("chaos") ? "5" : "20")),
                Duration.ofSeconds(Long.getLong("soak.chaos-seconds", 600)), System.out::println);
        Report report = soak.run();
        report.print(System.out::println);
        System.exit(report.exactlyOnce() && report.outOfOrder() == 0 ? 0 : 1);
    }

    /** One delivery to post until acknowledged; {@code second}: a later milestone for the same client. */
    record Delivery(int n, long matterId, String phone, String email, String event, long dueNanos, boolean second)
            implements Delayed {

        Delivery later(long millis) {
            return new Delivery(n, matterId, phone, email, event, System.nanoTime() + millis * 1_000_000, second);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Delivery) other).dueNanos);
        }

        String body() {
            return matterDelivery(matterId, event);
        }
    }

    Report run() throws Exception {
        Path data = Files.createTempDirectory("casewire-soak");
        if (mode.equals("outage") && !database.equals("postgres")) {
            throw new IllegalArgumentException("the outage soak cuts PostgreSQL: scripts/soak.sh outage postgres");
        }
        if (mode.equals("outage")) {
            this.databaseProxy = CuttableTcpProxy.start("127.0.0.1", 5432);
        }
        PostgresSchema schema = database.equals("postgres") ? new PostgresSchema("cw_soak_").create() : null;
        List<String> postgres = schema == null ? List.of()
                : databaseProxy == null ? schema.hubArguments() : schema.hubArgumentsThrough(databaseProxy);
        try (SoakVendors vendors = new SoakVendors()) {
            hubPort = freePort();
            hub = launch(vendors, data, postgres, 0);
            awaitHealthy(Duration.ofSeconds(120));
            List<Thread> threads = new ArrayList<>();
            threads.add(daemon(() -> generate(vendors), "soak-generator"));
            for (int i = 0; i < 4; i++) {
                threads.add(daemon(this::post, "soak-poster-" + i));
            }
            switch (mode) {
                case "kill" -> killRepeatedly(vendors, data, postgres);
                case "outage" -> outage();
                default -> chaos(vendors);
            }
            loading.set(false);
            awaitAllAcknowledged(Duration.ofMinutes(5));
            drain(Duration.ofMinutes(mode.equals("kill") ? 5 : 15));
            Map<String, Object> status = status();
            hub.destroy();
            hub.waitFor(30, TimeUnit.SECONDS);
            return report(vendors, status);
        } finally {
            if (hub != null) {
                hub.destroyForcibly();
            }
        }
    }

    /**
     * New deliveries at {@code rate} per second while loading; in chaos mode every other client gets a second one (not
     * in outage mode: a source re-posting refused deliveries may itself deliver them out of order).
     */
    private void generate(SoakVendors vendors) {
        long start = System.nanoTime();
        for (int n = 0; loading.get(); n++) {
            long due = start + (long) (n * 1e9 / rate);
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            long matterId = 400_000L + n;
            // valid North American numbers (libphonenumber refuses the 555 exchange range the fixtures once used)
            String phone = n % 4 == 3 ? null : "+1201%03d%04d".formatted(200 + n / 10_000, n % 10_000);
            String email = "client%d@soak.example".formatted(n);
            vendors.matter(matterId, phone, email);
            created.incrementAndGet();
            toPost.add(new Delivery(n, matterId, phone, email, "matter_opened", System.nanoTime(), false));
            if (mode.equals("chaos") && n % 2 == 0) {
                // the matter closes a little later: the client must hear "opened" before "closed"
                toPost.add(new Delivery(n, matterId, phone, email, "matter_closed", System.nanoTime() + 1_500_000_000L, true));
            }
        }
    }

    /** Posts deliveries until each is acknowledged (2xx), re-posting after half a second when it is not. */
    private void post() {
        while (true) {
            Delivery d;
            try {
                d = toPost.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (d == null) {
                continue;
            }
            String body = d.body();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + "/webhooks/clio"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("X-Hook-Signature", ClioWebhookVerifier.sign(body.getBytes(StandardCharsets.UTF_8), WEBHOOK_SECRET))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                var pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                if (edgeKill.compareAndSet(true, false)) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3)); // the delivery is in the hub's hands
                    kill();
                }
                HttpResponse<String> response = pending.get(15, TimeUnit.SECONDS);
                if (databaseProxy != null && databaseProxy.isCut()) {
                    answers.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                }
                if (response.statusCode() / 100 == 2 && restoredAtNanos != 0 && firstAckAfterRestoreMillis < 0) {
                    firstAckAfterRestoreMillis = (System.nanoTime() - restoredAtNanos) / 1_000_000;
                }
                if (response.statusCode() / 100 == 2) {
                    acknowledged.put(key(d), d);
                    continue;
                }
            } catch (Exception notAcknowledged) {
                // refused, reset or timed out: the source tries again
            }
            toPost.add(d.later(500));
        }
    }

    private static int key(Delivery d) {
        return d.second() ? -1 - d.n() : d.n();
    }

    private void killRepeatedly(SoakVendors vendors, Path data, List<String> postgres) throws Exception {
        String[] moments = {"mid-edge", "mid-processing", "mid-send", "random"};
        for (int k = 1; k <= kills; k++) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2_000, 6_000));
            String moment = moments[(k - 1) % moments.length];
            AtomicBoolean killed = new AtomicBoolean();
            switch (moment) {
                case "mid-edge" -> edgeKill.set(true);
                case "mid-processing" -> vendors.tripwire.arm("clio-get", () -> killed.set(kill()));
                case "mid-send" -> vendors.tripwire.arm("twilio-post", () -> killed.set(kill()));
                default -> killed.set(kill());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (hub.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            vendors.tripwire.disarm();
            edgeKill.set(false);
            if (hub.isAlive()) {
                kill();
                moment += " (fell back to random)";
            }
            out.accept("kill %d/%d: %s; %d deliveries acknowledged so far".formatted(k, kills, moment, acknowledged.size()));
            hub = launch(vendors, data, postgres, k);
            awaitHealthy(Duration.ofSeconds(120));
        }
        Thread.sleep(5_000);
    }

    private synchronized boolean kill() {
        Process p = hub;
        if (p == null || !p.isAlive()) {
            return false;
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no drain
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private void chaos(SoakVendors vendors) throws InterruptedException {
        Thread.sleep(5_000);
        out.accept("chaos on for " + chaosFor.toSeconds() + " s: every vendor fails 80% of calls");
        vendors.twilioChaos.on(0.8);
        vendors.clioChaos.on(0.8);
        vendors.smtpChaos.on(0.8);
        long end = System.nanoTime() + chaosFor.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(30_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            out.accept("chaos: %d deliveries acknowledged, %d texts created so far".formatted(acknowledged.size(),
                    vendors.messages.size()));
        }
        vendors.twilioChaos.off();
        vendors.clioChaos.off();
        vendors.smtpChaos.off();
        out.accept("chaos off: vendors recovered");
        Thread.sleep(5_000);
    }

    /** Load for 20 s, the database cut for {@link #outageFor}, then load for 30 s more with it back. */
    private void outage() throws Exception {
        Thread.sleep(20_000);
        int before = acknowledged.size();
        out.accept("database cut for " + outageFor.toSeconds() + " s (" + before + " deliveries acknowledged so far)");
        databaseProxy.cut();
        Thread.sleep(outageFor.toMillis());
        int duringCut = acknowledged.size() - before;
        restoredAtNanos = System.nanoTime();
        databaseProxy.restore();
        out.accept("database back; acknowledged while it was cut: " + duringCut + " (answers while cut: " + answers + ")");
        Thread.sleep(30_000);
        out.accept("first acknowledgment after the database came back: " + firstAckAfterRestoreMillis + " ms");
    }

    private void awaitAllAcknowledged(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!toPost.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(1_000); // the last posts in flight
    }

    /** Waits until the hub holds nothing unsent (inbox drained, no outbox row in flight), steady for a few seconds. */
    @SuppressWarnings("unchecked")
    private void drain(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline && quiet < 5) {
            Map<String, Object> status = status();
            Map<String, Number> outbox = (Map<String, Number>) status.get("outbox");
            long inFlight = ((Number) status.get("inboxDepth")).longValue();
            for (String state : List.of("PENDING", "SENDING", "RETRY_WAIT", "UNKNOWN")) {
                inFlight += outbox.getOrDefault(state, 0).longValue();
            }
            quiet = inFlight == 0 ? quiet + 1 : 0;
            Thread.sleep(1_000);
        }
        if (quiet < 5) {
            out.accept("drain timed out: " + status());
        }
    }

    private Report report(SoakVendors vendors, Map<String, Object> status) {
        Map<String, List<SoakVendors.Sms>> texts = new ConcurrentHashMap<>();
        for (SoakVendors.Sms sms : vendors.messages) {
            texts.computeIfAbsent(sms.to(), k -> new ArrayList<>()).add(sms);
        }
        Map<String, List<String>> emails = vendors.emailsByRecipient();
        int smsClients = 0, textedOnce = 0, neverTexted = 0, textedTwice = 0;
        int emailClients = 0, emailedOnce = 0, neverEmailed = 0, emailedTwice = 0;
        int notesOnce = 0, notesMissing = 0, notesTwice = 0, outOfOrder = 0;
        List<String> examples = new ArrayList<>();
        Consumer<String> example = e -> {
            if (examples.size() < 12) {
                examples.add(e);
            }
        };
        for (Delivery d : acknowledged.values()) {
            if (d.second()) {
                continue; // counted with its client's first delivery
            }
            boolean hasSecond = acknowledged.containsKey(-1 - d.n());
            int expected = hasSecond ? 2 : 1;
            if (d.phone() != null) {
                smsClients++;
                List<SoakVendors.Sms> got = texts.getOrDefault(d.phone(), List.of());
                if (got.size() < expected) {
                    neverTexted++;
                    example.accept("matter " + d.matterId() + " never texted");
                } else if (got.size() > expected) {
                    textedTwice++;
                    example.accept("matter " + d.matterId() + " texted " + got.size() + " times");
                } else {
                    textedOnce++;
                }
                if (hasSecond && got.size() == 2 && !got.get(0).body().contains("open")) {
                    outOfOrder++;
                }
            } else {
                emailClients++;
                int got = emails.getOrDefault(d.email(), List.of()).size();
                if (got < expected) {
                    neverEmailed++;
                    example.accept("matter " + d.matterId() + " never emailed");
                } else if (got > expected) {
                    emailedTwice++;
                    example.accept("matter " + d.matterId() + " emailed " + got + " times");
                } else {
                    emailedOnce++;
                }
            }
            int notes = vendors.notesByMatter.getOrDefault(String.valueOf(d.matterId()), List.of()).size();
            if (notes < expected) {
                notesMissing++;
                example.accept("matter " + d.matterId() + " note missing");
            } else if (notes > expected) {
                notesTwice++;
                example.accept("matter " + d.matterId() + " " + notes + " notes");
            } else {
                notesOnce++;
            }
        }
        Map<String, Long> faults = new java.util.TreeMap<>();
        for (SoakVendors.Chaos chaos : List.of(vendors.twilioChaos, vendors.clioChaos, vendors.smtpChaos)) {
            chaos.served.forEach((fault, n) -> faults.merge(fault.name(), n.get(), Long::sum));
        }
        return new Report(mode, database, kills, acknowledged.size(), smsClients, textedOnce, neverTexted, textedTwice,
                emailClients, emailedOnce, neverEmailed, emailedTwice, notesOnce, notesMissing, notesTwice, outOfOrder,
                ((Number) status.get("deadLetters")).longValue(), ((Number) status.get("inboxFailed")).longValue(), status,
                faults, examples);
    }

    /**
     * The hub's {@code /api/status}. Any other answer than a 200 with the counts is printed and asked again for up to a
     * minute (a hub restarting after a kill may still be opening its routes); after that the run fails with what the
     * hub said, rather than with a missing count further on.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> status() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            String answer;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + "/api/status"))
                        .header("Authorization", "Bearer " + API_TOKEN).header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    Map<String, Object> status = new com.fasterxml.jackson.databind.ObjectMapper().readValue(response.body(), Map.class);
                    if (status.get("inboxDepth") instanceof Number && status.get("outbox") instanceof Map) {
                        return status;
                    }
                }
                answer = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                answer = e.toString();
            }
            out.accept("/api/status answered " + answer);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("/api/status kept answering " + answer);
            }
            Thread.sleep(1_000);
        }
    }

    private Process launch(SoakVendors vendors, Path data, List<String> postgres, int life) throws IOException {
        List<String> command = hubCommand(vendors, hubPort, data, Map.of());
        command.addAll(postgres);
        File log = Path.of("target", "soak-hub-" + life + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /**
     * The command that starts the packaged hub against {@code vendors} on {@code port}, its H2 files (when not on
     * PostgreSQL) in {@code data}. {@code overrides} replace or add {@code --key=value} arguments (a key given twice on
     * Spring's command line would become a list, so each is given once).
     */
    static List<String> hubCommand(SoakVendors vendors, int port, Path data, Map<String, String> overrides) {
        String stub = "http://127.0.0.1:" + vendors.httpPort();
        Map<String, String> args = new java.util.LinkedHashMap<>();
        args.put("spring.profiles.active", "soak");
        args.put("server.port", String.valueOf(port));
        args.put("hub.data-dir", data.toString());
        args.put("hub.routes-dir", Path.of("routes").toAbsolutePath().toString());
        args.put("hub.public-base-url", "https://hub.soak.example");
        args.put("hub.firm.name", "Soak Law");
        args.put("hub.api.token", API_TOKEN);
        args.put("hub.notifications.quiet-hours-end", "00:00");
        args.put("hub.notifications.quiet-hours-start", "23:59:59");
        args.put("hub.status-updates.window", "0s");
        args.put("hub.clio.base-url", stub + "/api/v4");
        args.put("hub.clio.access-token", SoakVendors.CLIO_TOKEN);
        args.put("hub.clio.webhook-secret", WEBHOOK_SECRET);
        args.put("hub.clio.requests-per-minute", "60000");
        args.put("hub.clio.manage-webhooks", "false");
        args.put("hub.twilio.base-url", stub);
        args.put("hub.twilio.account-sid", SoakVendors.TWILIO_SID);
        args.put("hub.twilio.auth-token", SoakVendors.TWILIO_TOKEN);
        args.put("hub.twilio.from-number", FROM);
        args.put("hub.twilio.messages-per-second", "100");
        args.put("hub.mail.from", "updates@soaklaw.example");
        args.put("hub.mail.messages-per-second", "100");
        args.put("spring.mail.host", "127.0.0.1");
        args.put("spring.mail.port", String.valueOf(vendors.smtpPort()));
        args.put("spring.mail.properties.mail.smtp.connectiontimeout", "5000");
        args.put("spring.mail.properties.mail.smtp.timeout", "10000");
        args.put("spring.mail.properties.mail.smtp.writetimeout", "10000");
        args.put("hub.outbox.claim-timeout", "30s");
        args.put("hub.outbox.max-backoff", "30s");
        args.put("hub.inbox.sweep-grace", "2s");
        args.put("hub.inbox.sweep-interval-millis", "1000");
        args.put("logging.level.com.casewire", "INFO");
        args.put("logging.level.org.apache.camel", "WARN");
        args.putAll(overrides);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseParallelGC",
                "-XX:TieredStopAtLevel=1", "-jar",
                // -Dsoak.jar=... runs another build (or a copy, so the build can go on meanwhile)
                Path.of(System.getProperty("soak.jar", "target/casewire-hub.jar")).toAbsolutePath().toString()));
        args.forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    /** A thin Clio matter delivery ({@code matter_opened} or {@code matter_closed}), as Clio posts it. */
    static String matterDelivery(long matterId, String event) {
        return ("{\"data\":{\"id\":%d,\"etag\":\"\\\"%s%d\\\"\"},\"meta\":{\"event\":\"%s\",\"webhook_id\":1}}")
                .formatted(matterId, event, matterId, event);
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (com.casewire.support.HubReadiness.ready(http, "http://127.0.0.1:" + hubPort)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the hub did not become healthy; see target/soak-hub-*.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
