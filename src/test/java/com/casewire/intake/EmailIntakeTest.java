package com.casewire.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.casewire.support.ClioFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email as an intake channel, against GreenMail's IMAP server: the hub polls the intake mailbox with camel-mail, the
 * acknowledgment goes out through the outbox to the SMTP stub of {@link com.casewire.support.HubIntegrationTest}, and
 * Clio's contact and matter look-ups are contract-shaped WireMock stubs.
 */
class EmailIntakeTest extends IntakeTestBase {

    static final String INTAKE = "intake@testlaw.example";
    // characters that would break an endpoint URI: the login travels in the authenticator bean, not the URI
    static final String INTAKE_PASSWORD = "p@ss)w{rd}&%+ 1";
    static final String PROSPECT = "dana.reyes@example.com";
    static final GreenMail imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    static final GreenMailUser mailbox;

    static {
        imap.start();
        mailbox = imap.setUser(INTAKE, INTAKE, INTAKE_PASSWORD);
    }

    final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void mailboxAndDatabase(DynamicPropertyRegistry registry) {
        h2(registry);
        registry.add("hub.intake.mailbox.enabled", () -> "true");
        registry.add("hub.intake.mailbox.protocol", () -> "imap");
        registry.add("hub.intake.mailbox.host", () -> "127.0.0.1");
        registry.add("hub.intake.mailbox.port", () -> imap.getImap().getPort());
        registry.add("hub.intake.mailbox.username", () -> INTAKE);
        registry.add("hub.intake.mailbox.password", () -> INTAKE_PASSWORD);
        registry.add("hub.intake.mailbox.poll-interval-millis", () -> "1000");
    }

    @BeforeEach
    void emptyMailboxOnATuesdayMorning() throws Exception {
        clock.setTo(ZonedDateTime.of(2026, 3, 3, 10, 0, 0, 0, ZoneId.of("America/New_York")).toInstant());
        imap.purgeEmailFromAllMailboxes();
        // the client-by-email look-up: Clio's search finds nobody unless a test says otherwise
        clio.stubFor(ClioFixtures.authed(get(urlPathEqualTo("/api/v4/contacts.json")))
                .withQueryParam("query", com.github.tomakehurst.wiremock.client.WireMock.matching(".+@.+"))
                .withQueryParam("fields", containing("email_addresses{address}"))
                .willReturn(ClioFixtures.json(200, "{\"data\":[],\"meta\":{\"paging\":{}}}")));
    }

