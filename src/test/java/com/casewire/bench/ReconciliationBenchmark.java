package com.casewire.bench;

import java.io.File;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-of-day reconciliation at volume, against the packaged hub in its own process (heap limited to
 * {@code -Dbench.xmx}, 256m by default): N LawPay transactions served by a stub of GET /v1/transactions
 * (page/page_size/total_entries/results, Basic auth) against N payments and trust deposits served by a stub of Clio's
 * GET /bank_transactions.json (200 per page, cursor pages through meta.paging.next), with seeded exceptions every
 * thousand: an amount mismatch, a duplicate charge, a charge never applied and three records with no charge.
 *
 * <p>Prints the run's time (POST /api/reconciliations/{date}/run until it answers, i.e. staged, correlated and the
 * report queued), the hub's CPU and peak heap over the run (the heap pools' peak usage through Jolokia, reset before),
 * the load average and whether the counts are the expected ones, first for a warm-up run of {@code -Dbench.warmup}
 * transactions (30,000; 0 for none) and then for the measured one. Not a test: it prints figures.
 *
 * <p>Run with {@code scripts/benchmark-reconciliation.sh [transactions] [gateway page size] [h2|postgres]}.
 */
public final class ReconciliationBenchmark {

    static final String DAY = "2026-12-01";
    static final String TOKEN = "bench-api-token";
    static final String LAWPAY_KEY = "bench-lawpay-key";

