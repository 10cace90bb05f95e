package com.casewire.timeentry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.canonical.CalendarEvent;
import com.casewire.support.ClioFixtures;
import com.casewire.support.TwilioFixtures;
import com.casewire.twilio.TwilioSignature;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/time-entry.camel.yaml with the repository's staff.yaml (Alex: SMS, New York; Blair: email, New York; Casey:
 * prefers SMS but has no mobile, Los Angeles) and time-entry.rules.yaml, a clock the tests move, WireMock Clio
 * (GET and POST /activities.json as Clio answers them) and Twilio, GreenMail for email. Run on H2
 * ({@link TimeEntryOnH2Test}) and PostgreSQL ({@link TimeEntryOnPostgresTest}).
 */
abstract class TimeEntryScenarios extends TimeEntryTestBase {

    HttpResponse<String> page(String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (form == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> inboundText(String sid, String from, String body) throws Exception {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("MessageSid", List.of(sid));
        p.put("AccountSid", List.of(TwilioFixtures.ACCOUNT_SID));
        p.put("From", List.of(from));
        p.put("To", List.of(TwilioFixtures.FROM));
        p.put("Body", List.of(body));
        p.put("NumMedia", List.of("0"));
        String path = "/webhooks/twilio/sms";
        String form = p.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(TwilioFixtures.AUTH_TOKEN, PUBLIC_BASE + path, p))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    void settle() throws InterruptedException {
        Thread.sleep(500);
    }

    @Test
    void anEventThatEndsWithNoEntryPromptsItsAttorneyOnceWhateverTheDuplicates() throws Exception {
        Instant end = MORNING.minusSeconds(60);
        ended("alex@firm.example", "evt-1", "Deposition prep", end.minus(Duration.ofMinutes(70)), end);
        ended("alex@firm.example", "evt-1", "Deposition prep", end.minus(Duration.ofMinutes(70)), end);

        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);
        ended("alex@firm.example", "evt-1", "Deposition prep", end.minus(Duration.ofMinutes(70)), end);
        settle();
        assertThat(smsTo(ALEX_MOBILE)).singleElement().satisfies(text -> assertThat(text)
                .startsWith("You just finished Deposition prep with Jane Doe. Record your time: " + PUBLIC_BASE + "/time/"));
        assertThat(count("SELECT COUNT(*) FROM time_entry_prompt WHERE state = 'PROMPTED'")).isEqualTo(1);
        // the covering check asked Clio for Alex's entries on that matter that New York day
        assertThat(clio.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v4/activities.json")))).allSatisfy(r -> {
                    assertThat(r.queryParameter("user_id").firstValue()).isEqualTo("77");
                    assertThat(r.queryParameter("matter_id").firstValue()).isEqualTo("1001");
                    assertThat(r.queryParameter("start_date").firstValue()).isEqualTo("2026-12-08");
                });
    }