    @Test
    void aNewMailFromAnUnknownSenderBecomesOneLeadAndOneAcknowledgment() throws Exception {
        deliver(message("<first-enquiry@mail.example.com>", "Dana Reyes <Dana.Reyes@example.com>", "Custody question", "",
                "text/html", "<p>My ex moved out of state with our son.</p><p>Can you help?</p>"));

        await().atMost(Duration.ofSeconds(15)).until(() -> acknowledgmentsTo(PROSPECT).size() == 1);
        assertThat(leadCount()).isEqualTo(1);
        Map<String, Object> lead = jdbc.queryForMap("SELECT * FROM intake_lead", Map.of());
        assertThat(lead.get("NAME")).isEqualTo("Dana Reyes");
        assertThat(lead.get("EMAIL")).isEqualTo(PROSPECT);
        assertThat(lead.get("PHONE")).isNull();
        assertThat(lead.get("SOURCE")).isEqualTo("email");
        assertThat((String) lead.get("SUMMARY")).isEqualTo("Custody question\n\nMy ex moved out of state with our son.\n\nCan you help?");
        assertThat(lead.get("STATE")).isEqualTo("acknowledged");

        MimeMessage ack = acknowledgmentsTo(PROSPECT).get(0);
        assertThat(ack.getSubject()).isEqualTo("We received your message - Test Law LLP");
        assertThat(GreenMailUtil.getBody(ack)).contains("Hi Dana").contains(PUBLIC_BASE + "/intake/book/");
        await().atMost(Duration.ofSeconds(5)).until(() -> seenInMailbox() == 1);
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE source = 'email'")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT dedupe_key FROM inbox_event WHERE source = 'email'", Map.of(), String.class))
                .isEqualTo("message-id:<first-enquiry@mail.example.com>");
    }

    @Test
    void aHugeBodyIsCutToTheLeadsSummaryAndStillAcknowledgedOnce() throws Exception {
        deliver(message("<huge@mail.example.com>", "\"Reyes, Dana\" <" + PROSPECT + ">", "Long story", "", "text/plain",
                "It started in 2019. ".repeat(150_000))); // 3 MB of text

        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledgmentsTo(PROSPECT).size() == 1);
        Map<String, Object> lead = jdbc.queryForMap("SELECT * FROM intake_lead", Map.of());
        assertThat(lead.get("NAME")).isEqualTo("Dana Reyes");
        assertThat((String) lead.get("SUMMARY")).startsWith("Long story\n\nIt started in 2019.").hasSize(EmailIntake.MAX_LEAD_TEXT);
        assertThat(jdbc.queryForObject("SELECT LENGTH(payload) FROM inbox_event WHERE source = 'email'", Map.of(), Integer.class))
                .as("the inbox keeps the extract, not the message").isLessThan(5000);
        assertThat(GreenMailUtil.getBody(acknowledgmentsTo(PROSPECT).get(0))).contains("Hi Dana");
    }

    @Test
    void theSameMailFetchedTwiceStaysOneLeadWithOneAcknowledgment() throws Exception {
        MimeMessage enquiry = message("<twice@mail.example.com>", "Dana Reyes <" + PROSPECT + ">", "Custody question", "",
                "text/plain", "Can you help with custody?");
        deliver(enquiry);
        await().atMost(Duration.ofSeconds(15)).until(() -> acknowledgmentsTo(PROSPECT).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> seenInMailbox() == 1);

        // as after a crash between storing and marking seen: the message is unseen again and read a second time;
        // and the mail server delivering a copy with the same Message-ID
        markAllUnseen();
        deliver(enquiry);
        await().atMost(Duration.ofSeconds(15)).until(() -> seenInMailbox() == 2);
        awaitInboxSettled();
        Thread.sleep(1000);

        assertThat(leadCount()).isEqualTo(1);
        assertThat(contactsOf(onlyLeadId())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE source = 'email'")).isEqualTo(1);
        assertThat(acknowledgmentsTo(PROSPECT)).hasSize(1);
    }

    @Test
    void aMailFromAKnownClientIsWrittenOnTheirMostRecentOpenMatterAndIsNoLead() throws Exception {
        clio.stubFor(ClioFixtures.authed(get(urlPathEqualTo("/api/v4/contacts.json")))
                .withQueryParam("query", equalTo(CLIENT_EMAIL))
                .withQueryParam("fields", containing("email_addresses{address}"))
                .willReturn(ClioFixtures.json(200, """
                        {"data":[{"id":502,"name":"Jane Doe-Smith","primary_email_address":"jane.doe@example.com.au","email_addresses":[]},
                                 {"id":501,"name":"Jane Doe","primary_email_address":"jane@work.example",
                                  "email_addresses":[{"address":"jane@work.example"},{"address":"Jane.Doe@example.com"}]}],
                         "meta":{"paging":{}}}""")));
        clio.stubFor(ClioFixtures.authed(get(urlPathEqualTo("/api/v4/matters.json")))
                .withQueryParam("client_id", equalTo("501"))
                .withQueryParam("status", equalTo("open"))
                .withQueryParam("fields", containing("open_date"))
                .willReturn(ClioFixtures.json(200, """
                        {"data":[{"id":1001,"etag":"\\"a\\"","display_number":"01001-Doe","description":"Doe v. Acme Trucking",
                                  "status":"Open","open_date":"2025-06-01","client":{"id":501,"name":"Jane Doe"}},
                                 {"id":1007,"etag":"\\"b\\"","display_number":"01007-Doe","description":"Doe estate",
                                  "status":"Open","open_date":"2026-01-15","client":{"id":501,"name":"Jane Doe"}},
                                 {"id":1004,"etag":"\\"c\\"","display_number":"01004-Doe","description":"Doe lease",
                                  "status":"Open","open_date":"2025-11-30","client":{"id":501,"name":"Jane Doe"}}],
                         "meta":{"paging":{}}}""")));

        deliver(message("<client-note@mail.example.com>", "Jane Doe <jane.doe@example.com>", "Documents for the estate", "",
                "text/plain", "I found the deed; I will bring it on Friday."));

        await().atMost(Duration.ofSeconds(15)).until(() -> noteRequests().size() == 1);
        JsonNode note = json.readTree(noteRequests().get(0).getBodyAsString()).path("data");
        assertThat(note.path("matter").path("id").asLong()).as("the most recently opened of the client's open matters")
                .isEqualTo(1007);
        assertThat(note.path("subject").asText()).isEqualTo("Client emailed: Documents for the estate");
        assertThat(note.path("detail").asText()).contains("Jane Doe <jane.doe@example.com>")
                .contains("I found the deed; I will bring it on Friday.");
        assertThat(count("SELECT COUNT(*) FROM communication_log WHERE channel = 'email' AND matter_id = '1007'")).isEqualTo(1);
        awaitInboxSettled();
        Thread.sleep(500);
        assertThat(leadCount()).isZero();
        assertThat(mail.getReceivedMessages()).as("no acknowledgment to a client").isEmpty();
        assertThat(clio.findAll(getRequestedFor(urlPathEqualTo("/api/v4/matters.json")))).hasSize(1);
    }

    @Test
    void autoRepliesBouncesAndMailThatInjectsHeadersAreRefusedAndNeverAcknowledged() throws Exception {
        deliver(message("<ooo@mail.example.com>", "Dana Reyes <" + PROSPECT + ">", "Out of office",
                "Auto-Submitted: auto-replied\r\n", "text/plain", "I am away until Monday."));
        deliver(message("<bounce@mx.example.com>", "Mail Delivery System <MAILER-DAEMON@mx.example.com>",
                "Undelivered Mail Returned to Sender", "", "text/plain", "This is the mail system at host mx.example.com."));
        deliver(message("<loop@testlaw.example>", "Test Law LLP <updates@testlaw.example>", "We received your message",
                "", "text/plain", "Hi Dana, we received your message."));
        // "Hi\r\nBcc: x@y.com" as an encoded word: decoded, it would split the acknowledgment's headers
        deliver(message("<inject@mail.example.com>", "Dana <dana@example.net>", "=?utf-8?B?SGkNCkJjYzogeEB5LmNvbQ==?=",
                "", "text/plain", "hello"));

        await().atMost(Duration.ofSeconds(15)).until(() -> seenInMailbox() == 4);
        Thread.sleep(500);
        assertThat(leadCount()).isZero();
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE source = 'email'")).isZero();
        assertThat(mail.getReceivedMessages()).as("no acknowledgment: no mail loop").isEmpty();
        assertThat(jdbc.queryForList("SELECT kind FROM security_event WHERE source = 'email' ORDER BY id", Map.of(), String.class))
                .containsExactlyInAnyOrder("email_auto_reply", "email_bounce", "email_own_address", "email_header_injection");
    }

    @Test
    void aMessageThatCannotBeReadIsRecordedOnceAndNotReadAgainOnEveryPoll() throws Exception {
        // a sender name that decodes to "Dana\r\nBcc: victim@example.com": GreenMail puts the decoded line break into
        // the IMAP envelope, which the mail library then cannot parse; other servers send it encoded and the hub
        // refuses it as header injection. Either way: one refusal, no lead, no acknowledgment, no retry loop.
        deliver(message("<inject-from@mail.example.com>", "=?utf-8?Q?Dana=0D=0ABcc=3A_victim=40example.com?= <dana@example.net>",
                "Hello", "", "text/plain", "hello"));

        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT COUNT(*) FROM security_event WHERE source = 'email'") == 1);
        Thread.sleep(3000); // three more polls
        assertThat(jdbc.queryForList("SELECT kind FROM security_event WHERE source = 'email'", Map.of(), String.class))
                .singleElement().isIn("email_unreadable", "email_header_injection");
        assertThat(seenInMailbox()).isEqualTo(1);
        assertThat(leadCount()).isZero();
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    // ---- helpers ----

    MimeMessage message(String messageId, String from, String subject, String extraHeaders, String contentType, String body)
            throws Exception {
        String raw = "From: " + from + "\r\nTo: " + INTAKE + "\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
                + "\r\nDate: Tue, 3 Mar 2026 09:58:00 -0500\r\nMIME-Version: 1.0\r\n" + extraHeaders
                + "Content-Type: " + contentType + "; charset=utf-8\r\n\r\n" + body + "\r\n";
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    void deliver(MimeMessage message) {
        mailbox.deliver(message);
    }

    List<MimeMessage> acknowledgmentsTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Messages in the intake mailbox the hub has marked seen, read as a mail client would (IMAP). */
    long seenInMailbox() throws Exception {
        try (Store store = imapStore(); Folder inbox = store.getFolder("INBOX")) {
            inbox.open(Folder.READ_ONLY);
            return Arrays.stream(inbox.getMessages()).filter(m -> {
                try {
                    return m.isSet(Flags.Flag.SEEN);
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).count();
        }
    }

    void markAllUnseen() throws Exception {
        try (Store store = imapStore(); Folder inbox = store.getFolder("INBOX")) {
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                m.setFlag(Flags.Flag.SEEN, false);
            }
        }
    }

    Store imapStore() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap.getImap().getPort(), INTAKE, INTAKE_PASSWORD);
        return store;
    }
}
