package com.casewire.retainer;

import static com.casewire.support.ClioFixtures.authed;
import static com.casewire.support.ClioFixtures.json;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.canonical.Channel;
import com.casewire.canonical.PaymentEvent;
import com.casewire.notify.ChannelPreferences;
import com.casewire.practice.clio.ClioClient;
import com.casewire.practice.clio.ClioWebhookSecrets;
import com.casewire.schedule.DurableTimers;
import com.casewire.support.HubIntegrationTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * routes/retainer.camel.yaml with the repository's retainer.rules.yaml (firm default: below $2,500.00, replenish to
 * $5,000.00; ladder at 5 and 10 business days) and staff.yaml (Alex Counsel, attorney 77; Morgan Ledger, billing
 * manager; Casey Solicitor, practice-group leader), WireMock Clio (matters with account_balances and custom fields,
 * unbilled activities, contacts, tasks, notes), GreenMail, and a clock the tests move: the first reminder goes on
 * Tuesday 8 December 2026 at 09:00 in New York, the second rung falls on Tuesday the 15th, the third on the 22nd.
 * Each test uses matters of its own. Run on H2 ({@link RetainerOnH2Test}) and PostgreSQL ({@link RetainerOnPostgresTest}).
 */
abstract class RetainerScenarios extends HubIntegrationTest {

    static final String PAGE = "https://secure.lawpay.example/pages/test-law/operating";
    static final Instant TUESDAY = Instant.parse("2026-12-08T14:00:00Z");
    static final Instant DAY_3 = Instant.parse("2026-12-11T14:00:00Z");
    static final Instant DAY_5 = Instant.parse("2026-12-15T14:00:01Z");
    static final Instant DAY_10 = Instant.parse("2026-12-22T14:00:01Z");
    static final long ACTIVITY_WEBHOOK = 5146;
    static final String PAYER = "pat.payer@example.com";
    static final AtomicInteger IDS = new AtomicInteger(31_000);

    @DynamicPropertySource
    static void lawpay(DynamicPropertyRegistry registry) {
        registry.add("hub.lawpay.payment-page-url", () -> PAGE);
    }

    @Autowired
    ProducerTemplate camel;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    DurableTimers timers;
    @Autowired
    ClioWebhookSecrets webhooks;
    @Autowired
    ChannelPreferences preferences;
    @Autowired
    RetainerOperations operations;

