package com.casewire.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A reconciliation killed as a real process: the packaged hub (H2 file database) reconciles 20,000 transactions against
 * 20,000 payments from the benchmark's contract stubs, is killed with SIGKILL while it stages the practice system's
 * payments, and is started again on the same database. The restarted hub's schedule takes the run over once its claim
 * is stale and finishes it: the counts are the expected ones, the run is still generation 1, and exactly one report
 * email reaches the billing manager.
 */
class ReconciliationKillIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aRunKilledMidWayIsResumedByTheRestartedHubAndReportedOnce() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        ReconciliationBenchmark world = new ReconciliationBenchmark(20_000);
        LeanHttp.Server stub = new LeanHttp.Server(world::vendors);
        Path data = Files.createTempDirectory("casewire-recon-kill");
        List<String> settings = List.of("--hub.reconciliation.stale-after=3s",
                "--hub.reconciliation.check-interval-millis=1000", "--spring.mail.port=" + smtp.getSmtp().getPort());
        Process first = null;
        Process second = null;
        try {
            int port = SpineBenchmark.freePort();
            String base = "http://127.0.0.1:" + port;
            first = world.launch(port, stub.port(), data, "h2", 100, settings, "reconciliation-kill-first.log");
            world.awaitHealthy(base);
            HTTP.sendAsync(request(base, "/run").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> view(base).contains("\"stage\":\"GATEWAY\""));
            first.destroyForcibly().waitFor(); // SIGKILL while the practice system's payments are being staged

            int port2 = SpineBenchmark.freePort();
            String base2 = "http://127.0.0.1:" + port2;
            second = world.launch(port2, stub.port(), data, "h2", 100, settings, "reconciliation-kill-second.log");
            world.awaitHealthy(base2);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> view(base2).contains("\"state\":\"REPORTED\""));
            String view = view(base2);
            assertThat(view).contains("\"generation\":1");
            Matcher money = Pattern.compile("\"money\":\\{([^}]*)}").matcher(view);
            assertThat(money.find()).isTrue();
            world.expected().forEach((kind, n) -> assertThat(money.group(1)).contains("\"" + kind + "\":" + n));

            await().atMost(Duration.ofMinutes(2)).until(() -> reports(smtp) >= 1);
            Thread.sleep(3000); // a second report would arrive now
            assertThat(reports(smtp)).isEqualTo(1);
        } finally {
            for (Process p : new Process[] {first, second}) {
                if (p != null) {
                    p.destroy();
                    p.waitFor();
                }
            }
            stub.close();
            smtp.stop();
        }
    }

    static HttpRequest.Builder request(String base, String suffix) {
        return HttpRequest.newBuilder(URI.create(base + "/api/reconciliations/" + ReconciliationBenchmark.DAY + suffix))
                .header("Authorization", "Bearer " + ReconciliationBenchmark.TOKEN);
    }

    /** The day's JSON, empty when the hub does not answer or has no run yet. */
    static String view(String base) {
        try {
            HttpResponse<String> r = HTTP.send(request(base, "").GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (Exception e) {
            return "";
        }
    }

    static long reports(GreenMail smtp) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith("Reconciliation " + ReconciliationBenchmark.DAY);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

}
