package com.casewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.CaseWireApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * The README's full-matter walkthrough, run as a reader runs it: scripts/sandbox-walkthrough.sh against the
 * sandbox profile (Clio, Twilio and SMTP simulators). Five milestone events on matter 1003, one approval, on which
 * the script pauses and points to the approval page, where the test presses "Approve and send" as a newcomer would; then
 * the client's messages (an SMS at once, the approved email, one combined SMS when the window closes), the
 * approval email to the attorney and a note on the matter for each message.
 */
@SpringBootTest(classes = CaseWireApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("sandbox")
class SandboxFullMatterWalkthroughTest {

    static final int PORT = SandboxWalkthroughTest.freePort();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        int smtp = SandboxWalkthroughTest.freePort();
        registry.add("server.port", () -> PORT);
        registry.add("hub.sandbox.smtp-port", () -> smtp);
        registry.add("spring.mail.port", () -> smtp);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sandbox-full-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // Quartz keeps its connection providers by scheduler name for the whole JVM: another sandbox context named
        // "casewire" (the profile's name) would fire this one's triggers into its own stopped routes
        registry.add("spring.quartz.scheduler-name", () -> "casewire-sandbox-full-" + UUID.randomUUID());
        registry.add("hub.notifications.quiet-hours-end", () -> "00:00");
        registry.add("hub.notifications.quiet-hours-start", () -> "23:59:59");
        registry.add("hub.status-updates.window", () -> "6s"); // the sandbox's 1 minute, shortened for the test
        registry.add("spring.jmx.enabled", () -> "false");
    }

    @Autowired
    SandboxState state;

    String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    long smsTo(String phone) {
        return state.messages.stream().filter(m -> m.to().equals(phone)).count();
    }

    long notesOn(String matterId) {
        return state.notes.stream().filter(n -> n.matterId().equals(matterId)).count();
    }

    @Test
    void fiveMilestonesOneApprovalTheClientsMessagesAndTheMattersNotes() throws Exception {
        ProcessBuilder script = new ProcessBuilder("bash", "scripts/sandbox-walkthrough.sh").redirectErrorStream(true);
        script.environment().put("HUB_URL", "http://localhost:" + PORT);
        script.environment().put("SANDBOX_PAUSE", "0.2");
        Process process = script.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        String link = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            output.append(line).append('\n');
            if (line.strip().startsWith("http") && line.contains("/approvals/")) {
                link = line.strip();
                break;
            }
        }
        // the walkthrough pauses on the pending approval and says where to click; nothing has gone to Maria
        assertThat(link).as(output.toString()).contains("/approve?exp=");
        assertThat(output).contains("waits for the attorney's approval");
        assertThat(get("/sandbox")).contains("Pages to open").contains(HtmlUtils.htmlEscape(link))
                .contains("Updates waiting for an attorney&#39;s approval (the approval email is in the captured mail below) (1)");
        assertThat(state.messages.stream().filter(m -> m.body().contains("proposal"))).isEmpty();

        // the newcomer opens the page and presses "Approve and send"; the walkthrough goes on
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Approve and send");
        HttpResponse<String> approved = HTTP.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(approved.body()).contains("<title>Approved</title>");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            output.append(line).append('\n');
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output.toString()).isZero();
        assertThat(output).contains("is decided");

        // when the window closes: the intake SMS, the approved email, the combined SMS, a note for each
        await().atMost(Duration.ofSeconds(30)).until(() -> smsTo("+12015550133") == 2 && notesOn("1003") == 3);
        String sandbox = get("/sandbox");
        assertThat(state.messages.get(0).body()).startsWith("Hi Maria, thank you for completing your intake");
        assertThat(sandbox.indexOf(state.messages.get(1).body())).as("newest first")
                .isLessThan(sandbox.indexOf("Hi Maria, thank you for completing your intake"));
        assertThat(state.messages.get(1).body()).isEqualTo("Hi Maria, there are 3 updates on your matter with Sandbox Law "
                + "Group. Call us for the details; your legal team will be in touch if anything is needed from you.");
        assertThat(sandbox).contains("Mail captured by the sandbox SMTP server (2)")
                .contains("Approval needed: Garcia Custody")
                .contains("We have received a proposal from the other party to settle Garcia Custody.")
                .contains("Notes written on matters in the Clio simulator (3)")
                .contains("Client update sent by SMS").contains("Client update sent by email")
                .contains("Updates waiting for an attorney&#39;s approval (the approval email is in the captured mail below) (0)")
                .contains("Garcia Custody (").doesNotContain("<td><pre>null</pre>");
        assertThat(get("/sandbox/state.json")).contains("maria.garcia@example.com").contains("alex@sandbox-law.example");
        Thread.sleep(1000);
        assertThat(smsTo("+12015550133")).isEqualTo(2);
    }
}