    /** Transactions (and recorded payments) the stubs serve: the warm-up's, then the measured run's. */
    private volatile int n;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ReconciliationBenchmark(int n) {
        this.n = n;
    }

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String database = args.length > 2 ? args[2] : "h2";
        new ReconciliationBenchmark(transactions).run(pageSize, database, Integer.getInteger("bench.warmup", 30_000));
        System.exit(0);
    }

    /**
     * A warm-up run of {@code warmup} transactions first (0: none), as a hub that has been up a while has compiled
     * its hot code: a fresh JVM spends about as much CPU in its JIT compilers during its first run as in the run
     * itself. The measured run is then the day's next generation, once the schedule has cleared the warm-up's facts.
     */
    void run(int pageSize, String database, int warmup) throws Exception {
        int transactions = n;
        LeanHttp.Server stub = new LeanHttp.Server(this::vendors);
        int port = SpineBenchmark.freePort();
        Path data = Files.createTempDirectory("casewire-recon-bench");
        Process hub = launch(port, stub.port(), data, database, pageSize);
        try {
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(base);
            List<String> heapPools = heapPools(base);
            if (warmup > 0) {
                n = warmup;
                System.out.println("warm-up (the hub's JIT compilers still at work):");
                reconcile(base, hub, heapPools, database, pageSize);
                Thread.sleep(CLEAR_WAIT.toMillis()); // the schedule's ticks delete the reported facts
                System.out.println("measured:");
            }
            n = transactions;
            reconcile(base, hub, heapPools, database, pageSize);
        } finally {
            hub.destroy();
            hub.waitFor();
            stub.close();
        }
    }

    /** How long the benchmark leaves the schedule (ticking every 2 s here) to clear a reported run's staged facts. */
    static final Duration CLEAR_WAIT = Duration.ofSeconds(10);

    private void reconcile(String base, Process hub, List<String> heapPools, String database, int pageSize)
            throws Exception {
        resetPeaks(base, heapPools);
        long logLines = hubLog().size();
        System.out.printf("reconciling %,d gateway transactions against %,d recorded payments on %s (gateway pages of %d,"
                + " hub heap %s)...%n", n, n, database, pageSize, System.getProperty("bench.xmx", "256m"));
        String loadBefore = loadAverage();
        HeapSampler sampler = new HeapSampler(base);
        sampler.start();
        long cpu0 = cpuTicks(hub.pid());
        Map<String, Long> threads0 = threadTicks(hub.pid());
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/reconciliations/" + DAY + "/run"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpuTicks(hub.pid()) - cpu0) / 100.0;
        Map<String, Long> threads = threadTicks(hub.pid());
        sampler.stopSampling();
        long poolPeaks = peakHeap(base, heapPools);
        if (response.statusCode() != 200) {
            System.out.println("the run failed: HTTP " + response.statusCode() + " " + response.body());
            return;
        }
        // the benchmark runs on the test classpath without Jackson: the few figures it needs are read by pattern
        Matcher section = Pattern.compile("\"money\":\\{([^}]*)}").matcher(response.body());
        String money = section.find() ? section.group(1) : "";
        Map<String, Long> expected = expected();
        Map<String, Long> got = new LinkedHashMap<>();
        expected.keySet().forEach(k -> got.put(k, number(money, "\"" + k + "\":(\\d+)")));
        System.out.printf("run time       %.2f s%n", seconds);
        System.out.printf("hub CPU        %.1f s (user + system of the hub's process during the run): %s%n", cpuSeconds,
                byThreadGroup(threads0, threads));
        System.out.printf("peak heap      %.1f MB used (sampled every 50 ms; hub started with -Xmx%s), %.1f MB live"
                        + " (largest heap in use after a collection); sum of the pools' own peaks %.1f MB%n",
                sampler.peak / 1048576.0, System.getProperty("bench.xmx", "256m"), sampler.peakAfterGc / 1048576.0,
                poolPeaks / 1048576.0);
        System.out.printf("load average   %s before, %s after (1, 5, 15 minutes; two cores)%n", loadBefore, loadAverage());
        System.out.println("stages (hub log):");
        hubLog().stream().skip(logLines).filter(l -> l.contains("reconciliation of " + DAY))
                .forEach(l -> System.out.println("  " + l.substring(11, 23) + " " + l.substring(l.indexOf(" : ") + 3)));
        System.out.printf("hub RSS after  %s%n", SpineBenchmark.rss(hub.pid()));
        System.out.println("money counts   " + got + (got.equals(expected) ? "  (as expected)" : "  EXPECTED " + expected));
    }

    static List<String> hubLog() throws java.io.IOException {
        return Files.readAllLines(Path.of("target", "benchmark-reconciliation-hub.log"));
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    // ---- the data: transaction i is INV-i for 10.00 + i % 5000 cents; every thousand, seeded exceptions

    long amount(int i) {
        return 1000 + i % 5000;
    }

    String gatewayReference(int i) {
        return i % 1000 == 2 ? "INV-" + (i - 1) : "INV-" + i; // INV-(k*1000+1) charged twice
    }

    String ledgerReference(int i) {
        return switch (i % 1000) {
            case 1 -> "CHK-" + i;  // a cheque, no charge (and the duplicate's reference is never applied)
            case 3 -> "LATE-" + i; // INV-i received, never applied; LATE-i recorded with no charge
            default -> "INV-" + i;
        };
    }

    long ledgerAmount(int i) {
        return i % 1000 == 0 ? amount(i) + 1 : amount(i); // INV-k*1000 recorded a cent off
    }

    Map<String, Long> expected() {
        Map<String, Long> e = new LinkedHashMap<>();
        long thousands = n / 1000;
        e.put("matched", n - 4 * thousands);
        e.put("gateway_only", thousands);
        e.put("practice_only", 3 * thousands);
        e.put("amount_mismatch", thousands);
        e.put("duplicate_charge", thousands);
        return e;
    }

    // ---- the stubs

    LeanHttp.Response vendors(String target, byte[] body) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : target.substring(q + 1));
        if (path.equals("/v1/transactions")) {
            int page = Integer.parseInt(query.getOrDefault("page", "1"));
            int size = Integer.parseInt(query.getOrDefault("page_size", "20"));
            StringBuilder out = new StringBuilder(size * 330).append("{\"page\":").append(page).append(",\"page_size\":")
                    .append(size).append(",\"total_entries\":").append(n).append(",\"results\":[");
            for (int i = (page - 1) * size; i < Math.min(n, page * size); i++) {
                if (i > (page - 1) * size) {
                    out.append(',');
                }
                out.append("{\"id\":\"txn_").append(i).append("\",\"created\":\"").append(DAY)
                        .append("T16:00:00.000Z\",\"type\":\"CHARGE\",\"account_id\":\"acct_1\",\"status\":\"COMPLETED\",")
                        .append("\"amount\":").append(amount(i)).append(",\"currency\":\"USD\",\"amount_refunded\":0,")
                        .append("\"method\":{\"type\":\"card\",\"number\":\"************4242\"},\"reference\":\"")
                        .append(gatewayReference(i)).append("\",\"messages\":[]}");
            }
            return new LeanHttp.Response(200, out.append("]}").toString());
        }
        if (path.equals("/api/v4/bank_accounts.json")) {
            String id = "TrustAccount".equals(query.get("type")) ? "12" : "11";
            return new LeanHttp.Response(200, "{\"data\":[{\"id\":" + id + ",\"name\":\"Account " + id + "\",\"type\":\""
                    + ("12".equals(id) ? "Trust" : "Operating") + "\",\"balance\":0,\"currency\":\"USD\"}],\"meta\":{\"paging\":{}}}");
        }
        if (path.equals("/api/v4/bank_transactions.json")) {
            int page = Integer.parseInt(query.getOrDefault("page_token", "0"));
            int from = page * 200;
            int to = Math.min(n, from + 200);
            StringBuilder out = new StringBuilder(200 * 260).append("{\"data\":[");
            for (int i = from; i < to; i++) {
                if (i > from) {
                    out.append(',');
                }
                long cents = ledgerAmount(i);
                String units = cents / 100 + "." + String.format("%02d", cents % 100);
                out.append("{\"id\":").append(i + 1).append(",\"bank_account_id\":").append(i % 10 == 0 ? 12 : 11)
                        .append(",\"amount\":").append(units).append(",\"funds_in\":").append(units)
                        .append(",\"funds_out\":0,\"date\":\"").append(DAY).append("\",\"description\":\"Payment\",")
                        .append("\"transaction_type\":\"Deposit\",\"confirmation\":\"").append(ledgerReference(i)).append("\"}");
            }
            out.append("],\"meta\":{\"paging\":{");
            if (to < n) {
                out.append("\"next\":\"http://127.0.0.1:").append(stubPort).append("/api/v4/bank_transactions.json?page_token=")
                        .append(page + 1).append("&limit=200\"");
            }
            return new LeanHttp.Response(200, out.append("}}}").toString());
        }
        if (path.equals("/api/v4/activities.json")) {
            return new LeanHttp.Response(200, "{\"data\":[],\"meta\":{\"paging\":{}}}");
        }
        if (path.equals("/api/v4/tasks.json")) {
            return new LeanHttp.Response(201, "{\"data\":{\"id\":" + System.nanoTime() + "}}");
        }
        return new LeanHttp.Response(404, "{\"error\":{\"type\":\"RecordNotFound\",\"message\":\"" + path + "\"}}");
    }

    private volatile int stubPort;

    static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    // ---- the hub

    Process launch(int port, int stubPort, Path data, String database, int pageSize) throws Exception {
        return launch(port, stubPort, data, database, pageSize, List.of(), "benchmark-reconciliation-hub.log");
    }

    /** The hub as a process of its own; {@code extra} arguments last (they override), its output in target/{@code log}. */
    Process launch(int port, int stubPort, Path data, String database, int pageSize, List<String> extra, String log)
            throws Exception {
        this.stubPort = stubPort;
        String stub = "http://127.0.0.1:" + stubPort;
        // the collector the Dockerfile ships (ParallelGC, half the heap young)
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("bench.xmx", "256m"), "-XX:+UseParallelGC", "-XX:NewRatio=1"));
        // -Dbench.hub-jvm-args="-XX:StartFlightRecording=..." to profile the hub
        String jvmArgs = System.getProperty("bench.hub-jvm-args", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", Path.of(System.getProperty("bench.jar", "target/casewire-hub.jar")).toAbsolutePath().toString(),
                "--server.port=" + port,
                "--hub.data-dir=" + data,
                // the sandbox profile for the keys not given here (the packaged jar has no default profile)
                "--spring.profiles.active=sandbox",
                "--hub.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "--hub.public-base-url=https://hub.bench.example",
                "--hub.firm.name=Bench Law",
                "--hub.api.token=" + TOKEN,
                // the run answers when it is done; Spring MVC's default 30 s for an asynchronous answer would cut it off
                "--spring.mvc.async.request-timeout=30m",
                "--hub.clio.base-url=" + stub + "/api/v4",
                "--hub.clio.access-token=bench",
                "--hub.clio.requests-per-minute=60000000",
                "--hub.clio.manage-webhooks=false",
                "--hub.lawpay.base-url=" + stub,
                "--hub.lawpay.secret-key=" + LAWPAY_KEY,
                "--hub.lawpay.poll-events=false",
                "--hub.lawpay.requests-per-minute=6000000",
                "--hub.reconciliation.gateway-page-size=" + pageSize,
                "--hub.reconciliation.enabled=false", // runs on demand only; the schedule still clears reported facts
                "--hub.reconciliation.check-interval-millis=2000",
                "--hub.twilio.base-url=" + stub,
                "--hub.twilio.account-sid=AC00000000000000000000000000000bench",
                "--hub.twilio.auth-token=bench",
                "--hub.twilio.from-number=+12015550199",
                "--hub.mail.from=bench@example.com",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SpineBenchmark.freePort(), // nobody listens: the report email waits in the outbox
                "--logging.level.com.casewire=WARN",
                "--logging.level.com.casewire.reconciliation=INFO",
                "--logging.level.org.apache.camel=WARN"));
        if ("postgres".equals(database)) {
            String schema = "cw_recon_bench_" + System.currentTimeMillis();
            command.addAll(List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    "--spring.flyway.schemas=" + schema));
        }
        for (String setting : extra) { // a setting given twice would reach Spring as a list: the extra one replaces
            String key = setting.substring(0, setting.indexOf('=') + 1);
            command.removeIf(arg -> arg.startsWith(key));
            command.add(setting);
        }
        File file = Path.of("target", log).toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(file).start();
    }

    void awaitHealthy(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.getLong("bench.start-timeout-seconds", 600)).toNanos();
        while (System.nanoTime() < deadline) {
            if (com.casewire.support.HubReadiness.ready(http, base)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the hub did not become ready; see target/benchmark-reconciliation-hub.log");
    }

    /** utime + stime of each of the process's threads, by thread id and name, in clock ticks. */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (java.io.IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }

    /** The CPU between two {@link #threadTicks} snapshots in three groups: JIT compilers, GC and VM, the rest. */
    static String byThreadGroup(Map<String, Long> before, Map<String, Long> after) {
        long jit = 0;
        long gc = 0;
        long work = 0;
        for (var t : after.entrySet()) {
            long ticks = t.getValue() - before.getOrDefault(t.getKey(), 0L);
            String name = t.getKey().substring(t.getKey().indexOf(' ') + 1);
            if (name.contains("CompilerThre")) {
                jit += ticks;
            } else if (name.startsWith("GC Thread") || name.startsWith("VM Thread") || name.startsWith("ParGC")) {
                gc += ticks;
            } else {
                work += ticks;
            }
        }
        return String.format("JIT compilers %.1f s, GC and VM %.1f s, the rest %.1f s", jit / 100.0, gc / 100.0, work / 100.0);
    }

    /** utime + stime of the process in clock ticks (1/100 s on Linux). */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Samples the hub's heap in use (and the old generation after its last collection) every 50 ms. */
    final class HeapSampler extends Thread {
        private final String base;
        private volatile boolean running = true;
        volatile long peak;
        volatile long peakAfterGc;

        HeapSampler(String base) {
            this.base = base;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    long used = number(jolokia(base, "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\","
                            + "\"attribute\":\"HeapMemoryUsage\",\"path\":\"used\"}"), "\"value\":(\\d+)");
                    peak = Math.max(peak, used);
                    long live = 0;
                    String pools = jolokia(base, "{\"type\":\"read\",\"mbean\":\"java.lang:type=MemoryPool,name=*\","
                            + "\"attribute\":\"CollectionUsage\"}");
                    Matcher m = Pattern.compile("\"used\":(\\d+)").matcher(pools);
                    while (m.find()) {
                        live += Long.parseLong(m.group(1));
                    }
                    peakAfterGc = Math.max(peakAfterGc, live);
                    Thread.sleep(50);
                } catch (Exception e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }
    }

    // ---- heap through Jolokia (the operator token is the API token here)

    String jolokia(String base, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/jolokia"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    List<String> heapPools(String base) throws Exception {
        String pools = jolokia(base, "{\"type\":\"read\",\"mbean\":\"java.lang:type=MemoryPool,name=*\",\"attribute\":\"Type\"}");
        List<String> heap = new ArrayList<>();
        Matcher m = Pattern.compile("\"(java\\.lang:[^\"]+)\":\\{\"Type\":\"HEAP\"}").matcher(pools);
        while (m.find()) {
            heap.add(m.group(1));
        }
        if (heap.isEmpty()) {
            throw new IllegalStateException("no heap pools over Jolokia: " + pools);
        }
        return heap;
    }

    void resetPeaks(String base, List<String> pools) throws Exception {
        System.gc();
        for (String pool : pools) {
            jolokia(base, "{\"type\":\"exec\",\"mbean\":\"" + pool + "\",\"operation\":\"resetPeakUsage\"}");
        }
    }

    long peakHeap(String base, List<String> pools) throws Exception {
        long total = 0;
        for (String pool : pools) {
            total += number(jolokia(base, "{\"type\":\"read\",\"mbean\":\"" + pool + "\",\"attribute\":\"PeakUsage\"}"),
                    "\"used\":(\\d+)");
        }
        return total;
    }
}
