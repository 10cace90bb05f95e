package com.casewire.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.support.ClioFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The intake workflow from every entry channel, over real HTTP with signed Twilio callbacks and vendor stubs; run on
 * H2 ({@link IntakeOnH2Test}) and PostgreSQL ({@link IntakeOnPostgresTest}).
 */
abstract class IntakeScenarios extends IntakeTestBase {

    static final ZoneId NY = ZoneId.of("America/New_York");
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void tuesdayMorning() {
        clock.setTo(ZonedDateTime.of(2026, 3, 3, 10, 0, 0, 0, NY).toInstant());
    }

    @Test
    void noAnswerCallYieldsOneAcknowledgmentWithinTwoSecondsOneLeadAndOneAttorneyAlert() throws Exception {
        long before = System.currentTimeMillis();
        HttpResponse<String> answer = callStatus("CA0001", "no-answer", CALLER);

        assertThat(answer.statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> !smsRequestsTo(CALLER).isEmpty());
        long latency = smsRequestsTo(CALLER).get(0).getLoggedDate().getTime() - before;
        System.out.println("INTAKE acknowledgment latency (signed no-answer callback -> Twilio send to caller): " + latency + " ms");
        assertThat(latency).as("acknowledgment latency in ms").isLessThan(2000);

        List<String> ack = smsTo(CALLER);
        assertThat(ack).hasSize(1);
        assertThat(ack.get(0)).contains("Test Law LLP").contains("we received your call; an attorney's team will respond shortly")
                .contains(PUBLIC_BASE + "/intake/book/");
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(ALEX_MOBILE).size() == 1);
        assertThat(smsTo(ALEX_MOBILE).get(0)).contains("New lead").contains(CALLER).contains("Personal Injury")
                .contains("Conflict check: CLEAR");
        assertThat(leadCount()).isEqualTo(1);
        Map<String, Object> lead = jdbc.queryForMap("SELECT * FROM intake_lead", Map.of());
        assertThat(lead.get("PHONE")).isEqualTo(CALLER);
        assertThat(lead.get("MATTER_TYPE")).as("from the number dialled").isEqualTo("personal-injury");
        assertThat(lead.get("STATE")).isEqualTo("acknowledged");
        assertThat(lead.get("ATTORNEY_KEY")).isEqualTo("alex@firm.example");
        assertThat(lead.get("CONFLICT_STATUS")).isEqualTo("CLEAR");
        Thread.sleep(300);
        assertThat(smsRequests()).as("one acknowledgment and one alert, nothing else").hasSize(2);
    }

    @Test
    void theSamePersonCallingThreeTimesInTenMinutesIsOneLeadWithThreeContactsAndOneAcknowledgment() throws Exception {
        callStatus("CA0101", "no-answer", CALLER);
        await().atMost(Duration.ofSeconds(5)).until(() -> smsTo(CALLER).size() == 1);
        clock.setTo(clock.instant().plus(Duration.ofMinutes(4)));
        callStatus("CA0102", "busy", CALLER);
        clock.setTo(clock.instant().plus(Duration.ofMinutes(5)));
        callStatus("CA0103", "no-answer", CALLER);
        callStatus("CA0103", "no-answer", CALLER); // Twilio's retry of the same callback: not a fourth contact
        awaitInboxSettled();

        assertThat(leadCount()).isEqualTo(1);
        assertThat(contactsOf(onlyLeadId())).isEqualTo(3);
        // the alert comes from the screening timer: on a loaded machine it can take longer than the sleep below
        await().atMost(Duration.ofSeconds(10)).until(() -> !smsTo(ALEX_MOBILE).isEmpty());
        Thread.sleep(500);
        assertThat(smsTo(CALLER)).hasSize(1);
        assertThat(smsTo(ALEX_MOBILE)).as("one attorney alert for the one lead").hasSize(1);
    }

    @Test
    void answeredCallInBusinessHoursIsNoLeadButAfterHoursVoicemailIs() throws Exception {
        callStatus("CA0201", "completed", CALLER);
        awaitInboxSettled();
        assertThat(leadCount()).isZero();

        clock.setTo(ZonedDateTime.of(2026, 3, 3, 18, 30, 0, 0, NY).toInstant());
        callStatus("CA0202", "completed", CALLER);

        await().atMost(Duration.ofSeconds(5)).until(() -> leadCount() == 1);
        assertThat(jdbc.queryForObject("SELECT source FROM intake_lead", Map.of(), String.class)).isEqualTo("after-hours call");
        await().atMost(Duration.ofSeconds(5)).until(() -> smsTo(CALLER).size() == 1);
    }

    @Test
    void textFromAnUnknownNumberBecomesALeadButStopDoesNot() throws Exception {
        inboundText("SM0301", "+12015550177", "STOP");
        inboundText("SM0302", CALLER, "Hi, I was hurt in a car accident last week, can someone call me?");

        await().atMost(Duration.ofSeconds(5)).until(() -> smsTo(CALLER).size() == 1);
        assertThat(smsTo(CALLER).get(0)).contains("we received your message");
        assertThat(leadCount()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT detail FROM intake_lead_event WHERE kind = 'contact'", Map.of(), String.class))
                .contains("car accident");
        assertThat(smsTo("+12015550177")).isEmpty();
    }

    @Test
    void webFormLeadIsAcknowledgedBySmsAndEmailAndAnAdversePartyMatchIsFlaggedForTheAttorneyOnly() throws Exception {
        clio.stubFor(get(urlPathEqualTo("/api/v4/contacts.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("query", equalTo("Acme Trucking"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"data":[{"id":9001,"name":"ACME Trucking, Inc.","first_name":null,"last_name":null,"type":"Company",
                          "primary_email_address":"legal@acme.example","primary_phone_number":null}],"meta":{"paging":{}}}""")));
        clio.stubFor(post(urlEqualTo("/api/v4/matters.json")).atPriority(1)
                .willReturn(aResponse().withStatus(500)));

        HttpResponse<String> answer = webForm("""
                {"name":"María García","phone":"(201) 555-0142","email":"maria@example.com","matterType":"Divorce",
                 "summary":"Need help with custody","source":"google-ads","adverseParty":"Acme Trucking","website":""}""");

        assertThat(answer.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> smsTo(CALLER).size() == 1);
        assertThat(smsTo(CALLER).get(0)).contains("Hi María").contains("we received your request");
        await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(mail.getReceivedMessages()).map(IntakeScenarios::address)
                .toList().containsAll(List.of("maria@example.com", "casey@firm.example")));
        MimeMessage toLead = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> address(m).equals("maria@example.com")).findFirst().orElseThrow();
        MimeMessage toAttorney = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> address(m).equals("casey@firm.example")).findFirst().orElseThrow();
        String leadMail = com.icegreen.greenmail.util.GreenMailUtil.getBody(toLead);
        String attorneyMail = com.icegreen.greenmail.util.GreenMailUtil.getBody(toAttorney);
        assertThat(leadMail).contains("We received your request").doesNotContainIgnoringCase("conflict").doesNotContain("Acme");
        assertThat(smsTo(CALLER).get(0)).doesNotContainIgnoringCase("conflict");
        assertThat(toAttorney.getSubject()).contains("Family Law").contains("POTENTIAL");
        assertThat(attorneyMail).contains("adverse party 'Acme Trucking' matches contact 9001 ACME Trucking, Inc.")
                .contains("Need help with custody");
        Map<String, Object> lead = jdbc.queryForMap("SELECT * FROM intake_lead", Map.of());
        assertThat(lead.get("NAME")).isEqualTo("María García");
        assertThat(lead.get("PHONE")).isEqualTo(CALLER);
        assertThat(lead.get("SOURCE")).isEqualTo("google-ads");
        assertThat(lead.get("PRACTICE_AREA")).isEqualTo("Family Law");
        assertThat(lead.get("CONFLICT_STATUS")).isEqualTo("POTENTIAL");
    }

    @Test
    void webFormRefusesBadInputWithA400ThatNamesTheFields() throws Exception {
        HttpResponse<String> answer = webForm("""
                {"name":"","phone":"12","email":"not-an-email","matterType":"Divorce"}""");

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("fields").has("name")).isTrue();
        assertThat(body.path("fields").has("phone")).isTrue();
        assertThat(body.path("fields").has("email")).isTrue();
        assertThat(webForm("not json").statusCode()).isEqualTo(400);
        assertThat(leadCount()).isZero();
    }

    @Test
    void honeypotIsAnsweredLikeAPersonAndDroppedAndFloodsGet429() throws Exception {
        HttpResponse<String> bot = webForm("""
                {"name":"Bot","phone":"+12015550166","website":"http://spam.example"}""");
        assertThat(bot.statusCode()).isEqualTo(202);

        assertThat(webForm("{\"name\":\"A\",\"email\":\"a@example.com\"}").statusCode()).isEqualTo(202);
        assertThat(webForm("{\"name\":\"B\",\"email\":\"b@example.com\"}").statusCode()).isEqualTo(202);
        HttpResponse<String> fourth = webForm("{\"name\":\"C\",\"email\":\"c@example.com\"}");

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        awaitInboxSettled();
        assertThat(jdbc.queryForList("SELECT name FROM intake_lead ORDER BY name", Map.of(), String.class))
                .containsExactly("A", "B");
    }

    @Test
    void inQuietHoursTheAcknowledgmentWaitsForTheWindowAndTheLeadIsFlaggedForTheMorning() throws Exception {
        clock.setTo(ZonedDateTime.of(2026, 3, 3, 23, 15, 0, 0, NY).toInstant());

        callStatus("CA0401", "no-answer", CALLER);

        await().atMost(Duration.ofSeconds(5)).until(() -> leadCount() == 1);
        awaitInboxSettled();
        Thread.sleep(500);
        assertThat(smsTo(CALLER)).isEmpty();
        Map<String, Object> lead = jdbc.queryForMap("SELECT * FROM intake_lead", Map.of());
        assertThat(lead.get("FLAGGED_FOR_MORNING")).isEqualTo(true);
        assertThat(lead.get("STATE")).isEqualTo("new");
        Instant release = jdbc.queryForObject("SELECT due_at FROM scheduled_action WHERE action_key LIKE 'notify-release:intake-ack:%'",
                Map.of(), java.sql.Timestamp.class).toInstant();
        assertThat(release).isEqualTo(ZonedDateTime.of(2026, 3, 4, 8, 0, 0, 0, NY).toInstant());

        clock.setTo(ZonedDateTime.of(2026, 3, 4, 8, 0, 1, 0, NY).toInstant());
        await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(CALLER).size() == 1);
    }

    @Test
    void aLeadThatDoesNotBookIsEscalatedOnceWithATaskAndAnAlert() throws Exception {
        clio.stubFor(post(urlEqualTo("/api/v4/tasks.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.name"))
                .withRequestBody(matchingJsonPath("$.data.description"))
                .withRequestBody(matchingJsonPath("$.data.assignee.id", equalTo("90")))
                .withRequestBody(matchingJsonPath("$.data.assignee.type", equalTo("User")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":4401,\"etag\":\"\\\"t\\\"\"}}")));
        callStatus("CA0501", "no-answer", CALLER);
        await().atMost(Duration.ofSeconds(5)).until(() -> smsTo(CALLER).size() == 1);
        long id = onlyLeadId();

        clock.setTo(clock.instant().plus(Duration.ofMinutes(119)));
        Thread.sleep(500);
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json")))).isEmpty();

        clock.setTo(clock.instant().plus(Duration.ofMinutes(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json"))).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(mail.getReceivedMessages())
                .anyMatch(m -> address(m).equals("intake@firm.example")));
        String task = clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json"))).get(0).getBodyAsString();
        assertThat(task).contains(CALLER).contains("History");
        assertThat(jdbc.queryForObject("SELECT state FROM intake_lead WHERE id = :id", Map.of("id", id), String.class))
                .isEqualTo("escalated");

        clock.setTo(clock.instant().plus(Duration.ofHours(5)));
        callStatus("CA0502", "no-answer", CALLER); // the lead is still open: a contact, no new escalation
        awaitInboxSettled();
        Thread.sleep(500);
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json")))).hasSize(1);
        assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> address(m).equals("intake@firm.example"))).hasSize(1);
    }

    /**
     * Twilio reports a withheld caller ID as a keypad spelling (+266696687 is ANONYMOUS, a Lesotho-looking number):
     * once, each of these became a lead with that "number" and an acknowledgment SMS went abroad to nobody.
     */
    @Test
    void aWithheldCallerIsALeadWithNoNumberFlaggedToStaffAndNeverTexted() throws Exception {
        clio.stubFor(post(urlEqualTo("/api/v4/tasks.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.data.description"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":4402,\"etag\":\"\\\"t\\\"\"}}")));
        List<String> withheld = List.of("+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253", "anonymous");
        for (int i = 0; i < withheld.size(); i++) {
            assertThat(callStatus("CA07" + i, "no-answer", withheld.get(i)).statusCode()).isEqualTo(204);
        }
        assertThat(inboundText("SM0707", "+266696687", "Please call me about my accident").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> leadCount() == 7);
        List<Map<String, Object>> leads = jdbc.queryForList("SELECT * FROM intake_lead", Map.of());
        assertThat(leads).allSatisfy(lead -> {
            assertThat(lead.get("PHONE")).as("no callback number").isNull();
            assertThat(lead.get("EMAIL")).isNull();
            assertThat(lead.get("CALLER_WITHHELD")).isEqualTo(true);
            assertThat(lead.get("STATE")).as("nobody was acknowledged").isEqualTo("new");
            assertThat((String) lead.get("SOURCE")).endsWith("(number withheld)");
        });
        assertThat(leads).filteredOn(l -> "personal-injury".equals(l.get("MATTER_TYPE"))).as("the calls to the injury line")
                .hasSize(6);
        // each is screened and routed, and the attorney's alert (Alex by SMS, the others by email) says there is no number
        List<String> urls = leads.stream().map(l -> PUBLIC_BASE + "/staff/lead/lead-" + l.get("ID") + ".").toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsFor(urls).size() == 7);
        assertThat(alertsFor(urls)).allSatisfy(alert -> assertThat(alert).containsIgnoringCase("new lead")
                .contains("withheld by the caller (no number to call back or text)"));

        clock.setTo(clock.instant().plus(Duration.ofMinutes(121)));
        // seven leads escalate at once (a task and an alert each): generous waits for a loaded machine
        await().atMost(Duration.ofSeconds(30)).until(() -> clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json"))).size() == 7);
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(mail.getReceivedMessages())
                .filter(m -> address(m).equals("intake@firm.example")).count() == 7);
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/tasks.json")))).allSatisfy(task ->
                assertThat(task.getBodyAsString()).contains("number withheld").contains("no number to call back"));
        Thread.sleep(500);
        assertThat(smsRequests()).as("no acknowledgment, booking or follow-up SMS to a withheld caller ID")
                .noneSatisfy(sms -> assertThat(withheld).contains(sms.formParameters().get("To").firstValue()));
        assertThat(smsRequests()).as("no booking link went out for these leads")
                .noneSatisfy(sms -> assertThat(sms.formParameters().get("Body").firstValue()).contains("/intake/book/"));
        assertThat(Arrays.stream(mail.getReceivedMessages()).map(IntakeScenarios::address))
                .isSubsetOf("intake@firm.example", "blair@firm.example", "casey@firm.example");
    }

    /** The attorney alerts (Alex's texts, the others' emails) that link one of {@code leadUrls} (signed lead-page links). */
    private List<String> alertsFor(List<String> leadUrls) {
        List<String> texts = new java.util.ArrayList<>(smsTo(ALEX_MOBILE));
        Arrays.stream(mail.getReceivedMessages())
                .filter(m -> List.of("blair@firm.example", "casey@firm.example").contains(address(m)))
                .map(GreenMailUtil::getBody).forEach(texts::add);
        return texts.stream().filter(t -> leadUrls.stream().anyMatch(t::contains)).toList();
    }

    @Test
    void convertingALeadCreatesTheContactAndTheMatterInClioWithItsHistory() throws Exception {
        stubClioConversionOfSam();
        webForm("""
                {"name":"Sam Rivera","phone":"+12015550142","email":"sam@example.com","matterType":"car accident",
                 "summary":"Rear-ended on I-95","source":"website"}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "SELECT attorney_key FROM intake_lead WHERE attorney_key IS NOT NULL", Map.of(), String.class).size() == 1);
        long id = onlyLeadId();

        HttpResponse<String> converted = apiPost("/api/intake/leads/" + id + "/convert",
                "{\"matterDescription\":\"Rear-ended on I-95\"}");

        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(200);
        assertThat(json.readTree(converted.body()).path("matterId").asText()).isEqualTo("1234");
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/contacts.json")))).hasSize(1);
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/matters.json")))).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> clio.findAll(postRequestedFor(urlEqualTo("/api/v4/notes.json")))
                .stream().anyMatch(r -> r.getBodyAsString().contains("Intake history")));
        String note = clio.findAll(postRequestedFor(urlEqualTo("/api/v4/notes.json"))).stream()
                .map(r -> r.getBodyAsString()).filter(b -> b.contains("Intake history")).findFirst().orElseThrow();
        JsonNode noteData = json.readTree(note).path("data");
        assertThat(noteData.path("matter").path("id").asLong()).isEqualTo(1234);
        assertThat(noteData.path("detail").asText()).contains("Rear-ended on I-95").contains("web form")
                .contains("acknowledgment").contains("routed to Alex Counsel");
        assertThat(jdbc.queryForObject("SELECT state FROM intake_lead WHERE id = :id", Map.of("id", id), String.class))
                .isEqualTo("converted");

        HttpResponse<String> again = apiPost("/api/intake/leads/" + id + "/convert", "{}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(clio.findAll(postRequestedFor(urlEqualTo("/api/v4/contacts.json")))).as("no second contact").hasSize(1);

        HttpResponse<String> show = api("GET", "/api/intake/leads/" + id);
        assertThat(show.statusCode()).isEqualTo(200);
        assertThat(json.readTree(show.body()).path("history").size()).isGreaterThan(4);
        assertThat(clio.findAll(getRequestedFor(urlPathEqualTo("/api/v4/contacts.json")))).isNotEmpty();
    }

    @Test
    void staffCanListAndDeclineLeads() throws Exception {
        callStatus("CA0601", "no-answer", CALLER);
        await().atMost(Duration.ofSeconds(5)).until(() -> leadCount() == 1);
        long id = onlyLeadId();

        HttpResponse<String> list = api("GET", "/api/intake/leads?state=acknowledged");
        assertThat(json.readTree(list.body()).size()).isEqualTo(1);
        HttpResponse<String> declined = apiPost("/api/intake/leads/" + id + "/decline", "{\"reason\":\"not our practice area\"}");
        assertThat(declined.statusCode()).isEqualTo(200);
        assertThat(json.readTree(declined.body()).path("state").asText()).isEqualTo("declined");
        assertThat(apiPost("/api/intake/leads/" + id + "/decline", "{}").statusCode()).isEqualTo(409);
        assertThat(api("GET", "/api/intake/leads/999999").statusCode()).isEqualTo(404);

        callStatus("CA0602", "no-answer", CALLER);
        await().atMost(Duration.ofSeconds(5)).until(() -> leadCount() == 2);
    }

    private static String address(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
