package com.casewire.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.outbox.OutboundMessage;
import com.casewire.support.TestHubProperties;
import com.casewire.vendor.VendorException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Email over real SMTP (GreenMail): sender, plain text, HTML alternative, attachments, server down. */
class SmtpEmailChannelTest {

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @BeforeEach
    void start() {
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    SmtpEmailChannel channel(int port) {
        TestHubProperties hub = TestHubProperties.with(Map.of("hub.firm.name", "Mail Law LLP",
                "hub.mail.from", "billing@maillaw.example", "hub.mail.messages-per-second", "100"));
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("mail", sender);
        java.util.Properties placeholders = new java.util.Properties();
        placeholders.setProperty("spring.mail.host", "localhost");
        placeholders.setProperty("spring.mail.port", String.valueOf(port));
        var camel = com.casewire.support.TestVendorRoutes.camel(placeholders,
                Map.of("springMailTransport", new SpringMailTransport(sender)), "camel/outbound-mail.camel.yaml");
        return new SmtpEmailChannel(beans.getBeanProvider(org.springframework.mail.javamail.JavaMailSender.class),
                camel.createProducerTemplate(), hub.mail(), hub.firm());
    }

    @Test
    void plainTextMessageFromTheFirm() throws Exception {
        String id = channel(smtp.getSmtp().getPort()).send(OutboundMessage.email("client@example.com",
                "Jane Doe", "Your matter is closed", "Dear Jane, ...").withMatter("1001").withWorkflow("matter-status")
                .withTemplate("t").asClientCommunication().withWriteBack(), "key-1");

        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(id).isEqualTo(received.getMessageID());
        assertThat(received.getFrom()[0].toString()).isEqualTo("Mail Law LLP <billing@maillaw.example>");
        assertThat(received.getSubject()).isEqualTo("Your matter is closed");
        assertThat(received.getHeader("X-CaseWire-Key")[0]).isEqualTo("key-1");
        assertThat(GreenMailUtil.getBody(received)).isEqualTo("Dear Jane, ...");
    }

    @Test
    void htmlAlternativeAndAttachment() throws Exception {
        byte[] pdf = "%PDF-1.4 statement".getBytes(StandardCharsets.US_ASCII);
        OutboundMessage message = OutboundMessage.email("client@example.com", "Jane Doe", "Statement of account",
                "Your statement is attached.").withMatter("1001").withWorkflow("billing").withTemplate("t")
                .asClientCommunication().withHtmlBody("<p>Your statement is <b>attached</b>.</p>")
                .withAttachments(List.of(new OutboundMessage.Attachment("statement-1001.pdf", "application/pdf",
                        Base64.getEncoder().encodeToString(pdf))));

        channel(smtp.getSmtp().getPort()).send(message, "key-2");

        MimeMessage received = smtp.getReceivedMessages()[0];
        List<Part> parts = new ArrayList<>();
        collect(received, parts);
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.getContentType()).startsWith("text/plain");
            assertThat(p.getContent().toString()).isEqualTo("Your statement is attached.");
        });
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.getContentType()).startsWith("text/html");
            assertThat(p.getContent().toString()).contains("<b>attached</b>");
        });
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.getFileName()).isEqualTo("statement-1001.pdf");
            assertThat(p.getContentType()).startsWith("application/pdf");
            assertThat(p.getInputStream().readAllBytes()).isEqualTo(pdf);
        });
    }

    @Test
    void serverDownIsTransient() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SmtpEmailChannel down = channel(closed);

        assertThatThrownBy(() -> down.send(OutboundMessage.email("client@example.com", "Jane", "s", "b").withWorkflow("w")
                .asClientCommunication(), "key-3"))
                .isInstanceOf(VendorException.class)
                .satisfies(e -> assertThat(((VendorException) e).isTransient()).isTrue());
    }

    private static void collect(Part part, List<Part> leaves) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, leaves);
            }
        } else {
            leaves.add(part);
        }
    }
}
