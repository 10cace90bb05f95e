package com.casewire.reconciliation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogEntry;
import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundMessage;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.casewire.support.LawpayFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * routes/reconciliation.camel.yaml end to end: a LawPay stub serving GET /v1/transactions in pages (Basic auth with the
 * secret key, page/page_size/total_entries/results), WireMock Clio serving bank accounts, bank transactions (cursor
 * pages through meta.paging.next), time entries and POST /tasks.json, the time-entry workflow's prompt rows and the
 * communication log and outbox as the hub writes them, GreenMail for the report. Every kind of mismatch is seeded in
 * each section. Run on H2 ({@link ReconciliationOnH2Test}) and PostgreSQL ({@link ReconciliationOnPostgresTest}).
 */
abstract class ReconciliationScenarios extends HubIntegrationTest {

    static final LocalDate DAY = LocalDate.parse("2026-12-07");
    /** The next morning, 09:00 in New York: the day is closed. */
    static final Instant NEXT_MORNING = Instant.parse("2026-12-08T14:00:00Z");
    static final String MANAGER = "billing@firm.example";

    static final WireMockServer lawpay = new WireMockServer(options().dynamicPort());

    static {
        lawpay.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("hub.lawpay.base-url", lawpay::baseUrl);
        registry.add("hub.lawpay.secret-key", () -> LawpayFixtures.SECRET_KEY);
        registry.add("hub.lawpay.poll-events", () -> "false");
        registry.add("hub.lawpay.requests-per-minute", () -> "6000");
        registry.add("hub.reconciliation.gateway-page-size", () -> "3");
        registry.add("hub.reconciliation.stage-batch", () -> "2"); // each page of three staged on its own
        registry.add("hub.reconciliation.check-interval-millis", () -> "3600000");
    }

    @Autowired
    ReconciliationRuns runs;
    @Autowired
    CommunicationLog commLog;
    @Autowired
    ObjectMapper json;
    @Autowired
    CamelContext camel;
    @Autowired
    ReconciliationOperations operations;

    @BeforeEach
    void freshDay() {
        for (String table : List.of("recon_run", "recon_fact", "recon_finding", "recon_count", "time_entry_prompt")) {
            jdbc.update("DELETE FROM " + table, Map.of());
        }
        lawpay.resetAll();
        clock.setTo(NEXT_MORNING);
        stubGateway();
        stubClioLedger();
        seedTime();
        seedCommunications();
    }

    // ---- money: eight charges on three pages against six recorded payments on two cursor pages

    void stubGateway() {
        List<String> charges = List.of(
                charge("txn_1", "COMPLETED", 10000, "INV-1"),      // matched by the operating payment
                charge("txn_2", "COMPLETED", 5000, "INV-2"),       // received, never applied
                charge("txn_4", "COMPLETED", 20000, "INV-4"),      // recorded as 180.00
                charge("txn_5a", "COMPLETED", 3000, "INV-5"),      // the same reference charged twice
                charge("txn_5b", "COMPLETED", 3000, "inv-5 "),
                charge("txn_7", "FAILED", 9900, "INV-7"),          // failed: not money received
                charge("txn_8", "COMPLETED", 50000, "RET-8"),      // matched by the trust deposit
                charge("txn_9", "AUTHORIZED", 1234, "INV-9"));     // matched, authorised counts
        stubGatewayPages(List.of(charges.subList(0, 3), charges.subList(3, 6), charges.subList(6, 8)), charges.size());
    }

    /** GET /v1/transactions serving {@code pages} of three (page 1, 2, ...) that say {@code total} entries. */
    void stubGatewayPages(List<List<String>> pages, int total) {
        for (int page = 1; page <= pages.size(); page++) {
            lawpay.stubFor(get(urlPathEqualTo("/v1/transactions")).atPriority(1)
                    .withHeader("Authorization", equalTo(LawpayFixtures.AUTHORIZATION))
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .withQueryParam("page_size", equalTo("3"))
                    .withQueryParam("start_date", equalTo("2026-12-07T05:00:00.000Z"))
                    .withQueryParam("end_date", matching("2026-12-0[78]T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                            "{\"page\":" + page + ",\"page_size\":3,\"total_entries\":" + total + ",\"results\":["
                                    + String.join(",", pages.get(page - 1)) + "]}")));
        }
        lawpay.stubFor(get(urlPathEqualTo("/v1/transactions")).atPriority(5)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(LawpayFixtures.error("unauthorized", "Invalid credentials"))));
    }

