package com.casewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.CaseWireApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's retainer walkthrough on the real sandbox profile: two hours recorded on matter 1004 in the Clio simulator
 * (which sends Clio's activity webhook) take its $3,000.00 trust balance below the $2,500.00 threshold once the $600.00
 * of unbilled work is counted; the reminder goes to the billing contact the matter names (Priya Shah), not to the
 * client, with the amount ($2,600.00) and the LawPay link; paying that link in the LawPay simulator stops the ladder.
 */
@SpringBootTest(classes = CaseWireApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("sandbox")
class SandboxRetainerWalkthroughTest {

    static final int PORT = freePort();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        int smtp = freePort();
        registry.add("server.port", () -> PORT);
        registry.add("hub.sandbox.smtp-port", () -> smtp);
        registry.add("spring.mail.port", () -> smtp);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sandbox-retainer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.quartz.scheduler-name", () -> "casewire-sandbox-" + UUID.randomUUID());
        registry.add("hub.notifications.quiet-hours-end", () -> "00:00");
        registry.add("hub.notifications.quiet-hours-start", () -> "23:59:59");
        registry.add("spring.jmx.enabled", () -> "false");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    HttpResponse<String> send(String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Authorization", "Bearer sandbox-api-token");
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return HTTP.send(request.method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode mailTo(String address) throws Exception {
        for (JsonNode m : JSON.readTree(send("GET", "/sandbox/state.json", null).body()).path("mail")) {
            if (m.path("to").asText().contains(address) && m.path("subject").asText().contains("00004-Patel")) {
                return m;
            }
        }
        return null;
    }

    @Test
    void timeRecordedOnMatter1004RemindsItsBillingContactAndPayingTheLinkStopsTheLadder() throws Exception {
        HttpResponse<String> recorded = send("POST", "/sandbox/clio/simulate/time-entry?matterId=1004&hours=2", null);
        assertThat(recorded.statusCode()).isEqualTo(201);
        assertThat(recorded.body()).contains("\"seconds\":7200", "\"webhookStatus\":200");

        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo("priya.shah@patel-holdings.example") != null);
        JsonNode reminder = mailTo("priya.shah@patel-holdings.example");
        String body = reminder.path("body").asText().replace("\r\n", "\n");
        assertThat(reminder.path("subject").asText())
                .isEqualTo("Retainer replenishment needed: Patel Holdings v. Brightline (00004-Patel)");
        assertThat(body).startsWith("Dear Priya,").contains("Current trust balance: $3,000.00",
                "Work recorded and not yet billed: $600.00", "please deposit $2,600.00", "Alex Counsel");
        assertThat(mailTo("anil.patel@example.com")).isNull(); // the client is not the one who pays
        Matcher link = Pattern.compile("http://localhost:" + PORT + "(/sandbox/lawpay/pages/sandbox-law\\?\\S+)").matcher(body);
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).isEqualTo("/sandbox/lawpay/pages/sandbox-law?amount=260000&reference=retainer-1004"
                + "&readOnlyFields=reference,amount");
        assertThat(send("GET", "/api/retainers", null).body()).contains("\"below\":1", "\"matterId\":\"1004\"");

        String page = send("GET", link.group(1), null).body();
        assertThat(page).contains("Reference: <b>retainer-1004</b>", "Amount: <b>$2600.00</b>");
        String paid = send("POST", "/sandbox/lawpay/pay", "amount=260000&reference=retainer-1004").body();
        assertThat(paid).contains("HTTP 200");

        await().atMost(Duration.ofSeconds(20)).until(() -> send("GET", "/api/retainers", null).body().contains("\"below\":0"));
        assertThat(jdbc.queryForList("SELECT state FROM scheduled_action WHERE kind = 'retainer-ladder'", Map.of(), String.class))
                .containsExactly("CANCELLED", "CANCELLED");
        assertThat(jdbc.queryForObject("SELECT amount_cents FROM retainer_deposit WHERE matter_id = '1004'", Map.of(), Long.class))
                .isEqualTo(260_000L);
    }
}
