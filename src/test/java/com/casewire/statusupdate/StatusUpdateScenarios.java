package com.casewire.statusupdate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.canonical.InboundSms;
import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.inbox.SecurityEvents;
import com.casewire.practice.clio.ClioWebhookSecrets;
import com.casewire.support.ClioFixtures;
import com.casewire.support.HubIntegrationTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * routes/matter-status.camel.yaml over Clio deliveries (signed, through the real HTTP edge and normalizer)
 * and canonical MyCase events (as the MyCase poller emits them, on direct:matter-event): who hears what, on
 * which channel, what is written back; non-milestones, duplicates, the update window, the approval
 * checkpoint, channel preferences and updates contacts.
 */
abstract class StatusUpdateScenarios extends HubIntegrationTest {

    static final String ATTORNEY = "alex@firm.example";
    static final String PARTNER = "partner@firm.example";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void approvals(DynamicPropertyRegistry registry) {
        registry.add("hub.status-updates.approval-secret", () -> "test-approval-secret-0123456789");
        registry.add("hub.status-updates.approval-escalate-to", () -> PARTNER);
    }

    @Autowired
    ClioWebhookSecrets webhooks;
    @Autowired
    ProducerTemplate camel;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    CommunicationLog commLog;
    @Autowired
    ChainSealer sealer;
    @Autowired
    SecurityEvents security;

    Instant noon;

