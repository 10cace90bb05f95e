package com.casewire.bench;

import com.casewire.practice.clio.ClioWebhookVerifier;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput and latency of the spine, measured against the packaged hub in its own process:
 * N signed Clio deliveries at concurrency C, each a milestone for its own matter and client number, with
 * a local Twilio stub that timestamps every Messages.json call (and a Clio stub for the write-back notes).
 * Vendor pacing is set high: this measures the hub, not the vendors' quotas. The load generator and the
 * stubs speak bare HTTP/1.1 over sockets ({@link LeanHttp}): they share the cores with the hub.
 *
 * <p>Prints: acknowledged events/s, end-to-end events/s, p50/p99/max from POST to the Twilio call, lost
 * (acknowledged but never sent) and duplicated (sent more than once) counts, and the hub's RSS.
 *
 * <p>Run with {@code scripts/benchmark.sh [events] [concurrency] [h2|postgres]}.
 */
public final class SpineBenchmark {

    static final String SECRET = "bench-webhook-secret";
    static final String SID = "AC00000000000000000000000000000bench";

    private final Map<String, Long> firstSmsAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> smsCount = new ConcurrentHashMap<>();
    private final AtomicLong notes = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        String database = args.length > 2 ? args[2] : "h2";
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        new SpineBenchmark().run(events, concurrency, database, rate);
        System.exit(0); // the HTTP client's and the stub's pools would keep the JVM alive
    }

    /** @param rate events per second to offer (open loop); 0 posts as fast as the concurrency allows */
    void run(int events, int concurrency, String database, double rate) throws Exception {
        LeanHttp.Server stub = new LeanHttp.Server(this::vendors);
        int hubPort = freePort();
        Path data = Files.createTempDirectory("casewire-bench");
        Process hub = launchHub(hubPort, stub.port(), data, database);
        try {
            String base = "http://127.0.0.1:" + hubPort;
            awaitHealthy(base);
            warmUp(hub.pid(), hubPort, concurrency, rate);

            System.out.printf("measuring %d events at concurrency %d on %s, offered rate %s...%n", events, concurrency,
                    database, rate > 0 ? rate + "/s" : "unlimited");
            PostgresCounters postgresBefore = null;
            if ("postgres".equals(database)) {
                Thread.sleep(1_500); // the server publishes a backend's counts within about a second
                postgresBefore = PostgresCounters.sample(SCHEMA);
            }
            Cpu before = Cpu.sample(hub.pid());
            Map<String, Double> threadsBefore = ThreadCpu.byGroup(hub.pid());
            Result r = fire(hubPort, 1_000_000, events, concurrency, rate);
            awaitSms(events, Duration.ofSeconds(300));
            awaitNotes(events, Duration.ofSeconds(120)); // CPU per event includes the write-back notes
            Cpu after = Cpu.sample(hub.pid());
            Map<String, Double> threadsAfter = ThreadCpu.byGroup(hub.pid());
            Thread.sleep(1_000); // late duplicates would arrive now
            report(r, events, concurrency, database, rate, hub.pid());
            after.reportSince(before, events);
            ThreadCpu.report(threadsBefore, threadsAfter, events);
            if (postgresBefore != null) {
                Thread.sleep(1_000);
                PostgresCounters.sample(SCHEMA).reportSince(postgresBefore, events);
            }
        } finally {
            hub.destroy();
            hub.waitFor();
            stub.close();
        }
    }

    /**
     * Warms the hub up until its JIT compilers are done: in rounds of {@code bench.warmup-round} events (10,000) at
     * the measured rate, until the compiler threads used less than 10% of one core during a round (or after
     * {@code bench.warmup-rounds}, 12). With a fixed 6,000-event warm-up the C1/C2 threads still took a quarter of the
     * hub's CPU while measuring: a hub that has run for minutes no longer pays that, so it is not the hub's cost.
     * {@code -Dbench.warmup=N} warms up with exactly N events instead.
     */
    void warmUp(long hubPid, int hubPort, int concurrency, double rate) throws InterruptedException {
        Integer fixed = Integer.getInteger("bench.warmup");
        int round = fixed != null ? fixed : Integer.getInteger("bench.warmup-round", 10_000);
        int rounds = fixed != null ? 1 : Integer.getInteger("bench.warmup-rounds", 12);
        int offset = 0;
        for (int i = 1; i <= rounds && round > 0; i++) {
            Map<String, Double> before = ThreadCpu.byGroup(hubPid);
            long t0 = System.nanoTime();
            fire(hubPort, offset, round, concurrency, rate);
            awaitSms(offset + round, Duration.ofSeconds(120));
            awaitNotes(offset + round, Duration.ofSeconds(120));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> after = ThreadCpu.byGroup(hubPid);
            double compiler = after.getOrDefault(ThreadCpu.COMPILER, 0.0) - before.getOrDefault(ThreadCpu.COMPILER, 0.0);
            System.out.printf("warm-up round %d: %d events in %.1f s, JIT compiler threads at %.0f%% of one core%n", i, round,
                    seconds, compiler * 100 / seconds);
            offset += round;
            if (fixed == null && compiler / seconds < 0.10) {
                break;
            }
        }
        firstSmsAt.clear();
        smsCount.clear();
        notes.set(0);
    }

    /** The hub's CPU by thread group (digits in thread names folded), from /proc/[pid]/task/[tid]. */
    static final class ThreadCpu {

        static final String COMPILER = "JIT compiler";

        static Map<String, Double> byGroup(long pid) {
            Map<String, Double> groups = new java.util.TreeMap<>();
            File[] tasks = new File("/proc/" + pid + "/task").listFiles();
            for (File task : tasks == null ? new File[0] : tasks) {
                try {
                    String name = Files.readString(task.toPath().resolve("comm")).trim();
                    groups.merge(group(name), Cpu.statSeconds(Files.readString(task.toPath().resolve("stat"))), Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
            return groups;
        }

        static String group(String name) {
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                return COMPILER;
            }
            if (name.startsWith("GC Thread") || name.startsWith("VM Thread")) {
                return "GC and VM";
            }
            return name.replaceAll("\\d+", "N");
        }

        static void report(Map<String, Double> before, Map<String, Double> after, int events) {
            System.out.println("  hub CPU by thread group (ms/event):");
            after.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                    .filter(e -> e.getValue() * 1000 / events >= 0.01)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("    %-22s %.2f%n", e.getKey(), e.getValue() * 1000 / events));
        }
    }

    /**
     * CPU seconds used so far by the hub, by this process (load generator and stubs) and by every PostgreSQL
     * process: CPU per event is less sensitive to other work on the machine than throughput.
     */
    record Cpu(double hub, double bench, double postgres, long nanos, long hubWriteBytes) {

        static Cpu sample(long hubPid) {
            double postgres = 0;
            File[] procs = new File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
            for (File proc : procs == null ? new File[0] : procs) {
                try {
                    if (Files.readString(proc.toPath().resolve("comm")).trim().startsWith("postgres")) {
                        postgres += cpuSeconds(Long.parseLong(proc.getName()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
            return new Cpu(cpuSeconds(hubPid), cpuSeconds(ProcessHandle.current().pid()), postgres, System.nanoTime(),
                    writeBytes(hubPid));
        }

        /** Bytes the process sent towards storage ({@code write_bytes} in /proc/[pid]/io): the embedded database's file writes. */
        static long writeBytes(long pid) {
            try {
                return Files.readAllLines(Path.of("/proc/" + pid + "/io")).stream().filter(l -> l.startsWith("write_bytes:"))
                        .mapToLong(l -> Long.parseLong(l.substring(12).trim())).findFirst().orElse(0);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** utime + stime from /proc/[pid]/stat, in seconds (USER_HZ = 100 on Linux). */
        static double cpuSeconds(long pid) {
            try {
                return statSeconds(Files.readString(Path.of("/proc/" + pid + "/stat")));
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** utime + stime of a /proc stat line (a process's or a thread's), in seconds. */
        static double statSeconds(String stat) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }

        void reportSince(Cpu start, int events) throws IOException {
            double seconds = (nanos - start.nanos) / 1e9;
            System.out.printf("  hub CPU                %.2f ms/event  (%.1f s over %.1f s: %.0f%% of one core)%n",
                    (hub - start.hub) * 1000 / events, hub - start.hub, seconds, (hub - start.hub) * 100 / seconds);
            System.out.printf("  load generator + stubs %.2f ms/event%n", (bench - start.bench) * 1000 / events);
            System.out.printf("  hub storage writes     %.1f KiB/event%n", (hubWriteBytes - start.hubWriteBytes) / 1024.0 / events);
            if (postgres > 0) {
                System.out.printf("  PostgreSQL CPU         %.2f ms/event%n", (postgres - start.postgres) * 1000 / events);
            }
            System.out.printf("  load average           %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    record Result(long[] postStartNanos, String[] phones, int acked, int refused, long startNanos, long ackedNanos) {
    }

    Result fire(int port, int offset, int events, int concurrency, double rate) throws InterruptedException {
        long[] start = new long[events];
        String[] phones = new String[events];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        long t0 = System.nanoTime();
        for (int worker = 0; worker < concurrency; worker++) {
            int w = worker;
            new Thread(() -> {
                LeanHttp.Connection connection = null;
                try {
                    for (int i; (i = next.getAndIncrement()) < events; ) {
                        int n = offset + i;
                        String phone = "+1201" + String.format("%07d", 2_000_000 + n); // a valid New Jersey number per event
                        phones[i] = phone;
                        String body = delivery(100_000 + n, phone);
                        byte[] request = LeanHttp.post("/webhooks/clio", port, body, "Content-Type: application/json",
                                "X-Hook-Signature: " + ClioWebhookVerifier.sign(body.getBytes(StandardCharsets.UTF_8), SECRET));
                        if (rate > 0) {
                            long due = t0 + (long) (i * 1e9 / rate);
                            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        start[i] = System.nanoTime();
                        try {
                            if (connection == null || !connection.isOpen()) {
                                connection = new LeanHttp.Connection(port);
                            }
                            LeanHttp.Response response = connection.exchange(request);
                            if (response.status() == 200 && response.body().contains("accepted")) {
                                acked.incrementAndGet();
                            } else {
                                refused.incrementAndGet();
                            }
                        } catch (IOException | RuntimeException e) {
                            refused.incrementAndGet();
                            connection = closeQuietly(connection);
                        }
                    }
                } finally {
                    closeQuietly(connection);
                    done.countDown();
                }
            }, "bench-client-" + w).start();
        }
        done.await();
        return new Result(start, phones, acked.get(), refused.get(), t0, System.nanoTime());
    }

    void report(Result r, int events, int concurrency, String database, double rate, long hubPid) throws IOException {
        long[] latencies = new long[events];
        int lost = 0;
        int duplicated = 0;
        long lastArrival = 0;
        int measured = 0;
        for (int i = 0; i < events; i++) {
            Long at = firstSmsAt.get(r.phones()[i]);
            AtomicInteger count = smsCount.get(r.phones()[i]);
            if (at == null) {
                lost++;
                continue;
            }
            if (count.get() > 1) {
                duplicated++;
            }
            latencies[measured++] = at - r.postStartNanos()[i];
            lastArrival = Math.max(lastArrival, at);
        }
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        double ackSeconds = (r.ackedNanos() - r.startNanos()) / 1e9;
        double e2eSeconds = (lastArrival - r.startNanos()) / 1e9;
        System.out.println();
        System.out.println("CaseWire spine benchmark");
        System.out.printf("  database               %s%n", database);
        System.out.printf("  offered rate           %s%n", rate > 0 ? String.format("%.0f events/s (open loop)", rate)
                : "as fast as the clients go (closed loop)");
        System.out.printf("  events                 %d at concurrency %d (%d acknowledged, %d refused)%n", events,
                concurrency, r.acked(), r.refused());
        System.out.printf("  acknowledged events/s  %.0f  (every one committed to the inbox before its 200)%n",
                r.acked() / ackSeconds);
        System.out.printf("  end-to-end events/s    %.0f  (first POST to last Twilio call: %.2f s)%n",
                measured / e2eSeconds, e2eSeconds);
        System.out.printf("  POST -> Twilio call    p50 %.1f ms   p99 %.1f ms   max %.1f ms%n", pct(sorted, 50),
                pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.out.printf("  lost                   %d%n", lost);
        System.out.printf("  duplicated             %d%n", duplicated);
        System.out.printf("  write-back notes seen  %d%n", notes.get());
        System.out.printf("  hub RSS                %s%n", rss(hubPid));
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    /** The vendor stubs: Twilio's Messages.json (timestamps each SMS by recipient) and Clio's notes.json. */
    LeanHttp.Response vendors(String path, byte[] body) {
        long now = System.nanoTime();
        if (path.startsWith("/2010-04-01/Accounts/") && path.endsWith("/Messages.json")) {
            String to = null;
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.startsWith("To=")) {
                    to = URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
                }
            }
            if (to == null) {
                return new LeanHttp.Response(400, "{\"code\":21604,\"message\":\"A 'To' phone number is required.\",\"status\":400}");
            }
            firstSmsAt.putIfAbsent(to, now);
            smsCount.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
            return new LeanHttp.Response(201, "{\"sid\":\"SM" + Long.toHexString(now) + "\",\"status\":\"queued\",\"to\":\"" + to + "\"}");
        }
        if (path.startsWith("/api/v4/notes.json")) {
            return new LeanHttp.Response(201, "{\"data\":{\"id\":" + notes.incrementAndGet() + "}}");
        }
        return new LeanHttp.Response(404, "{\"error\":\"not found\"}");
    }

    static LeanHttp.Connection closeQuietly(LeanHttp.Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        return null;
    }

    static String delivery(long matterId, String phone) {
        return ("{\"data\":{\"id\":%d,\"etag\":\"\\\"e%d\\\"\",\"display_number\":\"%d-Bench\",\"description\":\"Bench v. Load\","
                + "\"status\":\"Closed\",\"practice_area\":{\"id\":1,\"name\":\"Family\"},"
                + "\"client\":{\"id\":%d,\"name\":\"Pat Bench\",\"first_name\":\"Pat\","
                + "\"primary_email_address\":\"pat%d@example.com\",\"primary_phone_number\":\"%s\"}},"
                + "\"meta\":{\"event\":\"matter_closed\",\"webhook_id\":1}}")
                .formatted(matterId, matterId, matterId, matterId, matterId, phone);
    }

    void awaitSms(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (firstSmsAt.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    void awaitNotes(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (notes.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    void awaitHealthy(String base) throws InterruptedException {
        for (int i = 0; i < 240; i++) {
            if (com.casewire.support.HubReadiness.ready(http, base)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("hub did not become healthy; see target/benchmark-hub.log");
    }

    /** The schema of a PostgreSQL run (one per run, left in place for inspection). */
    static final String SCHEMA = "cw_bench_" + System.currentTimeMillis();

    static Process launchHub(int port, int stubPort, Path data, String database) throws IOException {
        String stub = "http://127.0.0.1:" + stubPort;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the heap and collector: by default a 1 GB heap with ParallelGC and half of it young (young pauses of 10-25 ms
        // come at half the rate, so half as many events meet one); -Dbench.hub-memory="..." replaces them, e.g. with
        // the Dockerfile's JAVA_TOOL_OPTIONS to measure the lean settings under load
        command.addAll(List.of(System.getProperty("bench.hub-memory", "-Xmx1g -XX:+UseParallelGC -XX:NewRatio=1")
                .trim().split("\\s+")));
        // -Dbench.hub-jvm-args="-XX:StartFlightRecording=..." to profile; -Dbench.jar=... to compare builds
        String extra = System.getProperty("bench.hub-jvm-args", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(
                "-jar", Path.of(System.getProperty("bench.jar", "target/casewire-hub.jar")).toAbsolutePath().toString(),
                "--spring.profiles.active=benchmark",
                "--server.port=" + port,
                "--hub.data-dir=" + data,
                "--hub.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "--hub.public-base-url=https://hub.bench.example",
                "--hub.firm.name=Bench Law",
                "--hub.notifications.quiet-hours-end=00:00",
                "--hub.notifications.quiet-hours-start=23:59:59",
                "--hub.clio.base-url=" + stub + "/api/v4",
                "--hub.clio.access-token=bench",
                "--hub.clio.webhook-secret=" + SECRET,
                "--hub.clio.requests-per-minute=60000000",
                "--hub.twilio.base-url=" + stub,
                "--hub.twilio.account-sid=" + SID,
                "--hub.twilio.auth-token=bench",
                "--hub.twilio.from-number=+12015550199",
                "--hub.twilio.messages-per-second=1000000",
                // processing is CPU-bound here (deliveries carry the client's details): a worker per core
                // lets rows queue up and share a transaction instead of each taking its own
                "--hub.inbox.workers=" + System.getProperty("bench.inbox-workers", "2"),
                "--hub.mail.from=bench@example.com",
                "--spring.mail.host=127.0.0.1",
                "--hub.clio.manage-webhooks=false",
                "--logging.level.com.casewire=WARN",
                "--logging.level.org.apache.camel=WARN"));
        if ("postgres".equals(database)) {
            command.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    "--spring.flyway.schemas=" + SCHEMA));
        }
        File log = Path.of("target", "benchmark-hub.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS")).findFirst().map(l -> l.replaceAll("\\s+", " ").substring(7))
                    .orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
