package com.casewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.CaseWireApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's billing walkthrough on the real sandbox profile: an overdue bill on the Clio simulator gets its stage-1
 * email (pay link, invoice PDF) when the ladder runs; paying the link on the LawPay simulator's page stops the ladder,
 * writes the payment on the matter and thanks the client once. A context of its own: its bill and messages must not
 * show up in the other sandbox walkthroughs' counts.
 */
@SpringBootTest(classes = CaseWireApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("sandbox")
class SandboxBillingWalkthroughTest {

    static final int PORT = SandboxWalkthroughTest.freePort();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        int smtp = SandboxWalkthroughTest.freePort();
        registry.add("server.port", () -> PORT);
        registry.add("hub.sandbox.smtp-port", () -> smtp);
        registry.add("spring.mail.port", () -> smtp);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sandbox-billing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.quartz.scheduler-name", () -> "casewire-sandbox-billing-" + UUID.randomUUID());
        registry.add("spring.jmx.enabled", () -> "false");
    }

    HttpResponse<String> send(String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Authorization", "Bearer sandbox-api-token");
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return HTTP.send(request.method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode state() throws Exception {
        return JSON.readTree(send("GET", "/sandbox/state.json", null).body());
    }

    long mailWithSubject(String subject) throws Exception {
        return StreamSupport.stream(state().path("mail").spliterator(), false)
                .filter(m -> m.path("subject").asText().equals(subject)).count();
    }

    @Test
    void anOverdueInvoiceIsChasedPaidThroughTheLinkAndTheClientThanked() throws Exception {
        HttpResponse<String> created = send("POST", "/sandbox/clio/simulate/overdue-bill?matterId=1002&daysOverdue=8&amount=85000", null);
        assertThat(created.statusCode()).isEqualTo(201);
        String number = JSON.readTree(created.body()).path("number").asText();

        HttpResponse<String> run = send("POST", "/api/billing/ladder/run", null);
        assertThat(run.statusCode()).isEqualTo(200);

        // 1. the stage-1 email to Richard Roe, from the sandbox's mail sender, with the pay link and the invoice PDF
        String subject = "Invoice #" + number + " — Payment Due";
        await().atMost(Duration.ofSeconds(20)).until(() -> mailWithSubject(subject) == 1);
        JsonNode reminder = StreamSupport.stream(state().path("mail").spliterator(), false)
                .filter(m -> m.path("subject").asText().equals(subject)).findFirst().orElseThrow();
        assertThat(reminder.path("to").asText()).isEqualTo("richard.roe@example.com");
        assertThat(reminder.path("body").asText()).contains("Roe Estate Plan", "$850.00", "[attached: invoice-" + number + ".pdf]");
        Matcher link = Pattern.compile("http://localhost:" + PORT + "(/sandbox/lawpay/pages/sandbox-law\\?\\S+)")
                .matcher(reminder.path("body").asText());
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).contains("amount=85000", "reference=" + number, "readOnlyFields=reference,amount");

        // 2. the link opens the LawPay simulator's page; "Pay now" posts the payment, delivered to /webhooks/lawpay
        assertThat(send("GET", link.group(1), null).body()).contains("$850.00", number, "Pay now");
        assertThat(send("POST", "/sandbox/lawpay/pay", "amount=85000&reference=" + number).body()).contains("HTTP 200");

        // 3. the ladder stops, the payment is on the matter, the client is thanked once (the matter-status milestone)
        await().atMost(Duration.ofSeconds(20)).until(() -> mailWithSubject("Payment received: Roe Estate Plan") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(state().path("notes").spliterator(), false)
                .anyMatch(n -> n.path("subject").asText().equals("Payment received: invoice #" + number)));
        JsonNode ladder = JSON.readTree(send("GET", "/api/billing/ladder", null).body());
        JsonNode invoice = StreamSupport.stream(ladder.path("invoices").spliterator(), false)
                .filter(i -> i.path("number").asText().equals(number)).findFirst().orElseThrow();
        assertThat(invoice.path("status").asText()).isEqualTo("stopped");
        assertThat(invoice.path("stopReason").asText()).isEqualTo("paid-lawpay");

        // the simulator still lists the bill as overdue (Clio does not know of the LawPay payment): nothing more is sent
        HttpResponse<String> again = send("POST", "/api/billing/ladder/run", null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("stagesSent")).isEmpty();
        assertThat(mailWithSubject(subject)).isEqualTo(1);
        assertThat(mailWithSubject("Payment received: Roe Estate Plan")).isEqualTo(1);
    }
}