    static String charge(String id, String status, long cents, String reference) {
        return """
                {"id":"%s","created":"2026-12-07T16:00:00.000Z","modified":"2026-12-07T16:00:01.000Z","type":"CHARGE",\
                "account_id":"acct_operating_1","status":"%s","failure_code":null,"amount":%d,"currency":"USD",\
                "amount_refunded":0,"auto_capture":true,"method":{"type":"card","number":"************4242"},\
                "reference":"%s","messages":[]}""".formatted(id, status, cents, reference);
    }

    void stubClioLedger() {
        stubClio("/api/v4/bank_accounts.json", Map.of("type", "OperatingAccount"),
                "[{\"id\":11,\"etag\":\"\\\"b1\\\"\",\"name\":\"Operating\",\"type\":\"Operating\",\"balance\":1000.0,\"currency\":\"USD\"}]", null);
        stubClio("/api/v4/bank_accounts.json", Map.of("type", "TrustAccount"),
                "[{\"id\":12,\"etag\":\"\\\"b2\\\"\",\"name\":\"IOLTA\",\"type\":\"Trust\",\"balance\":5000.0,\"currency\":\"USD\"}]", null);
        String next = clio.baseUrl() + "/api/v4/bank_transactions.json?page_token=p2&limit=200";
        stubClio("/api/v4/bank_transactions.json", Map.of("created_since", "2026-12-06T05:00:00Z"), "["
                + payment(101, 11, "100.00", "2026-12-07", "INV-1", "Payment from Jane Doe") + ","
                + payment(103, 11, "70.00", "2026-12-07", "INV-3", "Payment by cheque") + ","
                + payment(104, 11, "180.00", "2026-12-07", "INV-4", "Payment") + "]", next);
        stubClio("/api/v4/bank_transactions.json", Map.of("page_token", "p2"), "["
                + payment(108, 12, "500.00", "2026-12-07", "RET-8", "Retainer deposit") + ","
                + payment(109, 11, "12.34", "2026-12-07", null, "INV-9") + ","
                + payment(110, 11, "40.00", "2026-12-06", "INV-10", "yesterday's") + ","
                + "{\"id\":111,\"bank_account_id\":11,\"amount\":-25.0,\"funds_in\":0,\"funds_out\":25.0,\"date\":\"2026-12-07\","
                + "\"description\":\"Bank fee\",\"transaction_type\":\"Withdrawal\",\"confirmation\":null}]", null);
        stubClio("/api/v4/activities.json", Map.of("type", "TimeEntry", "start_date", "2026-12-07", "end_date", "2026-12-07"), """
                [{"id":8001,"type":"TimeEntry","date":"2026-12-07","quantity":1800,"note":"call","matter":{"id":1001},"user":{"id":77}},
                 {"id":8002,"type":"TimeEntry","date":"2026-12-07","quantity":600,"note":"research","matter":{"id":1005},"user":{"id":79}}]""", null);
        clio.stubFor(post(urlEqualTo("/api/v4/tasks.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.name"))
                .withRequestBody(matchingJsonPath("$.data.description"))
                .withRequestBody(matchingJsonPath("$.data.assignee.id", equalTo("91")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":5001,\"etag\":\"\\\"t1\\\"\"}}")));
    }

    static String payment(long id, long account, String amount, String date, String confirmation, String description) {
        return """
                {"id":%d,"etag":"\\"p%d\\"","bank_account_id":%d,"amount":%s,"funds_in":%s,"funds_out":0,\
                "current_account_balance":1000.0,"date":"%s","description":"%s","transaction_type":"Deposit",\
                "confirmation":%s}""".formatted(id, id, account, amount, amount, date, description,
                confirmation == null ? "null" : "\"" + confirmation + "\"");
    }

