package com.casewire.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.LawpayFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * routes/billing.camel.yaml over 45 simulated days with the repository's rules, staff.yaml (Dana Partner: billing
 * partner, SMS; Morgan Ledger: billing manager) and templates: WireMock Clio (GET /bills.json?overdue_only=true, GET
 * /matters/{id}.json, POST /tasks.json and /notes.json as Clio answers them), a WireMock LawPay gateway (GET
 * /v1/events/{id}: payments reach the hub through /webhooks/lawpay as the gateway delivers them), Twilio, GreenMail.
 * Eleven invoices due 2098-11-03 (far ahead of the real date: the billing tick of another cached hub context, on the real clock, finds none of them due), each a case the issue names. Run on H2 ({@link BillingOnH2Test}) and PostgreSQL
 * ({@link BillingOnPostgresTest}).
 */
abstract class BillingScenarios extends HubIntegrationTest {

    static final WireMockServer lawpay = new WireMockServer(options().dynamicPort());
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalDate ISSUED = LocalDate.parse("2098-10-04");
    static final LocalDate DUE = LocalDate.parse("2098-11-03");
    static final String PAGE = "https://secure.affinipay.com/pages/testlaw/operating";
    static final String PARTNER_MOBILE = "+12015550144";
    static final String BILLS_STUB = "6f1c2f9e-0b5a-4c1e-9d0e-3b1a2c4d5e6f";
    static final String OPERATOR = "billing-operator-token";

    static {
        lawpay.start();
    }

    @DynamicPropertySource
    static void world(DynamicPropertyRegistry registry) {
        registry.add("hub.lawpay.base-url", lawpay::baseUrl);
        registry.add("hub.lawpay.secret-key", () -> LawpayFixtures.SECRET_KEY);
        registry.add("hub.lawpay.payment-page-url", () -> PAGE);
        registry.add("hub.lawpay.poll-events", () -> "false");
        registry.add("hub.billing.from", () -> "billing@testlaw.example");
        registry.add("hub.billing.reply-to", () -> "accounts@testlaw.example");
        registry.add("hub.api.operator-token", () -> OPERATOR);
    }

    /** A bill as Clio lists it; {@code email} null for a client without one. */
    record Bill(String id, String number, String clientId, String clientName, String email, String matterId,
                long balanceCents) {
        Bill withBalance(long cents) {
            return new Bill(id, number, clientId, clientName, email, matterId, cents);
        }
    }

    @Autowired
    BillingLadder ladder;
    @Autowired
    ObjectMapper json;

    final Map<String, Bill> overdue = new LinkedHashMap<>();

    @BeforeEach
    void emptyLadder() {
        for (String table : List.of("billing_invoice", "billing_stage", "billing_payment", "billing_statement", "billing_run",
                "payment_event")) {
            jdbc.update("DELETE FROM " + table, Map.of());
        }
        lawpay.resetAll();
        overdue.clear();
        clio.stubFor(post(urlEqualTo("/api/v4/tasks.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.name"))
                .withRequestBody(matchingJsonPath("$.data.description"))
                .withRequestBody(matchingJsonPath("$.data.assignee.id"))
                .withRequestBody(matchingJsonPath("$.data.assignee.type", equalTo("User")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":6001,\"etag\":\"\\\"t1\\\"\"}}")));
    }

    // ---- the world

    void bill(String id, String number, String clientId, String clientName, String email, String matterId, long cents) {
        overdue.put(id, new Bill(id, number, clientId, clientName, email, matterId, cents));
        stubMatter(matterId, clientId, clientName, email);
    }

    /** GET /bills.json?overdue_only=true lists {@link #overdue} as it stands (the stub is replaced, not added). */
    void stubBills() {
        String data = overdue.values().stream().map(b -> """
                {"id":%s,"etag":"\\"b%s\\"","number":"%s","state":"awaiting_payment","type":"MatterBill",\
                "issued_at":"%s","due_at":"%s","balance":%s,"total":%s,"due":%s,"paid":0,\
                "client":{"id":%s,"name":"%s","first_name":"%s","primary_email_address":%s},"matters":[{"id":%s}]}"""
                .formatted(b.id(), b.id(), b.number(), ISSUED, DUE, units(b.balanceCents()), units(totalOf(b)),
                        units(b.balanceCents()), b.clientId(), b.clientName(), b.clientName().split(" ")[0],
                        b.email() == null ? "null" : "\"" + b.email() + "\"", b.matterId()))
                .collect(Collectors.joining(","));
        clio.listAllStubMappings().getMappings().stream().filter(m -> UUID.fromString(BILLS_STUB).equals(m.getId()))
                .forEach(clio::removeStubMapping);
        clio.stubFor(get(urlPathEqualTo("/api/v4/bills.json")).atPriority(1).withId(UUID.fromString(BILLS_STUB))
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("overdue_only", equalTo("true"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":[" + data + "],\"meta\":{\"paging\":{}}}")));
    }