    @Test
    void anAttorneyWhoAlreadyHasTimeOnTheMatterThatDayIsNotPrompted() throws Exception {
        stubEntries(entry(77));
        ended("alex@firm.example", "evt-2", "Client call", MORNING.minusSeconds(1800), MORNING.minusSeconds(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM time_entry_prompt") == 1);
        settle();
        assertThat(smsRequests()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM time_entry_prompt WHERE state = 'COVERED'")).isEqualTo(1);
    }

    @Test
    void internalAndMatterlessEventsNeverPrompt() throws Exception {
        ended("alex@firm.example", "evt-3", "Internal: team lunch", MORNING.minusSeconds(1800), MORNING.minusSeconds(10));
        CalendarEvent noMatter = new CalendarEvent("evt-4", "alex@firm.example", "Call", MORNING.minusSeconds(600),
                MORNING.minusSeconds(10), "confirmed", null, List.of(), false);
        tx.executeWithoutResult(s -> camel.sendBodyAndHeader("direct:calendar-event-ended", noMatter, "casewireDedupeKey", "k4"));

        settle();
        assertThat(smsRequests()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM time_entry_prompt")).isZero();
    }

    @Test
    void anEntryThatAppearsWithinTheFollowUpDelayStopsTheFollowUp() throws Exception {
        ended("alex@firm.example", "evt-5", "Hearing", MORNING.minusSeconds(3600), MORNING.minusSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);

        stubEntries(entry(77)); // Alex recorded the time in Clio himself
        clock.setTo(MORNING.plus(Duration.ofMinutes(31)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT COUNT(*) FROM time_entry_prompt WHERE state = 'COVERED'") == 1);
        settle();
        assertThat(smsTo(ALEX_MOBILE)).hasSize(1);
    }

    @Test
    void stillNoEntryAfterThirtyMinutesGetsOneFollowUp() throws Exception {
        ended("alex@firm.example", "evt-6", "Mediation", MORNING.minusSeconds(3600), MORNING.minusSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);

        clock.setTo(MORNING.plus(Duration.ofMinutes(29)));
        settle();
        assertThat(smsTo(ALEX_MOBILE)).hasSize(1);
        clock.setTo(MORNING.plus(Duration.ofMinutes(31)));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 2);
        assertThat(smsTo(ALEX_MOBILE).get(1)).startsWith("Still need your time for Mediation");
        clock.setTo(MORNING.plus(Duration.ofMinutes(95)));
        settle();
        assertThat(smsTo(ALEX_MOBILE)).hasSize(2);
    }

    @Test
    void anAttorneyWithoutAMobileIsPromptedByEmailInTheirOwnZone() throws Exception {
        // 06:30 UTC is still the 7th in Los Angeles
        clock.setTo(Instant.parse("2026-12-08T06:31:00Z"));
        ended("casey@firm.example", "evt-7", "Estate review", Instant.parse("2026-12-08T05:30:00Z"),
                Instant.parse("2026-12-08T06:30:00Z"));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo("casey@firm.example").size() == 1);
        MimeMessage message = mailTo("casey@firm.example").get(0);
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("casey@firm.example");
        assertThat(message.getSubject()).isEqualTo("Record your time: Estate review");
        assertThat(smsRequests()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT work_date FROM time_entry_prompt", Map.of(), java.sql.Date.class).toString())
                .isEqualTo("2026-12-07");
    }

    @Test
    void aRecurringEventPromptsForEachOccurrence() throws Exception {
        ended("blair@firm.example", "weekly_20261201T140000Z", "Status call", Instant.parse("2026-12-01T14:00:00Z"),
                Instant.parse("2026-12-01T14:30:00Z"));
        ended("blair@firm.example", "weekly_20261208T133000Z", "Status call", MORNING.minusSeconds(1800),
                MORNING.minusSeconds(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo("blair@firm.example").size() == 2);
        assertThat(count("SELECT COUNT(*) FROM time_entry_prompt WHERE attorney_user_id = '78'")).isEqualTo(2);
    }

    @Test
    void aOnePointTwoReplyCreatesExactlyOneEntryOf4320SecondsAndIsConfirmed() throws Exception {
        ended("alex@firm.example", "evt-8", "Drafting session", MORNING.minusSeconds(4000), MORNING.minusSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);

        assertThat(inboundText("SM" + "1".repeat(32), ALEX_MOBILE, "1.2").statusCode()).isEqualTo(200);
        assertThat(inboundText("SM" + "1".repeat(32), ALEX_MOBILE, "1.2").statusCode()).isEqualTo(200); // Twilio's retry
        await().atMost(Duration.ofSeconds(10)).until(() -> entriesCreated().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 2);
        assertThat(inboundText("SM" + "2".repeat(32), ALEX_MOBILE, "1.2").statusCode()).isEqualTo(200); // a second reply
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 3);
        settle();

        assertThat(entriesCreated()).singleElement().satisfies(r -> {
            String body = r.getBodyAsString();
            assertThat(body).contains("\"type\":\"TimeEntry\"").contains("\"quantity\":4320,")
                    .contains("\"date\":\"2026-12-08\"").contains("\"matter\":{\"id\":1001}").contains("\"user\":{\"id\":77}")
                    .contains("\"note\":\"Drafting session\"");
        });
        assertThat(smsTo(ALEX_MOBILE).get(1)).isEqualTo("Recorded 1.2 h on Doe v. Acme Trucking for Tue 8 Dec 2026. Thanks!");
        assertThat(smsTo(ALEX_MOBILE).get(2)).startsWith("No time entry is waiting for you");
        assertThat(outboxState("TIME_ENTRY")).isEqualTo("SENT");
        assertThat(count("SELECT COUNT(*) FROM intake_lead")).as("a staff reply is not a lead").isZero();
        // recorded: no follow-up
        clock.setTo(MORNING.plus(Duration.ofMinutes(40)));
        settle();
        assertThat(smsTo(ALEX_MOBILE)).hasSize(3);
    }

    @Test
    void aReplyThatIsNotADurationGetsHelpAndRecordsNothing() throws Exception {
        ended("alex@firm.example", "evt-9", "Call", MORNING.minusSeconds(900), MORNING.minusSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);

        inboundText("SM" + "3".repeat(32), ALEX_MOBILE, "what is this?");
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 2);
        inboundText("SM" + "4".repeat(32), ALEX_MOBILE, "LOG 45m reviewed the lease");
        await().atMost(Duration.ofSeconds(10)).until(() -> entriesCreated().size() == 1);

        assertThat(smsTo(ALEX_MOBILE).get(1)).startsWith("To record time, reply with the hours");
        // 45 minutes rounded up to the firm's 0.1 h increment: 0.8 h
        assertThat(entriesCreated().get(0).getBodyAsString()).contains("\"quantity\":2880,")
                .contains("\"note\":\"reviewed the lease\"");
    }

    @Test
    void theOneTapLinkRecordsOnceAndRefusesTamperedAndExpiredLinks() throws Exception {
        ended("alex@firm.example", "evt-10", "Client meeting", MORNING.minusSeconds(3000), MORNING.minusSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);
        String path = link(smsTo(ALEX_MOBILE).get(0));

        HttpResponse<String> shown = page("GET", path, null);
        assertThat(shown.statusCode()).isEqualTo(200);
        // 49.5 minutes rounded up to the increment: 0.9 h
        assertThat(shown.body()).contains("Doe v. Acme Trucking").contains("Tue 8 Dec 2026").contains("value=\"0.9\"")
                .contains("Client meeting");
        String tampered = path.substring(0, path.length() - 2) + (path.endsWith("A") ? "BB" : "AA");
        assertThat(page("GET", tampered, null).statusCode()).isEqualTo(403);
        assertThat(page("POST", tampered, "hours=1").statusCode()).isEqualTo(403);

        HttpResponse<String> recorded = page("POST", path, "hours=1.5&note=" + URLEncoder.encode("Met client re lease", StandardCharsets.UTF_8));
        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(recorded.body()).contains("Recorded 1.5 h");
        assertThat(page("POST", path, "hours=1.5").body()).contains("Already recorded");
        await().atMost(Duration.ofSeconds(10)).until(() -> entriesCreated().size() == 1);
        settle();
        assertThat(entriesCreated()).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                .contains("\"quantity\":5400,").contains("\"note\":\"Met client re lease\""));

        clock.setTo(MORNING.plus(Duration.ofHours(73)));
        assertThat(page("GET", path, null).statusCode()).isEqualTo(410);
    }

    @Test
    void aMovedClioCalendarEntryPromptsAtItsNewEnd() throws Exception {
        webhooks.subscribed(5003, "calendar_entry", MORNING.plus(Duration.ofDays(30)));
        assertThat(postSigned(calendarEntry("701", "2026-12-08T15:00:00Z", "2026-12-08T16:00:00Z", "created")).statusCode())
                .isEqualTo(200);
        awaitInboxSettled();
        assertThat(timers.pending(TimeEntryPrompts.CLIO_ENDED_TIMER)).extracting(Map.Entry::getValue)
                .containsExactly(Instant.parse("2026-12-08T16:00:00Z"));

        postSigned(calendarEntry("701", "2026-12-08T17:00:00Z", "2026-12-08T18:00:00Z", "updated"));
        awaitInboxSettled();
        assertThat(timers.pending(TimeEntryPrompts.CLIO_ENDED_TIMER)).extracting(Map.Entry::getValue)
                .containsExactly(Instant.parse("2026-12-08T18:00:00Z"));

        clock.setTo(Instant.parse("2026-12-08T16:05:00Z")); // the old end: nothing
        settle();
        assertThat(smsRequests()).isEmpty();
        clock.setTo(Instant.parse("2026-12-08T18:00:30Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);
        assertThat(smsTo(ALEX_MOBILE).get(0)).startsWith("You just finished Settlement conference with Jane Doe.");
    }

    @Autowired
    TimeEntrySweeps sweeps;

    static String entryOn(long matterId) {
        return """
                [{"id":8002,"etag":"\\"e2\\"","type":"TimeEntry","date":"2026-12-08","quantity":3600,"note":"research",\
                "billed":false,"non_billable":false,"matter":{"id":%d},"user":{"id":77}}]""".formatted(matterId);
    }

    static String page(String data) {
        return "{\"data\":" + data + ",\"meta\":{\"paging\":{}}}";
    }

    @Test
    void theFivePmDigestListsExactlyTheMissingEventsAndTheEightAmEmailWhatIsStillMissing() throws Exception {
        // Alex has an entry on matter 1002 only: the covering check for 1002 and the day's list (no matter filter) show
        // it. Same priority as the default stub: the latest added that matches wins.
        clio.stubFor(get(urlPathEqualTo("/api/v4/activities.json")).atPriority(1)
                .withQueryParam("matter_id", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(entryOn(1002)))));
        clio.stubFor(get(urlPathEqualTo("/api/v4/activities.json")).atPriority(1)
                .withQueryParam("matter_id", equalTo("1002"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(entryOn(1002)))));
        clio.stubFor(post(urlEqualTo("/api/v4/tasks.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.name"))
                .withRequestBody(matchingJsonPath("$.data.description"))
                .withRequestBody(matchingJsonPath("$.data.assignee.id", equalTo("77")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":6001,\"etag\":\"t1\"}}")));

        ended("alex@firm.example", "evt-a", "Strategy meeting", MORNING.minusSeconds(3600), MORNING.minusSeconds(60));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);
        assertThat(page("POST", link(smsTo(ALEX_MOBILE).get(0)), "hours=1").statusCode()).isEqualTo(200);
        CalendarEvent covered = new CalendarEvent("evt-b", "alex@firm.example", "Research call", MORNING.minusSeconds(1200),
                MORNING.minusSeconds(30), "confirmed", "1002", List.of(), false);
        tx.executeWithoutResult(x -> camel.sendBodyAndHeader("direct:calendar-event-ended", covered, "casewireDedupeKey", "kb"));
        clock.setTo(Instant.parse("2026-12-08T19:00:00Z"));
        CalendarEvent missing = new CalendarEvent("evt-c", "alex@firm.example", "Witness prep",
                Instant.parse("2026-12-08T18:00:00Z"), Instant.parse("2026-12-08T18:59:00Z"), "confirmed", "1003", List.of(), false);
        tx.executeWithoutResult(x -> camel.sendBodyAndHeader("direct:calendar-event-ended", missing, "casewireDedupeKey", "kc"));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 2);

        clock.setTo(Instant.parse("2026-12-08T21:59:00Z")); // 16:59 in New York
        assertThat(sweeps.scheduleDue()).as("only the recoveries of the 7th (three attorneys)").isEqualTo(3);
        clock.setTo(Instant.parse("2026-12-08T22:00:30Z")); // 17:00 in New York, 14:00 in Los Angeles
        assertThat(sweeps.scheduleDue()).as("Alex's and Blair's sweeps; Casey's comes at 17:00 in Los Angeles").isEqualTo(2);
        assertThat(sweeps.scheduleDue()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).stream().anyMatch(t -> t.contains("still need your time")));
        settle();

        List<String> digests = smsTo(ALEX_MOBILE).stream().filter(t -> t.contains("still need your time")).toList();
        assertThat(digests).singleElement().satisfies(text -> {
            assertThat(text).startsWith("1 billable event(s) today still need your time: - Witness prep (matter 1003, 1 h): "
                    + PUBLIC_BASE + "/time/");
            assertThat(text).doesNotContain("Strategy meeting").doesNotContain("Research call");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json"))).isEmpty());
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json")))).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("Witness prep").doesNotContain("Strategy meeting"));
        assertThat(mailTo("blair@firm.example")).as("Blair had no billable events: no digest").isEmpty();

        clock.setTo(Instant.parse("2026-12-09T13:00:30Z")); // 08:00 the next morning in New York
        sweeps.scheduleDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo("alex@firm.example").size() == 1);
        MimeMessage recovery = mailTo("alex@firm.example").get(0);
        assertThat(recovery.getAllRecipients()[0].toString()).isEqualTo("alex@firm.example");
        assertThat(recovery.getSubject()).isEqualTo("Yesterday's time still missing: 1 event(s)");
        assertThat(String.valueOf(recovery.getContent())).contains("Witness prep").doesNotContain("Strategy meeting");

        HttpResponse<String> rate = api("GET", "/api/time-capture?from=2026-12-08&to=2026-12-08");
        assertThat(rate.statusCode()).isEqualTo(200);
        assertThat(rate.body()).contains("\"userId\":\"77\"").contains("\"billableEvents\":3").contains("\"capturedSameDay\":2");
        assertThat(api("GET", "/api/time-capture?from=yesterday&to=2026-12-08").statusCode()).isEqualTo(400);
    }

    @Test
    void theWeeklyEmailGivesTheBillingManagerLastWeeksSameDayCapture() throws Exception {
        ended("alex@firm.example", "evt-w1", "Call", MORNING.minusSeconds(1800), MORNING.minusSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);
        stubEntries(entry(77));
        ended("alex@firm.example", "evt-w2", "Meeting", MORNING.minusSeconds(1800), MORNING.minusSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM time_entry_prompt") == 2);

        clock.setTo(Instant.parse("2026-12-14T13:00:00Z")); // Monday 08:00 in New York
        tx.executeWithoutResult(x -> camel.sendBody("direct:time-entry-weekly-report", null));

        await().atMost(Duration.ofSeconds(10)).until(() -> weeklyReports().size() == 1);
        MimeMessage weekly = weeklyReports().get(0);
        assertThat(weekly.getAllRecipients()[0].toString()).isEqualTo("billing@firm.example");
        assertThat(weekly.getSubject()).isEqualTo("Time capture 2026-12-07 to 2026-12-13: 50% recorded the same day");
        assertThat(String.valueOf(weekly.getContent())).contains("- Alex Counsel: 1 of 2 (50%)");
    }

    static String document(String id, String name, String event) {
        return """
                {"data":{"id":%s,"etag":"\\"%s\\"","name":"%s","created_at":"2026-12-08T13:50:00Z","matter":{"id":1001}},\
                "meta":{"event":"%s","webhook_id":5002}}""".formatted(id, UUID.randomUUID(), name, event);
    }

    /**
     * The mail to {@code address}: the mail server is shared by every cached hub context of the run, and another
     * context's timers (its own prompts, digests, reports) may mail it meanwhile, so tests count only their own.
     */
    private java.util.List<MimeMessage> mailTo(String address) throws Exception {
        java.util.List<MimeMessage> mine = new java.util.ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            for (jakarta.mail.Address to : m.getAllRecipients()) {
                if (to.toString().equalsIgnoreCase(address)) {
                    mine.add(m);
                    break;
                }
            }
        }
        return mine;
    }

    /** This test's weekly report (the week of the 7th): other contexts' weekly reports go to the same manager. */
    private java.util.List<MimeMessage> weeklyReports() throws Exception {
        java.util.List<MimeMessage> mine = new java.util.ArrayList<>();
        for (MimeMessage m : mailTo("billing@firm.example")) {
            if (m.getSubject().startsWith("Time capture 2026-12-07 to 2026-12-13")) {
                mine.add(m);
            }
        }
        return mine;
    }

    /**
     * The mail about this test's documents (matter 1001): the mail server is shared, and another cached hub context's
     * document timer (another matter) may fire into it meanwhile.
     */
    private java.util.List<MimeMessage> matter1001Mail() throws Exception {
        java.util.List<MimeMessage> mine = new java.util.ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            String body = String.valueOf(m.getContent());
            if (body.contains("Draft complaint.docx") || body.contains("Exhibit list.pdf")) {
                mine.add(m);
            }
        }
        return mine;
    }

    @Test
    void documentWorkOnAMatterWithNoTimeGetsOneEmailFifteenMinutesAfterTheLastChange() throws Exception {
        webhooks.subscribed(5002, "document", MORNING.plus(Duration.ofDays(30)));
        postSigned(document("801", "Draft complaint.docx", "created"));
        awaitInboxSettled();
        clock.setTo(MORNING.plus(Duration.ofMinutes(5)));
        postSigned(document("801", "Draft complaint.docx", "updated"));
        awaitInboxSettled();

        clock.setTo(MORNING.plus(Duration.ofMinutes(16))); // 16 minutes after the first change, 11 after the last
        settle();
        assertThat(matter1001Mail()).isEmpty();
        clock.setTo(MORNING.plus(Duration.ofMinutes(21)));
        await().atMost(Duration.ofSeconds(10)).until(() -> matter1001Mail().size() == 1);
        postSigned(document("802", "Exhibit list.pdf", "created")); // the same matter and day: prompted already
        awaitInboxSettled();
        clock.setTo(MORNING.plus(Duration.ofMinutes(40)));
        settle();

        assertThat(matter1001Mail()).hasSize(1);
        MimeMessage prompt = matter1001Mail().get(0);
        assertThat(prompt.getAllRecipients()[0].toString()).isEqualTo("alex@firm.example");
        assertThat(prompt.getSubject()).isEqualTo("Record your time on Doe v. Acme Trucking");
        assertThat(String.valueOf(prompt.getContent())).contains("Draft complaint.docx").contains(PUBLIC_BASE + "/time/");
        assertThat(smsRequests()).as("document prompts are email only").isEmpty();
        assertThat(api("GET", "/api/time-capture?from=2026-12-08&to=2026-12-08").body())
                .as("document work is not a billable calendar event").doesNotContain("\"userId\":\"77\"");
    }

    static String calendarEntry(String id, String startAt, String endAt, String event) {
        return """
                {"data":{"id":"%s","etag":"\\"%s\\"","summary":"Settlement conference","start_at":"%s","end_at":"%s",\
                "matter":{"id":1001}},"meta":{"event":"%s","webhook_id":5003}}"""
                .formatted(id, UUID.randomUUID(), startAt, endAt, event);
    }
}
