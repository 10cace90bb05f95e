package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the intake mailbox keeps of a message, and which messages it refuses. Raw RFC 5322 text in, no server. */
class IntakeMailReaderTest {

    static final Set<String> OWN = Set.of("intake@testlaw.example", "updates@testlaw.example");
    static final long MAX_BYTES = 1_000_000;

    static MimeMessage mail(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    static String plain(String headers, String body) {
        return "From: Dana Reyes <Dana.Reyes@Example.com>\nTo: intake@testlaw.example\nSubject: Custody question\n"
                + "Message-ID: <abc123@mail.example.com>\nDate: Tue, 3 Mar 2026 10:00:00 -0500\n" + headers
                + "Content-Type: text/plain; charset=utf-8\n\n" + body;
    }

    static Optional<String> refusalKind(String raw) throws Exception {
        return IntakeMailReader.refusal(mail(raw), OWN, MAX_BYTES).map(IntakeMailReader.Refusal::kind);
    }

    @Test
    void aPlainEnquiryIsReadWithNameAddressSubjectAndText() throws Exception {
        MimeMessage m = mail(plain("", "Hello,\nmy ex-husband moved out of state with our son.\nCan you help?\n"));

        assertThat(IntakeMailReader.refusal(m, OWN, MAX_BYTES)).isEmpty();
        IntakeMail read = IntakeMailReader.read(m, 4000);
        assertThat(read.from()).isEqualTo("dana.reyes@example.com");
        assertThat(read.name()).isEqualTo("Dana Reyes");
        assertThat(read.subject()).isEqualTo("Custody question");
        assertThat(read.text()).isEqualTo("Hello,\nmy ex-husband moved out of state with our son.\nCan you help?");
        assertThat(read.truncated()).isFalse();
        assertThat(read.messageId()).isEqualTo("<abc123@mail.example.com>");
        assertThat(IntakeMailReader.dedupeKey(m)).isEqualTo("message-id:<abc123@mail.example.com>");
    }

    @Test
    void withoutAMessageIdTheKeyIsTheDigestOfTheRawMessageAndTheSameForTheSameBytes() throws Exception {
        String raw = plain("", "Hi").replace("Message-ID: <abc123@mail.example.com>\n", "");
        String key = IntakeMailReader.dedupeKey(mail(raw));
        assertThat(key).matches("sha256:[0-9a-f]{64}");
        assertThat(IntakeMailReader.dedupeKey(mail(raw))).isEqualTo(key);
        assertThat(IntakeMailReader.dedupeKey(mail(raw.replace("Hi", "Hi!")))).isNotEqualTo(key);
    }

    @Test
    void htmlOnlyMailBecomesTextWithoutMarkupScriptsOrStyles() throws Exception {
        String raw = plain("", "<html><head><style>p{color:red}</style><script>alert(1)</script></head>"
                + "<body><p>I was <b>hurt</b> at work &amp; need advice.</p><div>Call me &lt;please&gt;</div>"
                + "<!-- tracking --><img src=\"https://t.example/x.gif\"></body></html>")
                .replace("text/plain", "text/html");
        IntakeMail read = IntakeMailReader.read(mail(raw), 4000);
        assertThat(read.text()).isEqualTo("I was hurt at work & need advice.\n\nCall me <please>");
    }

    @Test
    void multipartAlternativePrefersThePlainTextAndSkipsAttachments() throws Exception {
        String raw = """
                From: Sam Lee <sam@example.com>
                Subject: Will
                Message-ID: <m2@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=utf-8

                I need a will drafted.
                --inner
                Content-Type: text/html; charset=utf-8

                <p>I need a <i>will</i> drafted.</p>
                --inner--
                --outer
                Content-Type: text/plain; name="secret.txt"
                Content-Disposition: attachment; filename="secret.txt"

                attachment text that is not the enquiry
                --outer--
                """;
        IntakeMail read = IntakeMailReader.read(mail(raw), 4000);
        assertThat(read.text()).isEqualTo("I need a will drafted.");
    }

    @Test
    void aHugeBodyIsCutAtTheLimitAndMarkedTruncated() throws Exception {
        String body = "word ".repeat(200_000);
        IntakeMail read = IntakeMailReader.read(mail(plain("", body)), 4000);
        assertThat(read.text()).hasSize(4000);
        assertThat(read.truncated()).isTrue();
    }

    @Test
    void aMessageOverTheSizeLimitIsRefused() throws Exception {
        assertThat(IntakeMailReader.refusal(mail(plain("", "x".repeat(5000))), OWN, 2048).map(IntakeMailReader.Refusal::kind))
                .contains("email_too_large");
    }

    @Test
    void autoRepliesBouncesAndListsAreRefused() throws Exception {
        assertThat(refusalKind(plain("Auto-Submitted: auto-replied\n", "I am out of the office"))).contains("email_auto_reply");
        assertThat(refusalKind(plain("Auto-Submitted: no\n", "a person wrote this"))).isEmpty();
        assertThat(refusalKind(plain("X-Autoreply: yes\n", "away"))).contains("email_auto_reply");
        assertThat(refusalKind(plain("Precedence: bulk\n", "newsletter"))).contains("email_auto_reply");
        assertThat(refusalKind(plain("List-Id: <news.example.com>\n", "newsletter"))).contains("email_auto_reply");
        assertThat(refusalKind(plain("Return-Path: <>\n", "undeliverable"))).contains("email_bounce");
        assertThat(refusalKind(plain("", "undeliverable").replace("Dana Reyes <Dana.Reyes@Example.com>",
                "Mail Delivery System <MAILER-DAEMON@mx.example.com>"))).contains("email_bounce");
        assertThat(refusalKind(plain("", "x").replace("Content-Type: text/plain; charset=utf-8",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\""))).contains("email_bounce");
    }

    @Test
    void mailWithoutAUsableSenderOrFromTheHubItselfIsRefused() throws Exception {
        assertThat(refusalKind(plain("", "hi").replace("From: Dana Reyes <Dana.Reyes@Example.com>\n", ""))).contains("email_no_sender");
        assertThat(refusalKind(plain("", "hi").replace("Dana Reyes <Dana.Reyes@Example.com>", "Dana Reyes")))
                .contains("email_no_sender");
        assertThat(refusalKind(plain("", "hi").replace("Dana Reyes <Dana.Reyes@Example.com>", "a@example.com, b@example.com")))
                .contains("email_no_sender");
        assertThat(refusalKind(plain("", "hi").replace("Dana.Reyes@Example.com", "Intake@TestLaw.example")))
                .contains("email_own_address");
        assertThat(refusalKind(plain("", "hi").replace("Dana.Reyes@Example.com", "updates@testlaw.example")))
                .contains("email_own_address");
    }

    @Test
    void headerInjectionThroughEncodedWordsIsRefused() throws Exception {
        // "Dana\r\nBcc: victim@example.com" as an encoded word: decoded, it would split the acknowledgment's headers
        assertThat(refusalKind(plain("", "hi").replace("Dana Reyes <", "=?utf-8?Q?Dana=0D=0ABcc=3A_victim=40example.com?= <")))
                .contains("email_header_injection");
        assertThat(refusalKind(plain("", "hi").replace("Subject: Custody question", "Subject: =?utf-8?B?SGkNCkJjYzogeEB5LmNvbQ==?=")))
                .contains("email_header_injection");
        assertThat(refusalKind(plain("", "hi").replace("Dana Reyes <", "\"{{firm.name}}\" <"))).contains("email_header_injection");
        assertThat(refusalKind(plain("", "hi").replace("Dana Reyes <", "\"${sys.user.home}\" <"))).contains("email_header_injection");
        // an ordinary folded subject is not an injection
        assertThat(refusalKind(plain("", "hi").replace("Subject: Custody question", "Subject: Custody\n question"))).isEmpty();
    }

    @Test
    void theNameComesFromTheDisplayNameTurnedRoundWhenWrittenLastCommaFirst() throws Exception {
        assertThat(IntakeMailReader.displayName("Dana  Reyes")).isEqualTo("Dana Reyes");
        assertThat(IntakeMailReader.displayName("Reyes, Dana")).isEqualTo("Dana Reyes");
        assertThat(IntakeMailReader.displayName("dana.reyes@example.com")).isNull();
        assertThat(IntakeMailReader.displayName("  ")).isNull();
        assertThat(IntakeMailReader.read(mail(plain("", "hi").replace("Dana Reyes <", "\"Reyes, Dana\" <")), 4000).name())
                .isEqualTo("Dana Reyes");
        assertThat(IntakeMailReader.read(mail(plain("", "hi").replace("Dana Reyes <Dana.Reyes@Example.com>", "dana@example.com")),
                4000).name()).isNull();
    }
}