    @BeforeEach
    void middayAndSubscriptions() {
        noon = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneId.of("America/New_York")).toInstant();
        clock.setTo(noon);
        Instant expires = noon.plus(Duration.ofDays(30));
        webhooks.subscribed(StatusFixtures.TASK_WEBHOOK, "task", expires);
        webhooks.subscribed(StatusFixtures.DOCUMENT_WEBHOOK, "document", expires);
        webhooks.subscribed(StatusFixtures.CALENDAR_WEBHOOK, "calendar_entry", expires);
        webhooks.subscribed(StatusFixtures.ACTIVITY_WEBHOOK, "activity", expires);
    }

    // ---- Clio, per milestone family ----------------------------------------------------------------------

    @Test
    void clioTaskIntakeCompleteTextsTheClientAndWritesTheTextBack() throws Exception {
        assertThat(postSigned(StatusFixtures.task(301, 1001, "Intake complete", "complete", "updated")).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        LoggedRequest sms = onlySms();
        assertThat(sms.formParameters().get("To").firstValue()).isEqualTo(CLIENT_PHONE);
        String text = sms.formParameters().get("Body").firstValue();
        assertThat(text).isEqualTo("Hi Jane, thank you for completing your intake with Test Law LLP. We have what we need "
                + "to start, and we will text you when there is news.");
        assertWrittenBack("1001", "SMS", text);
        sealer.sealAll();
        assertThat(commLog.forMatter("1001")).singleElement().satisfies(e -> {
            assertThat(e.entry().template()).isEqualTo("matter-status/intake-complete.sms.txt");
            assertThat(e.entry().body()).isEqualTo(text);
        });
    }

    @Test
    void clioDocumentForSignatureAndActivityFilingAreMilestones() throws Exception {
        postSigned(StatusFixtures.document(901, 1001, "Medical release.pdf", "Signature required"));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        assertThat(onlySms().formParameters().get("Body").firstValue())
                .isEqualTo("Hi Jane, a document from Test Law LLP is ready for your signature. Call us and we will tell you "
                        + "how to sign it.");
        assertThat(jdbc.queryForObject("SELECT milestone FROM status_update", Map.of(), String.class))
                .isEqualTo("document-for-signature");
    }

    @Test
    void clioCalendarEntryHearingIsConfirmedOnceHoweverOftenTheEntryIsEdited() throws Exception {
        postSigned(StatusFixtures.calendarEntry("cal-77", 1001, "Hearing: temporary orders", "2026-12-08T14:30:00Z", "created"));
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        // the paralegal edits the entry twice: new etags, new deliveries, the same milestone of the same entry
        postSigned(StatusFixtures.calendarEntry("cal-77", 1001, "Hearing: temporary orders", "2026-12-08T15:00:00Z", "updated"));
        postSigned(StatusFixtures.calendarEntry("cal-77", 1001, "Hearing: temporary orders (Room 4)", "2026-12-08T15:00:00Z", "updated"));
        awaitInboxSettled();
        clock.setTo(noon.plus(Duration.ofHours(2))); // past the window: nothing was left pending
        Thread.sleep(700);

        assertThat(onlySms().formParameters().get("Body").firstValue()).contains("your hearing date is confirmed");
        assertThat(count("SELECT COUNT(*) FROM status_update")).isEqualTo(1);
    }

    @Test
    void clioMatterClosedEmailsAClientWithoutAMobileNumber() throws Exception {
        postSigned(ClioFixtures.fullDelivery(1001, "\"" + UUID.randomUUID() + "\"", "matter_closed", null, CLIENT_EMAIL));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        MimeMessage email = onlyMailTo(CLIENT_EMAIL);
        assertThat(email.getSubject()).isEqualTo("Your matter is closed: Doe v. Acme Trucking");
        assertThat(GreenMailUtil.getBody(email)).contains("Dear Jane,").contains("We have now closed your claim, Doe v. Acme Trucking.");
        assertWrittenBack("1001", "email", "We have now closed your claim");
        assertThat(smsRequests()).isEmpty();
    }

    @Test
    void clioTaskThatIsNotAMilestoneSendsNothing() throws Exception {
        postSigned(StatusFixtures.task(302, 1001, "Call opposing counsel", "complete", "updated"));
        postSigned(StatusFixtures.task(303, 1001, "Intake complete", "in_progress", "updated")); // not complete yet
        awaitInboxSettled();
        Thread.sleep(500);

        assertThat(smsRequests()).isEmpty();
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThat(noteRequests()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM status_update")).isZero();
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE state = 'PROCESSED'")).isEqualTo(2);
    }

    // ---- MyCase, per milestone family --------------------------------------------------------------------

    @Test
    void myCaseTaskCompletedRetainerReceivedTextsTheClient() throws Exception {
        Matter matter = StatusFixtures.myCaseMatter("2001", "Rivera Divorce", "Family Law", "+12015550111", "sam@example.com");

        feed(StatusFixtures.myCase(matter, "task", "completed", "t-1", Map.of("name", "Retainer received", "status", "completed")));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        LoggedRequest sms = onlySms();
        assertThat(sms.formParameters().get("To").firstValue()).isEqualTo("+12015550111");
        assertThat(sms.formParameters().get("Body").firstValue())
                .isEqualTo("Hi Sam, Test Law LLP has received your retainer payment. Thank you. Call us if you need a "
                        + "receipt.");
        assertWrittenBack("2001", "SMS", "received your retainer payment");
    }

    @Test
    void myCaseDocumentUploadedForSignatureAndFilingUseThePracticeAreaTemplates() throws Exception {
        Matter matter = StatusFixtures.myCaseMatter("2002", "Rivera Asylum Application", "Immigration", null, "sam@example.com");

        feed(StatusFixtures.myCase(matter, "document", "created", "d-7", Map.of("name", "I-589 for signature.pdf")));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        MimeMessage email = onlyMailTo("sam@example.com");
        assertThat(email.getSubject()).isEqualTo("Please sign your forms: Rivera Asylum Application");
        assertThat(GreenMailUtil.getBody(email)).contains("Dear Sam,").contains("Sign exactly as your name appears on your passport.");
        assertWrittenBack("2002", "email", "Please sign your forms");
    }

    @Test
    void myCaseStageChangedToHearingScheduledConfirmsTheHearing() throws Exception {
        Matter matter = StatusFixtures.myCaseMatter("2003", "State v. Rivera", "Criminal Defense", null, "sam@example.com");

        feed(StatusFixtures.myCase(matter, "matter", "stage_changed", "2003",
                Map.of("stage", "Hearing Scheduled", "previous_stage", "Discovery")));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        MimeMessage email = onlyMailTo("sam@example.com");
        assertThat(email.getSubject()).isEqualTo("Your court date is confirmed: State v. Rivera");
        assertThat(GreenMailUtil.getBody(email)).contains("You must attend");
    }

    @Test
    void myCaseMatterClosedAndANonMilestoneStageChange() throws Exception {
        Matter matter = StatusFixtures.myCaseMatter("2004", "Rivera Family Trust", "Estate Planning", null, "sam@example.com");

        feed(StatusFixtures.myCase(matter, "matter", "stage_changed", "2004",
                Map.of("stage", "Drafting", "previous_stage", "Intake"))); // not a milestone
        feed(StatusFixtures.myCase(matter, "task", "completed", "t-9", Map.of("name", "Order binders")));  // not a milestone
        feed(StatusFixtures.myCase(matter, "matter", "matter_closed", "2004", Map.of()));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        MimeMessage email = onlyMailTo("sam@example.com");
        assertThat(email.getSubject()).isEqualTo("Your matter is closed: Rivera Family Trust");
        assertThat(GreenMailUtil.getBody(email)).contains("please review your plan with us");
        assertThat(count("SELECT COUNT(*) FROM status_update")).isEqualTo(1);
    }

    // ---- the update window ---------------------------------------------------------------------------------

    @Test
    void milestonesInsideTheWindowGoOutAsOneCombinedMessageWhenItCloses() throws Exception {
        postSigned(StatusFixtures.task(311, 1001, "Intake complete", "complete", "updated"));
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        assertThat(smsRequests()).hasSize(1); // the first update of the window goes at once

        clock.setTo(noon.plus(Duration.ofMinutes(10)));
        postSigned(StatusFixtures.task(312, 1001, "Retainer received", "complete", "updated"));
        clock.setTo(noon.plus(Duration.ofMinutes(20)));
        postSigned(StatusFixtures.document(912, 1001, "Fee agreement.pdf", "Signature required"));
        awaitInboxSettled();
        Thread.sleep(500);
        assertThat(smsRequests()).hasSize(1); // both wait for the window
        assertThat(count("SELECT COUNT(*) FROM status_update WHERE state = 'PENDING'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM scheduled_action WHERE kind = 'status-flush' AND state = 'PENDING'")).isEqualTo(1);

        clock.setTo(noon.plus(Duration.ofMinutes(61)));

        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 2);
        String combined = smsRequests().get(1).formParameters().get("Body").firstValue();
        assertThat(combined).isEqualTo("Hi Jane, there are 2 updates on your matter with Test Law LLP. Call us for the "
                + "details; your legal team will be in touch if anything is needed from you.");
        assertWrittenBack("1001", "SMS", combined);
        assertThat(count("SELECT COUNT(*) FROM status_update WHERE state = 'SENT'")).isEqualTo(3);
        Thread.sleep(500);
        assertThat(smsRequests()).hasSize(2);
    }

    @Test
    void combinedEmailListsEachMilestone() throws Exception {
        Matter matter = StatusFixtures.myCaseMatter("2005", "Rivera Closing", "Real Estate", null, "sam@example.com");
        feed(StatusFixtures.myCase(matter, "task", "completed", "t-20", Map.of("name", "Intake call")));
        feed(StatusFixtures.myCase(matter, "task", "completed", "t-21", Map.of("name", "Retainer received")));
        feed(StatusFixtures.myCase(matter, "document", "created", "d-22", Map.of("name", "Deed to sign.pdf")));
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 1);

        clock.setTo(noon.plus(Duration.ofMinutes(61)));

        await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 2);
        MimeMessage combined = mail.getReceivedMessages()[1];
        assertThat(combined.getSubject()).isEqualTo("2 updates on Rivera Closing");
        assertThat(GreenMailUtil.getBody(combined)).contains("- We received your retainer")
                .contains("- A document is ready for your signature");
    }

    // ---- the approval checkpoint ---------------------------------------------------------------------------

    @Test
    void settlementOfferSendsNothingUntilApprovedThenExactlyOneMessage() throws Exception {
        postSigned(StatusFixtures.document(921, 1001, "Offer from Acme insurer.pdf", "Settlement offer"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo(ATTORNEY).isEmpty());

        MimeMessage ask = onlyMailTo(ATTORNEY);
        String askBody = GreenMailUtil.getBody(ask);
        assertThat(ask.getSubject()).isEqualTo("Approval needed: Doe v. Acme Trucking");
        assertThat(askBody).contains("We have received an offer to settle your claim, Doe v. Acme Trucking.")
                .contains("/approvals/").contains("/approve?exp=").contains("/edit?exp=").contains("/reject?exp=");
        assertThat(smsRequests()).isEmpty();
        assertThat(mailTo(CLIENT_EMAIL)).isEmpty();
        String pending = api("GET", "/api/approvals").body();
        assertThat(pending).contains("\"matterId\":\"1001\"").contains("\"attorneyEmail\":\"" + ATTORNEY + "\"");
        long id = jdbc.queryForObject("SELECT id FROM approval", Map.of(), Long.class);

        assertThat(apiJson("POST", "/api/approvals/" + id + "/approve?by=alex", null).statusCode()).isEqualTo(200);
        assertThat(apiJson("POST", "/api/approvals/" + id + "/approve?by=alex", null).statusCode()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        MimeMessage email = onlyMailTo(CLIENT_EMAIL); // settlement offers may not go by SMS: email
        assertThat(email.getSubject()).isEqualTo("An offer has been made on your claim: Doe v. Acme Trucking");
        assertThat(GreenMailUtil.getBody(email)).contains("You do not have to accept it.");
        assertThat(smsRequests()).isEmpty();
        assertWrittenBack("1001", "email", "An offer has been made on your claim");
        assertThat(jdbc.queryForObject("SELECT state FROM scheduled_action WHERE kind = 'approval-escalate'", Map.of(),
                String.class)).isEqualTo("CANCELLED");
    }

    @Test
    void rejectedApprovalSendsNothing() throws Exception {
        Matter matter = StatusFixtures.myCaseMatter("2006", "Rivera v. Ortiz", "Personal Injury", "+12015550111", "sam@example.com");
        feed(StatusFixtures.myCase(matter, "document", "created", "d-30", Map.of("name", "Settlement offer - Ortiz.pdf")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo("robin@firm.example").isEmpty());
        long id = jdbc.queryForObject("SELECT id FROM approval", Map.of(), Long.class);

        HttpResponse<String> rejected = apiJson("POST", "/api/approvals/" + id + "/reject?by=robin",
                "{\"reason\":\"we will call the client instead\"}");

        assertThat(rejected.statusCode()).isEqualTo(200);
        Thread.sleep(700);
        assertThat(smsRequests()).isEmpty();
        assertThat(mailTo("sam@example.com")).isEmpty();
        assertThat(noteRequests()).isEmpty();
        assertThat(jdbc.queryForMap("SELECT state, decided_by, decided_text FROM approval", Map.of()))
                .containsEntry("STATE", "REJECTED").containsEntry("DECIDED_BY", "robin")
                .containsEntry("DECIDED_TEXT", "we will call the client instead");
    }

    @Test
    void signedEditLinkSendsTheAttorneysTextAndForgedOrExpiredLinksAreRefused() throws Exception {
        postSigned(StatusFixtures.document(931, 1001, "Court order.pdf", "Order")); // hearing outcome: approval
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo(ATTORNEY).isEmpty());
        String askBody = GreenMailUtil.getBody(onlyMailTo(ATTORNEY));
        String edit = link(askBody, "edit");
        String path = URI.create(edit).getRawPath() + "?" + URI.create(edit).getRawQuery();

        HttpResponse<String> page = local("GET", path, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Your hearing in Doe v. Acme Trucking has taken place").contains("<textarea");

        HttpResponse<String> forged = local("POST", path.replace("/edit?", "/approve?"), null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(security.count("approval-link", "invalid_signature")).isEqualTo(1);

        String edited = "Dear Jane, the judge has ruled on your hearing. I will call you this afternoon to explain. Alex";
        HttpResponse<String> sent = local("POST", path, "text=" + java.net.URLEncoder.encode(edited, "UTF-8"));
        assertThat(sent.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo(CLIENT_EMAIL).isEmpty());
        assertThat(GreenMailUtil.getBody(onlyMailTo(CLIENT_EMAIL)).strip()).isEqualTo(edited);
        assertThat(local("POST", path, "text=again").statusCode()).isEqualTo(409);

        clock.setTo(noon.plus(Duration.ofDays(4))); // past the 72 h link lifetime
        assertThat(local("GET", path, null).statusCode()).isEqualTo(410);
        assertThat(smsRequests()).isEmpty();
    }

    @Test
    void unansweredApprovalIsEscalatedOnce() throws Exception {
        postSigned(StatusFixtures.document(941, 1001, "Offer.pdf", "Settlement offer"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo(ATTORNEY).isEmpty());

        clock.setTo(noon.plus(Duration.ofHours(4)).plusSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo(PARTNER).isEmpty());
        clock.setTo(noon.plus(Duration.ofHours(30))); // later polls do not repeat it
        Thread.sleep(700);
        MimeMessage escalation = onlyMailTo(PARTNER);
        assertThat(escalation.getSubject()).isEqualTo("Still waiting for approval: Doe v. Acme Trucking");
        assertThat(GreenMailUtil.getBody(escalation)).contains("nobody has decided yet").contains("/approve?exp=");
        assertThat(mailTo(CLIENT_EMAIL)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT escalated_at FROM approval", Map.of(), java.sql.Timestamp.class)).isNotNull();
    }

    // ---- channel preference and updates contacts -------------------------------------------------------------

    @Test
    void clioPreferenceFieldWinsOverTheFallbackOrder() throws Exception {
        stubMatter(1004, StatusFixtures.matterWithCustomFields(1004, "Family Law", CLIENT_PHONE, CLIENT_EMAIL,
                Map.of("Preferred contact method", "Email")));

        postSigned(StatusFixtures.task(321, 1004, "Intake complete", "complete", "updated"));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        assertThat(smsRequests()).isEmpty();
        assertThat(onlyMailTo(CLIENT_EMAIL).getSubject()).isEqualTo("We have what we need to start: Doe Family Matter");
    }

    @Test
    void matterNamingAGuardianSendsTheUpdateToTheGuardian() throws Exception {
        stubMatter(1005, StatusFixtures.matterWithCustomFields(1005, "Personal Injury", CLIENT_PHONE, CLIENT_EMAIL,
                Map.of("Updates contact", "601")));
        clio.stubFor(get(urlPathEqualTo("/api/v4/contacts/601.json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("fields", equalTo("id,name,first_name,last_name,primary_email_address,primary_phone_number"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(StatusFixtures.contact(601, "Maria Doe", "Maria", "+12015550177", "maria@example.com"))));

        postSigned(StatusFixtures.document(951, 1005, "Release for signature.pdf", null));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 1);
        LoggedRequest sms = onlySms();
        assertThat(sms.formParameters().get("To").firstValue()).isEqualTo("+12015550177");
        assertThat(sms.formParameters().get("Body").firstValue()).startsWith("Hi Maria,");
        assertWrittenBack("1005", "SMS", "Maria Doe");
    }

    @Test
    void clientRepliesEmailThenTheNextUpdateGoesByEmailAndStopStillWorks() throws Exception {
        Matter matter = StatusFixtures.myCaseMatter("2007", "Rivera Lease", "Real Estate", "+12015550111", "sam@example.com");
        feed(StatusFixtures.myCase(matter, "task", "completed", "t-40", Map.of("name", "Intake complete")));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsRequests().size() == 1);

        camel.sendBody("direct:inbound-sms", new InboundSms("SMreply1", "+12015550111", "+12015550199", "EMAIL", noon));
        assertThat(api("GET", "/api/channel-preferences?phone=%2B12015550111").body()).contains("\"channel\":\"email\"");

        clock.setTo(noon.plus(Duration.ofHours(2)));
        feed(StatusFixtures.myCase(matter, "matter", "matter_closed", "2007", Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailTo("sam@example.com").isEmpty());
        assertThat(onlyMailTo("sam@example.com").getSubject()).isEqualTo("Your matter is closed: Rivera Lease");
        assertThat(smsRequests()).hasSize(1);

        camel.sendBody("direct:inbound-sms", new InboundSms("SMreply2", "+12015550111", "+12015550199", "STOP", noon));
        assertThat(count("SELECT COUNT(*) FROM opt_out WHERE address = '+12015550111'")).isEqualTo(1);
    }

    @Test
    void preferenceSetThroughTheApiIsUsedWhenThePracticeSystemNamesNone() throws Exception {
        HttpResponse<String> set = apiJson("PUT", "/api/channel-preferences", "{\"contactId\":\"501\",\"channel\":\"portal\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(apiJson("PUT", "/api/channel-preferences", "{\"contactId\":\"501\",\"channel\":\"fax\"}").statusCode())
                .isEqualTo(400);

        postSigned(StatusFixtures.task(331, 1001, "Intake complete", "complete", "updated"));

        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().size() == 2 && mail.getReceivedMessages().length == 1);
        assertThat(smsRequests()).isEmpty();
        assertThat(noteRequests().get(0).getBodyAsString()).contains("Your injury claim is set up"); // the portal message
        assertWrittenBack("1001", "portal", "Your injury claim is set up");
        assertThat(onlyMailTo(CLIENT_EMAIL).getSubject()).isEqualTo("New message in your client portal");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    void feed(MatterEvent event) {
        tx.executeWithoutResult(s -> camel.sendBodyAndHeaders("direct:matter-event", event,
                Map.of("casewireDedupeKey", event.sourceKey())));
    }

    void stubMatter(long id, String body) {
        clio.stubFor(get(urlPathEqualTo("/api/v4/matters/" + id + ".json")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + ClioFixtures.ACCESS_TOKEN))
                .withQueryParam("fields", com.github.tomakehurst.wiremock.client.WireMock.containing("custom_field_values{"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    LoggedRequest onlySms() {
        List<LoggedRequest> sms = smsRequests();
        assertThat(sms).hasSize(1);
        return sms.get(0);
    }

    List<MimeMessage> mailTo(String address) throws MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    MimeMessage onlyMailTo(String address) throws MessagingException {
        List<MimeMessage> to = mailTo(address);
        assertThat(to).as("mail to %s", address).hasSize(1);
        return to.get(0);
    }

    /** The write-back note: on the matter, saying when, on which channel, and the text. */
    void assertWrittenBack(String matterId, String channel, String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> noteRequests().stream()
                .anyMatch(r -> r.getBodyAsString().contains("\"id\":" + matterId)));
        String note = noteRequests().stream().map(LoggedRequest::getBodyAsString)
                .filter(b -> b.contains("\"id\":" + matterId)).reduce((a, b) -> b).orElseThrow();
        assertThat(note).contains("\"type\":\"Matter\"").contains("Client update sent by " + channel)
                .containsPattern("Sent 2026-11-2\\d \\d\\d:\\d\\d E[SD]T by " + channel).contains(text);
    }

    static String link(String body, String action) {
        Matcher m = Pattern.compile("(https://\\S+/approvals/\\d+/" + action + "\\?exp=\\d+&sig=[0-9a-f]+)").matcher(body);
        assertThat(m.find()).as("a %s link in %s", action, body).isTrue();
        return m.group(1);
    }

    HttpResponse<String> apiJson(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer test-api-token");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> local(String method, String pathAndQuery, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
        if (form == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