    final Map<String, Long> totals = new LinkedHashMap<>();

    long totalOf(Bill b) {
        return totals.computeIfAbsent(b.id(), id -> b.balanceCents());
    }

    static String units(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }

    void stubMatter(String matterId, String clientId, String clientName, String email) {
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/" + matterId + ".json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"id":%s,"etag":"\\"m%s\\"","display_number":"%s-%s","description":"%s matter %s",\
                        "status":"Open","practice_area":{"id":9,"name":"Estate Planning"},\
                        "responsible_attorney":{"id":78,"name":"Blair Advocate","email":"blair@firm.example"},\
                        "client":{"id":%s,"name":"%s","first_name":"%s","primary_email_address":%s,\
                        "primary_phone_number":null}}}""".formatted(matterId, matterId, matterId, clientId,
                        clientName, matterId, clientId, clientName, clientName.split(" ")[0],
                        email == null ? "null" : "\"" + email + "\""))));
    }

    /** The morning of {@code day} days after the due date, 09:30 in New York; the schedule's tick, then the sends. */
    void runDay(int day) {
        clock.setTo(DUE.plusDays(day).atTime(LocalTime.of(9, 30)).atZone(NEW_YORK).toInstant());
        stubBills();
        ladder.runIfDue();
        awaitOutboxSettled();
    }

    /** A LawPay payment through the link, delivered to /webhooks/lawpay at 08:00 on {@code day}, applied before it returns. */
    void pay(int day, String eventId, long cents, String reference) throws Exception {
        clock.setTo(DUE.plusDays(day).atTime(LocalTime.of(8, 0)).atZone(NEW_YORK).toInstant());
        String event = LawpayFixtures.event(eventId, "transaction.completed", "txn_" + eventId, String.valueOf(cents),
                reference, null);
        lawpay.stubFor(get(urlPathEqualTo("/v1/events/" + eventId)).atPriority(1)
                .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(event)));
        assertThat(LawpayFixtures.deliver(port, event).statusCode()).isEqualTo(200);
        awaitInboxSettled();
        awaitOutboxSettled();
    }

    void awaitOutboxSettled() {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT COUNT(*) FROM outbox_message WHERE state IN ('PENDING', 'SENDING', 'RETRY_WAIT')") == 0);
    }

    // ---- what reached people

    record Mail(String to, String subject, String body, String from, String replyTo, String receiptTo, List<String> files,
                List<byte[]> pdfs) {
    }

    List<Mail> mailTo(String address) throws Exception {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (!Arrays.stream(m.getAllRecipients()).map(Object::toString).anyMatch(a -> a.contains(address))) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            List<String> files = new ArrayList<>();
            List<byte[]> pdfs = new ArrayList<>();
            walk(m, text, files, pdfs);
            out.add(new Mail(address, m.getSubject(), text.toString(), m.getFrom()[0].toString(),
                    m.getReplyTo() == null ? null : m.getReplyTo()[0].toString(),
                    m.getHeader("Disposition-Notification-To", null), files, pdfs));
        }
        return out;
    }

    private static void walk(Part part, StringBuilder text, List<String> files, List<byte[]> pdfs) throws Exception {
        if (part.getFileName() != null) {
            files.add(part.getFileName());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            part.getDataHandler().writeTo(bytes);
            pdfs.add(bytes.toByteArray());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart child = multi.getBodyPart(i);
                walk(child, text, files, pdfs);
            }
        } else if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        }
    }

    List<String> subjects(String address) throws Exception {
        return mailTo(address).stream().map(Mail::subject).toList();
    }

    List<String> smsToPartner() {
        return smsRequests().stream().filter(r -> PARTNER_MOBILE.equals(r.formParameters().get("To").firstValue()))
                .map(r -> r.formParameters().get("Body").firstValue()).toList();
    }

    List<JsonNode> tasks() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json")))) {
            out.add(json.readTree(r.getBodyAsString()).path("data"));
        }
        return out;
    }

    List<JsonNode> tasksOn(String matterId) throws Exception {
        return tasks().stream().filter(t -> matterId.equals(t.path("matter").path("id").asText())).toList();
    }

    List<String> notesOn(String matterId) throws Exception {
        List<String> out = new ArrayList<>();
        for (LoggedRequest r : noteRequests()) {
            JsonNode note = json.readTree(r.getBodyAsString()).path("data");
            if (matterId.equals(note.path("matter").path("id").asText())) {
                out.add(note.path("subject").asText());
            }
        }
        return out;
    }

    static String payLink(long cents, String reference) {
        return PAGE + "?amount=" + cents + "&reference=" + reference + "&readOnlyFields=reference,amount";
    }

    HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    // ---- the scenarios

    @Test
    void fortyFiveDaysOfElevenInvoices() throws Exception {
        bill("3101", "INV-1", "601", "Paula Early", "paula@billing-test.example", "2101", 50_000);
        bill("3102", "INV-2", "602", "Leo Tenday", "leo@billing-test.example", "2102", 75_000);
        bill("3103", "INV-3", "603", "Parker Part", "parker@billing-test.example", "2103", 100_000);
        bill("3104", "INV-4", "604", "Nora Never", "nora@billing-test.example", "2104", 120_000);
        bill("3111", "INV-11", "604", "Nora Never", "nora@billing-test.example", "2111", 30_000);
        bill("3105", "INV-5", "605", "Victor Void", "victor@billing-test.example", "2105", 40_000);
        bill("3106", "INV-6", "606", "Clio Settled", "settled@billing-test.example", "2106", 60_000);
        bill("3107", "INV-7", "607", "Rita Reduced", "rita@billing-test.example", "2107", 80_000);
        bill("3108", "INV-8", "608", "Nemo Noemail", null, "2108", 90_000);
        bill("3109", "INV-9A", "609", "Acme Holdings", "acme@billing-test.example", "2109", 20_000);
        bill("3110", "INV-9B", "609", "Acme Holdings", "acme@billing-test.example", "2109", 25_000);

        for (int day = 1; day <= 45; day++) {
            switch (day) {
                case 3 -> pay(3, "evt_early", 50_000, "INV-1");             // paid before day 7, through the link
                case 9 -> overdue.remove("3105");                            // voided in Clio: no longer overdue
                case 10 -> pay(10, "evt_day10", 75_000, "INV-2");           // paid through LawPay on day 10
                case 12 -> pay(12, "evt_part", 40_000, "INV-3");            // 400 of 1,000 on day 12
                case 15 -> overdue.put("3107", overdue.get("3107").withBalance(50_000)); // reduced in Clio
                case 16 -> overdue.remove("3106");                           // paid in Clio, not through LawPay
                default -> { }
            }
            runDay(day);
        }

        // paid before day 7: nothing but the thank-you
        assertThat(subjects("paula@")).containsExactly("Payment received: Paula Early matter 2101");
        assertThat(notesOn("2101")).contains("Payment received: invoice #INV-1");

        // stage 1 on day 7, paid on day 10: no second notice, one thank-you
        List<Mail> leo = mailTo("leo@");
        assertThat(leo).extracting(Mail::subject).containsExactly("Invoice #INV-2 — Payment Due",
                "Payment received: Leo Tenday matter 2102");
        Mail first = leo.get(0);
        assertThat(first.body()).contains("invoice #INV-2 for Leo Tenday matter 2102", "$750.00", "November 3, 2098",
                payLink(75_000, "INV-2"));
        assertThat(first.from()).contains("billing@testlaw.example");
        assertThat(first.replyTo()).isEqualTo("accounts@testlaw.example");
        assertThat(first.receiptTo()).isNull();
        assertThat(first.files()).containsExactly("invoice-INV-2.pdf");
        assertThat(new String(first.pdfs().get(0), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(tasksOn("2102")).isEmpty();

        // partly paid on day 12: the second notice and the escalation are for the 600 left
        List<Mail> parker = mailTo("parker@");
        assertThat(parker).extracting(Mail::subject).containsExactly("Invoice #INV-3 — Payment Due",
                "Payment received: Parker Part matter 2103", "Second Notice: Outstanding Balance",
                "Statement of account — December 1, 2098");
        assertThat(parker.get(0).body()).contains("$1,000.00", payLink(100_000, "INV-3"));
        Mail second = parker.get(2);
        assertThat(second.body()).contains("$600.00", "Parker Part matter 2103", payLink(60_000, "INV-3"));
        assertThat(second.receiptTo()).isEqualTo("accounts@testlaw.example");
        assertThat(second.files()).containsExactly("invoice-INV-3.pdf");
        assertThat(tasksOn("2103")).singleElement().satisfies(t -> {
            assertThat(t.path("assignee").path("id").asText()).isEqualTo("78");
            assertThat(t.path("name").asText()).isEqualTo("Call the client about overdue invoice #INV-3");
            assertThat(t.path("description").asText()).contains("$600.00");
        });

        // never paid, two matters: both ladders, then one statement listing both invoices
        List<Mail> nora = mailTo("nora@");
        assertThat(nora).extracting(Mail::subject).containsExactly("Invoice #INV-4 — Payment Due",
                "Invoice #INV-11 — Payment Due", "Second Notice: Outstanding Balance", "Second Notice: Outstanding Balance",
                "Statement of account — December 1, 2098");
        Mail statement = nora.get(4);
        assertThat(statement.body()).contains("Invoice #INV-4 | Nora Never matter 2104 | October 4, 2098 | $1,200.00 | 58 days",
                "Invoice #INV-11 | Nora Never matter 2111 | October 4, 2098 | $300.00 | 58 days",
                "Total outstanding: $1,500.00", payLink(150_000, "STMT-604-209812"));
        assertThat(statement.files()).containsExactly("statement-2098-12-01.pdf");
        assertThat(new String(statement.pdfs().get(0), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(tasksOn("2104")).hasSize(1);
        assertThat(tasksOn("2111")).hasSize(1);

        // voided on day 9: the reminder, then nothing
        assertThat(subjects("victor@")).containsExactly("Invoice #INV-5 — Payment Due");
        assertThat(tasksOn("2105")).isEmpty();

        // paid in Clio on day 16 without LawPay: stopped at the next run, no thank-you from the hub
        assertThat(subjects("settled@")).containsExactly("Invoice #INV-6 — Payment Due", "Second Notice: Outstanding Balance");
        assertThat(tasksOn("2106")).isEmpty();

        // reduced in Clio on day 15: the amount as it stands from then on
        List<Mail> rita = mailTo("rita@");
        assertThat(rita).extracting(Mail::subject).containsExactly("Invoice #INV-7 — Payment Due",
                "Second Notice: Outstanding Balance", "Statement of account — December 1, 2098");
        assertThat(rita.get(1).body()).contains("$800.00");
        assertThat(rita.get(2).body()).contains("$500.00", payLink(50_000, "STMT-607-209812"));
        assertThat(tasksOn("2107")).singleElement().satisfies(t ->
                assertThat(t.path("description").asText()).contains("$500.00"));

        // no email for the recipient: the billing manager gets a task for each client message instead of silence
        List<JsonNode> nemo = tasksOn("2108");
        assertThat(nemo).extracting(t -> t.path("name").asText()).containsExactly(
                "Invoice #INV-8: no email address for the payment reminder",
                "Invoice #INV-8: no email address for the second notice",
                "Call the client about overdue invoice #INV-8",
                "Invoice #INV-8: no email address for the monthly statement of account");
        assertThat(nemo).extracting(t -> t.path("assignee").path("id").asText()).containsExactly("91", "91", "78", "91");

        // two invoices of one client on one matter: one statement listing both
        List<Mail> acme = mailTo("acme@");
        assertThat(acme).extracting(Mail::subject).filteredOn(s -> s.startsWith("Statement")).hasSize(1);
        assertThat(acme).hasSize(5);
        assertThat(acme.get(4).body()).contains("Invoice #INV-9A", "Invoice #INV-9B", "Total outstanding: $450.00");
        assertThat(tasksOn("2109")).hasSize(2);

        // day 21: one alert per escalated invoice to the billing partner by SMS, nothing privileged in it
        List<String> alerts = smsToPartner();
        assertThat(alerts).hasSize(7);
        assertThat(alerts).allSatisfy(text -> assertThat(text).contains("past the second reminder")
                .doesNotContain("$").doesNotContain("matter 21"));
        assertThat(tasks()).hasSize(10);

        // running again (the operator's button) sends nothing twice
        int mails = mail.getReceivedMessages().length;
        HttpResponse<String> rerun = call("POST", "/api/billing/ladder/run", OPERATOR);
        assertThat(rerun.statusCode()).isEqualTo(200);
        assertThat(json.readTree(rerun.body()).path("stagesSent")).isEmpty();
        awaitOutboxSettled();
        assertThat(mail.getReceivedMessages()).hasSize(mails);
        assertThat(tasks()).hasSize(10);
        assertThat(smsToPartner()).hasSize(7);

        // the LawPay event delivered again: applied once, thanked once
        pay(45, "evt_day10", 75_000, "INV-2");
        assertThat(subjects("leo@")).hasSize(2);

        // the figures
        HttpResponse<String> figures = api("GET", "/api/billing/ladder");
        assertThat(figures.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(figures.body());
        Map<String, JsonNode> byNumber = new LinkedHashMap<>();
        report.path("invoices").forEach(i -> byNumber.put(i.path("number").asText(), i));
        assertThat(byNumber.get("INV-1").path("stopReason").asText()).isEqualTo("paid-lawpay");
        assertThat(byNumber.get("INV-2").path("daysToCollect").asLong()).isEqualTo(40); // Oct 4 to Nov 13
        assertThat(byNumber.get("INV-5").path("stopReason").asText()).isEqualTo("closed-in-practice-system");
        assertThat(byNumber.get("INV-6").path("stage").asInt()).isEqualTo(2);
        assertThat(byNumber.get("INV-4").path("stage").asInt()).isEqualTo(3);
        assertThat(byNumber.get("INV-3").path("remainingCents").asLong()).isEqualTo(60_000);
        assertThat(report.path("openBalanceByStage").path("escalation").asLong())
                .isEqualTo(60_000 + 120_000 + 30_000 + 50_000 + 90_000 + 20_000 + 25_000);
        assertThat(report.path("openInvoices").asInt()).isEqualTo(7);
    }

    @Test
    void theBillingPartnersSmsWaitsForQuietHoursToEnd() throws Exception {
        bill("3201", "INV-Q", "621", "Quinn Quiet", "quinn@billing-test.example", "2201", 10_000);
        runDay(7);
        runDay(14);
        // the operator runs the ladder at 22:30 in New York: the task goes at once, the SMS waits for the morning
        clock.setTo(DUE.plusDays(21).atTime(LocalTime.of(22, 30)).atZone(NEW_YORK).toInstant());
        assertThat(call("POST", "/api/billing/ladder/run", OPERATOR).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> tasksOn("2201").size() == 1);
        assertThat(smsToPartner()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM scheduled_action WHERE kind = 'notify-release' AND state = 'PENDING'"))
                .isEqualTo(1);
        clock.setTo(DUE.plusDays(22).atTime(LocalTime.of(8, 1)).atZone(NEW_YORK).toInstant());
        await().atMost(Duration.ofSeconds(15)).until(() -> smsToPartner().size() == 1);
        assertThat(smsToPartner().get(0)).contains("INV-Q");
        assertThat(subjects("quinn@")).containsExactly("Invoice #INV-Q — Payment Due", "Second Notice: Outstanding Balance");
    }

    @Test
    void aPracticeSystemOutageSendsNothingAndTheNextTickRunsTheDay() throws Exception {
        bill("3301", "INV-O", "631", "Oscar Outage", "oscar@billing-test.example", "2301", 10_000);
        clock.setTo(DUE.plusDays(7).atTime(LocalTime.of(9, 30)).atZone(NEW_YORK).toInstant());
        clio.stubFor(get(urlPathEqualTo("/api/v4/bills.json")).atPriority(1).withId(UUID.fromString(BILLS_STUB))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("ServiceUnavailable", "Clio is down for maintenance"))));
        HttpResponse<String> refused = call("POST", "/api/billing/ladder/run", OPERATOR);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("practice_system_unavailable");
        assertThat(count("SELECT COUNT(*) FROM billing_run")).isZero();
        runDay(7); // the next tick, Clio back
        assertThat(subjects("oscar@")).containsExactly("Invoice #INV-O — Payment Due");
        assertThat(count("SELECT COUNT(*) FROM billing_run")).isEqualTo(1);
    }

    @Test
    void anInvoiceThatFailsIsTriedAgainAtTheNextTickTheOthersAreNotRepeated() throws Exception {
        bill("3401", "INV-F", "641", "Fay Fail", "fay@billing-test.example", "2401", 10_000);
        bill("3402", "INV-G", "642", "Gus Good", "gus@billing-test.example", "2402", 10_000);
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/2401.json")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(ClioFixtures.clioError("ServiceUnavailable", "Please try again later"))));
        runDay(7);
        assertThat(subjects("gus@")).containsExactly("Invoice #INV-G — Payment Due");
        assertThat(subjects("fay@")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM billing_run")).isZero();

        stubMatter("2401", "641", "Fay Fail", "fay@billing-test.example"); // the practice system answers again
        runDay(7); // the next tick, the same day
        assertThat(subjects("fay@")).containsExactly("Invoice #INV-F — Payment Due");
        assertThat(subjects("gus@")).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM billing_run")).isEqualTo(1);
    }

    @Test
    void runningTheLadderNeedsTheOperatorToken() throws Exception {
        assertThat(call("POST", "/api/billing/ladder/run", "test-api-token").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/billing/ladder", OPERATOR).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/billing/ladder", "test-api-token").statusCode()).isEqualTo(200);
    }
}