    @BeforeEach
    void world() {
        preferences.clear(ChannelPreferences.contactKey("501"));
        jdbc.update("DELETE FROM retainer_deposit", Map.of());
        jdbc.update("DELETE FROM retainer_matter", Map.of());
        clock.setTo(TUESDAY);
        webhooks.subscribed(ACTIVITY_WEBHOOK, "activity", TUESDAY.plus(Duration.ofDays(30)));
        clio.stubFor(authed(post(urlEqualTo("/api/v4/tasks.json")))
                .withRequestBody(matchingJsonPath("$.data.name")).withRequestBody(matchingJsonPath("$.data.description"))
                .withRequestBody(matchingJsonPath("$.data.assignee.id")).withRequestBody(matchingJsonPath("$.data.assignee.type", equalTo("User")))
                .willReturn(json(201, "{\"data\":{\"id\":6101,\"etag\":\"\\\"t1\\\"\"}}")));
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/contacts/650.json")))
                .willReturn(json(200, """
                        {"data":{"id":650,"name":"Pat Payer","first_name":"Pat","last_name":"Payer",\
                        "primary_email_address":"%s","primary_phone_number":null}}""".formatted(PAYER))));
    }

    /** A Clio matter with its client (Jane Doe, 501), trust balance and custom fields; returns its id. */
    String matter(String trustBalance, String billingContactId) {
        String id = String.valueOf(IDS.incrementAndGet());
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters/" + id + ".json"))).withQueryParam("fields",
                        equalTo("id,etag,display_number,description,status,practice_area{id,name},"
                                + "responsible_attorney{id,name,email},client{id,name,first_name,last_name,primary_email_address,"
                                + "primary_phone_number},custom_field_values{id,field_name,field_type,value}"))
                .willReturn(json(200, """
                        {"data":{"id":%s,"etag":"\\"m%s\\"","display_number":"%s-Doe","description":"Doe matter %s",\
                        "status":"Open","practice_area":{"id":9,"name":"Personal Injury"},\
                        "responsible_attorney":{"id":77,"name":"Alex Counsel","email":"alex@clio.example"},\
                        "client":{"id":501,"name":"Jane Doe","first_name":"Jane","last_name":"Doe",\
                        "primary_email_address":"%s","primary_phone_number":"%s"}}}"""
                        .formatted(id, id, id, id, CLIENT_EMAIL, CLIENT_PHONE))));
        trust(id, trustBalance);
        String custom = billingContactId == null ? "[]" : """
                [{"id":"cf-9","field_name":"Billing contact","field_type":"contact","value":{"id":%s,"name":"Pat Payer"}}]"""
                .formatted(billingContactId);
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters/" + id + ".json")))
                .withQueryParam("fields", equalTo(ClioClient.CUSTOM_FIELD_FIELDS))
                .willReturn(json(200, "{\"data\":{\"id\":" + id + ",\"custom_field_values\":" + custom + "}}")));
        unbilled(id, "[]");
        return id;
    }

    /** The matter's Trust account balance (Clio's decimal currency units). */
    void trust(String matterId, String balance) {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters/" + matterId + ".json")))
                .withQueryParam("fields", equalTo(ClioClient.ACCOUNT_BALANCE_FIELDS))
                .willReturn(json(200, """
                        {"data":{"id":%s,"account_balances":[{"id":31,"type":"Operating","name":"Operating","balance":120.00},\
                        {"id":32,"type":"Trust","name":"IOLTA Trust","balance":%s}]}}""".formatted(matterId, balance))));
    }

    /** GET /activities.json?matter_id=&status=unbilled answers these activities. */
    void unbilled(String matterId, String activities) {
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/activities.json")))
                .withQueryParam("matter_id", equalTo(matterId)).withQueryParam("status", equalTo("unbilled"))
                .willReturn(json(200, "{\"data\":" + activities + ",\"meta\":{\"paging\":{}}}")));
    }

    static String timeEntry(long id, String total) {
        return "{\"id\":%d,\"type\":\"TimeEntry\",\"total\":%s,\"billed\":false,\"non_billable\":false}".formatted(id, total);
    }

    /** Clio's activity webhook for a time entry created on the matter (model activity, event created). */
    void timeRecorded(String matterId, long activityId) throws Exception {
        String body = """
                {"data":{"id":%d,"etag":"\\"a%d\\"","type":"TimeEntry","date":"2026-12-08","quantity":7200,"note":"Drafting",\
                "matter":{"id":%s},"user":{"id":77}},"meta":{"event":"created","webhook_id":%d}}"""
                .formatted(activityId, activityId, matterId, ACTIVITY_WEBHOOK);
        assertThat(postSigned(body).statusCode()).isEqualTo(200);
    }

    void paid(String matterId, long cents) {
        PaymentEvent payment = new PaymentEvent("evt_" + UUID.randomUUID(), PaymentEvent.Type.COMPLETED,
                "txn_" + UUID.randomUUID(), cents, "USD", "retainer-" + matterId, "retainer-" + matterId, null, clock.instant());
        tx.executeWithoutResult(s -> camel.sendBody("direct:payment-event", payment));
    }

    /**
     * Messages about the matter that name {@code address} as a recipient (To or Cc), one per Message-ID: GreenMail keeps a
     * copy per recipient's mailbox, each listing every recipient.
     */
    List<MimeMessage> delivered(String matterId, String address) throws Exception {
        Map<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
        for (MimeMessage m : mail.getReceivedMessagesForDomain(address)) {
            if (m.getSubject() != null && m.getSubject().contains(matterId + "-Doe")) {
                byId.putIfAbsent(m.getMessageID(), m);
            }
        }
        return List.copyOf(byId.values());
    }

    /** The plain-text body with the line ends SMTP gave it (CRLF) as the template wrote them. */
    static String body(MimeMessage message) throws Exception {
        return ((String) message.getContent()).replace("\r\n", "\n");
    }

    List<LoggedRequest> tasksFor(String matterId) {
        return clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json"))
                .withRequestBody(matchingJsonPath("$.data.matter.id", equalTo(matterId))));
    }

    String ladderState(String matterId, String rung) {
        return timers.stateOf(RetainerLadder.key(matterId, 1, rung));
    }

    @Test
    void aTimeEntryThatTakesTheMatterBelowRemindsItsBillingContactNotTheClient() throws Exception {
        String m = matter("3000.00", "650");
        unbilled(m, "[" + timeEntry(8101, "600.00") + "]");
        long started = System.nanoTime();
        timeRecorded(m, 8101);

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(m, PAYER).size() == 1);
        System.out.printf("retainer: activity webhook to reminder in the billing contact's mailbox: %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        MimeMessage reminder = delivered(m, PAYER).get(0);
        String text = body(reminder);
        assertThat(reminder.getSubject()).isEqualTo("Retainer replenishment needed: Doe matter " + m + " (" + m + "-Doe)");
        assertThat(text).startsWith("Dear Pat,")
                .contains("Current trust balance: $3,000.00", "Work recorded and not yet billed: $600.00",
                        "Threshold: $2,500.00", "Agreed level: $5,000.00", "please deposit $2,600.00 by Tuesday, December 15, 2026",
                        PAGE + "?amount=260000&reference=retainer-" + m + "&readOnlyFields=reference,amount",
                        "Alex Counsel\nTest Law LLP");
        assertThat(((InternetAddress) reminder.getFrom()[0]).getPersonal()).isEqualTo("Alex Counsel, Test Law LLP");
        assertThat(reminder.getReplyTo()).extracting(Object::toString).containsExactly("alex@firm.example");
        assertThat(reminder.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(delivered(m, CLIENT_EMAIL)).isEmpty();

        // the event is canonical and the matter is low once: a second entry while still below says nothing new
        assertThat(count("SELECT COUNT(*) FROM retainer_matter WHERE state = 'LOW' AND episode = 1 AND matter_id = '" + m + "'"))
                .isEqualTo(1);
        unbilled(m, "[" + timeEntry(8101, "600.00") + "," + timeEntry(8102, "150.00") + "]");
        timeRecorded(m, 8102);
        awaitInboxSettled();
        assertThat(jdbc.queryForObject("SELECT available_cents FROM retainer_matter WHERE matter_id = :m", Map.of("m", m),
                Long.class)).isEqualTo(225_000L);
        assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE kind = 'EMAIL' AND idempotency_key LIKE 'retainer:" + m
                + ":%'")).isEqualTo(1);

        // on the communication log and written back to the matter
        await().atMost(Duration.ofSeconds(10)).until(() -> clio.findAll(postRequestedFor(urlEqualTo("/api/v4/notes.json"))
                .withRequestBody(matchingJsonPath("$.data.matter.id", equalTo(m)))).size() == 1);
        assertThat(count("SELECT COUNT(*) FROM communication_log WHERE matter_id = '" + m + "' AND workflow = 'retainer'"))
                .isEqualTo(1);
        // timers for the two rungs are set
        assertThat(timers.dueAt(RetainerLadder.key(m, 1, RetainerLadder.SECOND))).isEqualTo(Instant.parse("2026-12-15T14:00:00Z"));
        assertThat(timers.dueAt(RetainerLadder.key(m, 1, RetainerLadder.ESCALATE))).isEqualTo(Instant.parse("2026-12-22T14:00:00Z"));
    }

    @Test
    void unpaidOnDayFiveTheSecondReminderCopiesTheAttorneyAndOnDayTenStaffAreAlertedAndWorkPauses() throws Exception {
        String m = matter("2000.00", null);
        timeRecorded(m, 8201);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(m, CLIENT_EMAIL).size() == 1);
        assertThat(body(delivered(m, CLIENT_EMAIL).get(0))).startsWith("Dear Jane,")
                .contains("please deposit $3,000.00");

        clock.setTo(DAY_5);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(m, CLIENT_EMAIL).size() == 2);
        MimeMessage second = delivered(m, CLIENT_EMAIL).stream().filter(msg -> {
            try {
                return msg.getSubject().startsWith("Second reminder");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertThat(second.getRecipients(Message.RecipientType.CC)).extracting(Object::toString).containsExactly("alex@firm.example");
        assertThat(body(second)).contains("Please deposit $3,000.00 by Tuesday, December 22, 2026",
                "Your attorney is copied");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(m, "alex@firm.example").size() == 1);
        assertThat(tasksFor(m)).isEmpty();

        clock.setTo(DAY_10);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(m, "billing@firm.example").size() == 1
                && delivered(m, "casey@firm.example").size() == 1 && tasksFor(m).size() == 1);
        assertThat(body(delivered(m, "billing@firm.example").get(0)))
                .startsWith("Morgan,").contains("below its\nthreshold since Tuesday, December 8, 2026", "Needed to restore it: $3,000.00");
        LoggedRequest task = tasksFor(m).get(0);
        assertThat(task.getBodyAsString()).contains("\"id\":77", "Pause work: retainer unpaid on " + m + "-Doe");
        assertThat(delivered(m, CLIENT_EMAIL)).hasSize(2); // no more client email after the escalation
    }

    @Test
    void aDepositOnDayThreeThatRestoresTheLevelStopsEverything() throws Exception {
        String m = matter("2000.00", null);
        timeRecorded(m, 8301);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(m, CLIENT_EMAIL).size() == 1);

        clock.setTo(DAY_3);
        paid(m, 300_000); // Clio does not show it yet: the LawPay payment with the matter's reference is enough
        assertThat(ladderState(m, RetainerLadder.SECOND)).isEqualTo("CANCELLED");
        assertThat(ladderState(m, RetainerLadder.ESCALATE)).isEqualTo("CANCELLED");
        assertThat(count("SELECT COUNT(*) FROM retainer_matter WHERE state = 'OK' AND matter_id = '" + m + "'")).isEqualTo(1);
        // the payments route still recorded the event: the retainer step left the PaymentEvent as it was
        assertThat(count("SELECT COUNT(*) FROM payment_event WHERE reference = 'retainer-" + m + "' AND amount_cents = 300000"))
                .isEqualTo(1);

        // a check before Clio shows the deposit does not take the matter low again
        tx.executeWithoutResult(s -> camel.sendBodyAndHeader("direct:retainer-check", m, "casewireRetainerTrigger", "sweep"));
        clock.setTo(DAY_10);
        awaitInboxSettled();
        assertThat(count("SELECT COUNT(*) FROM retainer_matter WHERE state = 'OK' AND episode = 1 AND matter_id = '" + m + "'"))
                .isEqualTo(1);
        assertThat(delivered(m, CLIENT_EMAIL)).hasSize(1);
        assertThat(delivered(m, "billing@firm.example")).isEmpty();
        assertThat(tasksFor(m)).isEmpty();
    }

    @Test
    void aPartialDepositRecomputesTheAmountTheNextReminderAsksFor() throws Exception {
        String m = matter("2000.00", null);
        timeRecorded(m, 8401);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(m, CLIENT_EMAIL).size() == 1);
        clock.setTo(DAY_3);
        paid(m, 30_000); // two deposits that leave it below the threshold: 2,000 + 400 = 2,400
        paid(m, 10_000);
        assertThat(ladderState(m, RetainerLadder.SECOND)).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("SELECT deposits_cents FROM retainer_matter WHERE matter_id = :m", Map.of("m", m),
                Long.class)).isEqualTo(40_000L);
        // Clio does not show the deposits yet: the hub counts them (5,000 - 2,400)
        assertThat(api("GET", "/api/retainers").body()).contains("\"matterId\":\"" + m + "\"", "\"amountDueCents\":260000");
        trust(m, "2400.00"); // by day 5 it does, and they are not counted twice

        clock.setTo(DAY_5);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(m, CLIENT_EMAIL).size() == 2);
        String second = delivered(m, CLIENT_EMAIL).stream().map(msg -> {
            try {
                return body(msg);
            } catch (Exception e) {
                return "";
            }
        }).filter(t -> t.contains("We have not yet received")).findFirst().orElseThrow();
        assertThat(second).contains("Current trust balance: $2,400.00", "Please deposit $2,600.00",
                "amount=260000&reference=retainer-" + m);
    }

    @Test
    void twoLowMattersOfOneClientGetTwoRemindersEachNamingItsMatter() throws Exception {
        String first = matter("1000.00", null);
        String second = matter("1500.00", null);
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters.json"))).withQueryParam("status", equalTo("open"))
                .willReturn(json(200, """
                        {"data":[{"id":%s,"account_balances":[{"id":32,"type":"Trust","balance":1000.00}]},\
                        {"id":%s,"account_balances":[{"id":32,"type":"Trust","balance":1500.00}]},\
                        {"id":1001,"account_balances":[{"id":31,"type":"Operating","balance":10.00}]}],\
                        "meta":{"paging":{}}}""".formatted(first, second))));

        HttpResponse<String> sweep = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/retainers/sweep"))
                .header("Authorization", "Bearer test-api-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sweep.statusCode()).isEqualTo(200);
        assertThat(sweep.body()).contains("\"matters\":2", "\"checked\":2", "\"failed\":0");

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(first, CLIENT_EMAIL).size() == 1
                && delivered(second, CLIENT_EMAIL).size() == 1);
        assertThat(body(delivered(first, CLIENT_EMAIL).get(0)))
                .contains("Doe matter " + first, "please deposit $4,000.00").doesNotContain("Doe matter " + second);
        assertThat(body(delivered(second, CLIENT_EMAIL).get(0)))
                .contains("Doe matter " + second, "please deposit $3,500.00").doesNotContain("Doe matter " + first);
        String below = api("GET", "/api/retainers").body();
        assertThat(below).contains("\"firm\":[", "\"matterId\":\"" + first + "\"", "\"matterId\":\"" + second + "\"");
        assertThat(operations.getMattersBelowThreshold()).isEqualTo(2); // the JMX view: only this test's matters are low
        assertThat(operations.getBelowThresholdByTier()).containsExactly(Map.entry("firm", 2L));
        // a sweep with no change says nothing new
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/retainers/sweep"))
                .header("Authorization", "Bearer test-api-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delivered(first, CLIENT_EMAIL)).hasSize(1);
        assertThat(api("POST", "/api/retainers").statusCode()).isEqualTo(405);
    }

    @Test
    void theSweepNeedsTheOperatorTokenAndSaysWhenClioCannotListTheMatters() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/retainers/sweep")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("operator token");
        clio.stubFor(authed(get(urlPathEqualTo("/api/v4/matters.json"))).withQueryParam("status", equalTo("open"))
                .willReturn(json(404, com.casewire.support.ClioFixtures.clioError("RecordNotFound", "gone"))));
        HttpResponse<String> sweep = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/retainers/sweep"))
                .header("Authorization", "Bearer test-api-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sweep.statusCode()).isEqualTo(503);
        assertThat(sweep.body()).contains("practice_system_unavailable");
        assertThat(api("GET", "/api/retainers").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientWhoAskedForTextsGetsTheLinkByTextWithNoAmounts() throws Exception {
        preferences.set(ChannelPreferences.contactKey("501"), Channel.SMS, "test", clock.instant());
        String m = matter("1000.00", null);
        timeRecorded(m, 8601);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().stream()
                .anyMatch(r -> r.formParameters().get("Body").firstValue().contains(m + "-Doe")));
        String sms = smsRequests().stream().map(r -> r.formParameters().get("Body").firstValue())
                .filter(b -> b.contains(m + "-Doe")).findFirst().orElseThrow();
        assertThat(sms).isEqualTo("Test Law LLP: the retainer on your matter " + m + "-Doe needs attention. Details and "
                + "secure payment: " + PAGE + "?amount=400000&reference=retainer-" + m + "&readOnlyFields=reference,amount");
        assertThat(sms.replace(PAGE, "").replaceAll("amount=\\d+", "")).doesNotContain("$").doesNotContain("4,000");
        preferences.clear(ChannelPreferences.contactKey("501"));
    }
}