    void stubClio(String path, Map<String, String> query, String data, String next) {
        var stub = get(urlPathEqualTo(path)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN));
        for (var q : query.entrySet()) {
            stub = stub.withQueryParam(q.getKey(), equalTo(q.getValue()));
        }
        if (!query.containsKey("page_token")) {
            stub = stub.withQueryParam("page_token", absent());
        }
        String paging = next == null ? "{}" : "{\"next\":\"" + next + "\"}";
        clio.stubFor(stub.willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"data\":" + data + ",\"meta\":{\"paging\":" + paging + "}}")));
    }

    // ---- time: the time-entry workflow's billable events of the day

    void seedTime() {
        prompt("p1", "77", "1001", "Client call", null);          // Alex has time on 1001: matched
        prompt("p2", "78", "1002", "Deposition prep", null);      // Blair has none on 1002: missing
        prompt("p3", "77", "1003", "Hearing", 3600L);              // recorded through the hub's link: matched
        prompt("p4", "78", "1002", "Follow-up call", null);       // Blair's second event on 1002: the same group
    }

    void prompt(String id, String user, String matter, String title, Long recordedSeconds) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("key", "test:" + id);
        p.put("user", user);
        p.put("matter", matter);
        p.put("title", title);
        p.put("end", Timestamp.from(Instant.parse("2026-12-07T17:00:00Z")));
        p.put("day", java.sql.Date.valueOf(DAY));
        p.put("seconds", recordedSeconds);
        jdbc.update("""
                INSERT INTO time_entry_prompt (id, occurrence_key, source, event_id, attorney_user_id, matter_id, title,
                    start_at, end_at, work_date, state, created_at, recorded_seconds)
                VALUES (:id, :key, 'gcal', :id, :user, :matter, :title, :end, :end, :day, 'PROMPTED', :end, :seconds)""", p);
    }

    // ---- communications: messages sent that day, as the outbox and the log record them

    void seedCommunications() {
        message("msg-1", true, "SENT");        // its note was written: matched
        message("msg-2", true, null);          // no note queued
        message("msg-3", true, "DEAD");        // the note failed for good
        message("msg-4", true, "RETRY_WAIT");  // the note is still being retried
        message("msg-5", false, null);         // no write-back asked for: not judged
    }

    void message(String key, boolean writeBack, String noteState) {
        Instant at = Instant.parse("2026-12-07T15:00:00Z");
        OutboundMessage sms = OutboundMessage.sms(CLIENT_PHONE, "Jane Doe", "There is an update on your matter")
                .withMatter("1001").withWorkflow("matter-status").withTemplate("intake_complete").asClientCommunication();
        if (writeBack) {
            sms = sms.withWriteBack();
        }
        outboxRow(key, MessageKind.SMS, "twilio", "SENT", sms, at);
        commLog.record(new LogEntry(key, at, "1001", "Jane Doe", CLIENT_PHONE, "sms", "matter-status", "intake_complete",
                null, sms.body(), "SENT", "SM" + key, null));
        if (noteState != null) {
            OutboundMessage note = OutboundMessage.matterNote("1001", "Client update sent by SMS", "Sent ...")
                    .withWorkflow("matter-status").withTemplate("intake_complete");
            outboxRow(key + ":note", MessageKind.MATTER_NOTE, "clio", noteState, note, at.plusSeconds(1));
        }
    }

    void outboxRow(String key, MessageKind kind, String vendor, String state, OutboundMessage message, Instant at) {
        Map<String, Object> p = new HashMap<>();
        p.put("key", key);
        p.put("kind", kind.name());
        p.put("vendor", vendor);
        p.put("state", state);
        try {
            p.put("payload", json.writeValueAsString(message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        p.put("at", Timestamp.from(at));
        p.put("never", Timestamp.from(Instant.parse("2999-01-01T00:00:00Z")));
        p.put("sent", "SENT".equals(state) ? Timestamp.from(at) : null);
        jdbc.update("""
                INSERT INTO outbox_message (idempotency_key, kind, vendor, state, payload, attempts, created_at, next_attempt_at,
                    sent_at)
                VALUES (:key, :kind, :vendor, :state, :payload, 1, :at, :never, :sent)""", p);
    }

    // ---- helpers

    JsonNode runViaApi() throws Exception {
        HttpResponse<String> response = api("POST", "/api/reconciliations/" + DAY + "/run");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    List<MimeMessage> reports() throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(MANAGER))
                    && m.getSubject().startsWith("Reconciliation " + DAY)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The message's parts: attachments by file name, and "html" and "text" for the bodies. */
    static Map<String, String> parts(Part part) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        collect(part, out);
        return out;
    }

    private static void collect(Part part, Map<String, String> out) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                collect(multi.getBodyPart(i), out);
            }
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (part.getFileName() != null) {
            out.put(part.getFileName(), text);
        } else {
            out.put(part.isMimeType("text/html") ? "html" : "text", text);
        }
    }

    static long n(JsonNode view, String section, String kind) {
        return view.path("counts").path(section).path(kind).asLong(-1);
    }

    // ---- the scenarios

    @Test
    void aDayWithEveryKindOfMismatchIsReportedOnceWithItsCsvsTasksAndAnchor() throws Exception {
        JsonNode view = runViaApi();

        assertThat(view.path("state").asText()).isEqualTo("REPORTED");
        assertThat(n(view, "money", "matched")).as(view.toPrettyString()).isEqualTo(3);          // INV-1, RET-8 (trust), INV-9 (authorised; matched on the description)
        assertThat(n(view, "money", "gateway_only")).isEqualTo(1);     // INV-2
        assertThat(n(view, "money", "practice_only")).isEqualTo(1);    // INV-3
        assertThat(n(view, "money", "amount_mismatch")).isEqualTo(1);  // INV-4
        assertThat(n(view, "money", "duplicate_charge")).isEqualTo(1); // INV-5 twice
        assertThat(n(view, "time", "matched")).isEqualTo(2);
        assertThat(n(view, "time", "no_time_entry")).isEqualTo(1);
        assertThat(n(view, "communications", "matched")).isEqualTo(1);
        assertThat(n(view, "communications", "no_note")).isEqualTo(1);
        assertThat(n(view, "communications", "note_failed")).isEqualTo(1);
        assertThat(n(view, "communications", "note_pending")).isEqualTo(1);

        JsonNode money = view.path("exceptions").path("money");
        assertThat(money.findValuesAsText("matchKey")).containsExactlyInAnyOrder("INV-2", "INV-3", "INV-4", "INV-5");
        JsonNode mismatch = find(money, "INV-4");
        assertThat(mismatch.path("gatewayCents").asLong()).isEqualTo(20000);
        assertThat(mismatch.path("practiceCents").asLong()).isEqualTo(18000);
        assertThat(find(money, "INV-5").path("records").asText()).contains("gateway:txn_5a", "gateway:txn_5b");
        JsonNode missing = view.path("exceptions").path("time").get(0);
        assertThat(missing.path("matchKey").asText()).isEqualTo("78|1002");
        assertThat(missing.path("detail").asText()).contains("Deposition prep", "Follow-up call");
        assertThat(view.path("exceptions").path("communications").findValuesAsText("matchKey"))
                .containsExactlyInAnyOrder("msg-2", "msg-3", "msg-4");

        // the gateway was read in its three pages, the practice system's transactions along meta.paging.next
        assertThat(lawpay.findAll(getRequestedFor(urlPathEqualTo("/v1/transactions")))).hasSize(3)
                .allSatisfy(r -> assertThat(r.queryParameter("end_date").firstValue()).isEqualTo("2026-12-08T05:00:00.000Z"));
        assertThat(clio.findAll(getRequestedFor(urlPathEqualTo("/api/v4/bank_transactions.json")))).hasSize(2);

        // one report email: the summary, the anchor and one CSV per section
        await().atMost(Duration.ofSeconds(15)).until(() -> reports().size() == 1);
        Map<String, String> parts = parts(reports().get(0));
        assertThat(reports().get(0).getSubject()).isEqualTo("Reconciliation 2026-12-07: 8 exceptions");
        CommunicationLog.Anchor anchor = new CommunicationLog.Anchor(view.path("anchor").path("seq").asLong(),
                view.path("anchor").path("hash").asText());
        assertThat(anchor.seq()).isGreaterThanOrEqualTo(0);
        assertThat(parts.get("html")).contains("gateway_only", "INV-4", anchor.hash());
        assertThat(parts.get("text")).contains("anchorSeq=" + anchor.seq() + "&anchorHash=" + anchor.hash());
        assertThat(parts).containsKeys("reconciliation-2026-12-07-money.csv", "reconciliation-2026-12-07-time.csv",
                "reconciliation-2026-12-07-communications.csv");
        assertThat(parts.get("reconciliation-2026-12-07-money.csv"))
                .startsWith("section,kind,key,gateway_amount,practice_amount,party,matter,records,detail")
                .contains("money,amount_mismatch,INV-4,200.00,180.00").doesNotContain("INV-1,");
        assertThat(parts.get("reconciliation-2026-12-07-communications.csv")).contains("note_failed", "msg-3");

        // a task in Clio per money exception, for the billing manager (staff.yaml: Clio user 91)
        await().atMost(Duration.ofSeconds(15)).until(() -> clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json"))).size() == 4);

        // the last run's figures over JMX (the managed bean, read directly: a second context exporting MBeans into the
        // test JVM's shared server would clash with the ones other test classes export)
        assertThat(operations.getLastRunDate()).isEqualTo("2026-12-07");
        assertThat(operations.getLastRunCounts()).containsEntry("money.matched", 3L)
                .containsEntry("money.duplicate_charge", 1L).containsEntry("communications.note_pending", 1L);
        assertThat(operations.getLastRunExceptions()).isEqualTo(8);

        // kept: the same figures as JSON and CSV later
        HttpResponse<String> csv = api("GET", "/api/reconciliations/" + DAY + ".csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().count()).isEqualTo(1 + 8);
        assertThat(count("SELECT COUNT(*) FROM recon_fact")).isPositive();
        runs.tick(); // the schedule clears the staging of reported days
        assertThat(count("SELECT COUNT(*) FROM recon_fact")).isZero();
    }

    @Test
    void aChargeListedAgainOnTheNextPageIsStagedOnce() throws Exception {
        // a charge created while the gateway was read pushed txn_4 from the end of page 1 to the start of page 2
        lawpay.resetAll();
        stubGatewayPages(List.of(
                List.of(charge("txn_1", "COMPLETED", 10000, "INV-1"), charge("txn_2", "COMPLETED", 5000, "INV-2"),
                        charge("txn_4", "COMPLETED", 20000, "INV-4")),
                List.of(charge("txn_4", "COMPLETED", 20000, "INV-4"), charge("txn_5a", "COMPLETED", 3000, "INV-5"),
                        charge("txn_5b", "COMPLETED", 3000, "inv-5 ")),
                List.of(charge("txn_8", "COMPLETED", 50000, "RET-8"), charge("txn_9", "AUTHORIZED", 1234, "INV-9"))), 8);

        JsonNode view = runViaApi();

        assertThat(n(view, "money", "amount_mismatch")).as(view.toPrettyString()).isEqualTo(1); // not a duplicate charge
        assertThat(n(view, "money", "duplicate_charge")).isEqualTo(1);                          // INV-5 only
        assertThat(n(view, "money", "matched")).isEqualTo(3);
        assertThat(find(view.path("exceptions").path("money"), "INV-4").path("records").asText())
                .isEqualTo("gateway:txn_4 ledger:104");
        assertThat(count("SELECT COUNT(*) FROM recon_fact WHERE side = 'gateway'")).isEqualTo(7);
    }

    static JsonNode find(JsonNode findings, String key) {
        for (JsonNode f : findings) {
            if (key.equals(f.path("matchKey").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding " + key + " in " + findings);
    }

    @Test
    void theScheduleRunsTheDayOnceAtRunAtAndARerunOnDemandReportsAgainWithoutRepeatingTasks() throws Exception {
        clock.setTo(Instant.parse("2026-12-07T23:29:00Z")); // 18:29 in New York
        assertThat(runs.tick()).isZero();
        clock.setTo(Instant.parse("2026-12-07T23:31:00Z")); // 18:31
        assertThat(runs.tick()).isEqualTo(1);
        assertThat(runs.tick()).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> reports().size() == 1);
        // at 18:31 the gateway was asked up to the run's start, not the day's end
        assertThat(lawpay.findAll(getRequestedFor(urlPathEqualTo("/v1/transactions"))).get(0)
                .queryParameter("end_date").firstValue()).startsWith("2026-12-07T23:31:0");

        clock.setTo(NEXT_MORNING);
        stubGateway(); // the whole day now
        assertThat(operations.run("2026-12-07")).startsWith("REPORTED"); // the JMX operation: a re-run on demand
        JsonNode view = json.readTree(api("GET", "/api/reconciliations/" + DAY).body());
        assertThat(view.path("generation").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(15)).until(() -> reports().size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json"))).size() == 4);
        Thread.sleep(1000);
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json")))).hasSize(4);
    }

    @Test
    void aRunKilledBetweenStagesResumesWhereItStoppedAndReportsOnce() throws Exception {
        AtomicBoolean crash = new AtomicBoolean(true);
        AdviceWith.adviceWith(camel, "reconciliation-run", a -> a.weaveById("reconciliation-ledger-staged").after()
                .process(e -> {
                    if (crash.get()) {
                        throw new IllegalStateException("simulated crash after the ledger was staged");
                    }
                }));
        try {
            HttpResponse<String> failed = api("POST", "/api/reconciliations/" + DAY + "/run");
            assertThat(failed.statusCode()).isEqualTo(500);
            // what a killed process leaves: its claim, fresh, and two stages done
            jdbc.update("UPDATE recon_run SET claimed_by = 'crashed-hub', claimed_at = :now",
                    Map.of("now", Timestamp.from(NEXT_MORNING)));
            assertThat(jdbc.queryForObject("SELECT stage FROM recon_run", Map.of(), String.class)).isEqualTo("LEDGER");
            crash.set(false);

            assertThat(api("POST", "/api/reconciliations/" + DAY + "/run").statusCode()).isEqualTo(409); // still held
            clock.setTo(NEXT_MORNING.plus(Duration.ofMinutes(6))); // past hub.reconciliation.stale-after
            assertThat(runs.tick()).isEqualTo(1);

            JsonNode view = json.readTree(api("GET", "/api/reconciliations/" + DAY).body());
            assertThat(view.path("state").asText()).isEqualTo("REPORTED");
            assertThat(view.path("generation").asInt()).isEqualTo(1);
            assertThat(n(view, "money", "matched")).isEqualTo(3);
            assertThat(n(view, "money", "duplicate_charge")).isEqualTo(1);
            // the resumed run did not read the gateway or the practice system's payments again
            assertThat(lawpay.findAll(getRequestedFor(urlPathEqualTo("/v1/transactions")))).hasSize(3);
            assertThat(clio.findAll(getRequestedFor(urlPathEqualTo("/api/v4/bank_transactions.json")))).hasSize(2);
            await().atMost(Duration.ofSeconds(15)).until(() -> reports().size() == 1);
            Thread.sleep(1000);
            assertThat(reports()).hasSize(1);
        } finally {
            crash.set(false);
        }
    }

    @Test
    void badInputGetsAClearRefusal() throws Exception {
        assertThat(api("GET", "/api/reconciliations/yesterday").statusCode()).isEqualTo(400);
        assertThat(api("POST", "/api/reconciliations/2026-13-01/run").statusCode()).isEqualTo(400);
        HttpResponse<String> future = api("POST", "/api/reconciliations/2027-01-01/run");
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("future_date");
        HttpResponse<String> none = api("GET", "/api/reconciliations/2026-11-01");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("not_run");
        assertThat(api("GET", "/api/communications/verify?anchorSeq=3").statusCode()).isEqualTo(400);
        assertThat(api("GET", "/api/communications/verify?anchorSeq=x&anchorHash=" + "0".repeat(64)).statusCode()).isEqualTo(400);
    }

    @Test
    void aGatewayOutageStopsTheRunWith503AndTheNextAttemptCompletesIt() throws Exception {
        lawpay.resetAll();
        lawpay.stubFor(get(urlPathEqualTo("/v1/transactions")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(LawpayFixtures.error("server_error", "try later"))));
        HttpResponse<String> failed = api("POST", "/api/reconciliations/" + DAY + "/run");
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
        assertThat(failed.body()).contains("vendor_failed");
        stubGateway();
        JsonNode view = runViaApi();
        assertThat(view.path("generation").asInt()).isEqualTo(1);
        assertThat(n(view, "money", "gateway_only")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> reports().size() == 1);
    }
}
