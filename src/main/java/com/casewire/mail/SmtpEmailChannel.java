package com.casewire.mail;

import com.casewire.config.FirmProperties;
import com.casewire.outbox.MessageKind;
import com.casewire.outbox.OutboundChannel;
import com.casewire.outbox.OutboundMessage;
import com.casewire.vendor.RatePacer;
import com.casewire.vendor.Sha256;
import com.casewire.vendor.VendorCalls;
import com.casewire.vendor.VendorException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email through the configured SMTP server ({@code spring.mail.*}; TLS with
 * {@code spring.mail.properties.mail.smtp.starttls.enable=true} or port 465 with
 * {@code mail.smtp.ssl.enable}), from {@code hub.mail.from} under the firm's name, or as the message's envelope says
 * (a workflow's own mailbox such as the billing address, a person writing for the firm, Reply-To, copies, a
 * read-receipt request). Plain text, optionally with an HTML alternative and attachments, sent by the Camel route {@code outbound-email} (a camel-mail endpoint
 * over Spring's sender). A refused recipient (5xx on RCPT) is permanent; a server that is down, or a 4xx, is
 * transient.
 */
@Component
class SmtpEmailChannel implements OutboundChannel {

    static final String VENDOR = "smtp";
    /** The Camel route that sends one email (camel/outbound-mail.camel.yaml). */
    static final String ROUTE = "direct:outbound-email";

    private final JavaMailSender mail;
    private final ProducerTemplate camel;
    private final String from;
    private final String domain;
    private final String firmName;
    private final RatePacer pacer;

    SmtpEmailChannel(ObjectProvider<JavaMailSender> mail, ProducerTemplate camel, MailProperties settings,
                     FirmProperties firm) {
        this.mail = mail.getIfAvailable();
        this.camel = camel;
        if (this.mail == null) {
            throw new IllegalStateException("spring.mail.host is not set: the hub needs an SMTP server for client email "
                    + "(SPRING_MAIL_HOST, SPRING_MAIL_PORT, SPRING_MAIL_USERNAME, SPRING_MAIL_PASSWORD)");
        }
        this.from = settings.from();
        this.domain = from.substring(from.lastIndexOf('@') + 1);
        this.firmName = firm.name();
        this.pacer = new RatePacer(VENDOR, settings.messagesPerSecond());
    }

    @Override
    public MessageKind kind() {
        return MessageKind.EMAIL;
    }

    @Override
    public String vendor() {
        return VENDOR;
    }


    /** The workflow's own mailbox when its envelope names one, else {@code hub.mail.from}. */
    private String senderAddress(OutboundMessage.Envelope envelope) {
        return envelope != null && envelope.from() != null && !envelope.from().isBlank() ? envelope.from().strip() : from;
    }

    /**
     * The name shown: the firm's; a workflow mailbox's own name; or a person writing from the hub's address beside
     * the firm's ("Alex Counsel, Smith Law").
     */
    private String senderName(OutboundMessage.Envelope envelope) {
        if (envelope == null || envelope.fromName() == null || envelope.fromName().isBlank()) {
            return firmName;
        }
        boolean ownMailbox = envelope.from() != null && !envelope.from().isBlank();
        return ownMailbox ? envelope.fromName().strip() : envelope.fromName().strip() + ", " + firmName;
    }

    @Override
    public String send(OutboundMessage message, String idempotencyKey) {
        pacer.acquire();
        try {
            MimeMessage mime = mail.createMimeMessage();
            boolean multipart = message.htmlBody() != null || !message.attachments().isEmpty();
            MimeMessageHelper helper = new MimeMessageHelper(mime, multipart, "UTF-8");
            OutboundMessage.Envelope envelope = message.envelope();
            helper.setFrom(senderAddress(envelope), senderName(envelope));
            helper.setTo(message.to());
            if (envelope != null && envelope.replyTo() != null && !envelope.replyTo().isBlank()) {
                helper.setReplyTo(envelope.replyTo().strip());
            }
            if (envelope != null && !envelope.cc().isEmpty()) {
                helper.setCc(envelope.cc().toArray(String[]::new));
            }
            helper.setSubject(message.subject() != null ? message.subject() : "A message from " + firmName);
            if (message.htmlBody() != null) {
                helper.setText(message.body(), message.htmlBody()); // plain-text and HTML alternatives
            } else {
                helper.setText(message.body(), false);
            }
            for (OutboundMessage.Attachment file : message.attachments()) {
                helper.addAttachment(file.filename(), new ByteArrayResource(Base64.getDecoder().decode(file.base64Content())),
                        file.contentType());
            }
            if (envelope != null) {
                envelope.headers().forEach((name, value) -> setHeader(mime, name, value));
            }
            mime.setHeader("X-CaseWire-Key", idempotencyKey);
            mime.setHeader("Message-ID", messageId(idempotencyKey)); // JavaMailSender keeps an explicit Message-ID
            VendorCalls.check(VENDOR);
            Exchange answer = camel.send(ROUTE, exchange -> exchange.getMessage().setBody(mime));
            if (answer.getException() instanceof RuntimeException failure) {
                throw failure; // Spring's MailException, classified below
            } else if (answer.getException() != null) {
                throw new MailSendException("sending failed: " + answer.getException(), answer.getException());
            }
            return mime.getMessageID();
        } catch (MailAuthenticationException e) {
            throw new VendorException(VENDOR, true, 0, null, "SMTP authentication failed: " + e.getMessage(), null, e);
        } catch (MailSendException e) {
            throw classify(e);
        } catch (MailException | MessagingException | java.io.UnsupportedEncodingException e) {
            throw new VendorException(VENDOR, true, 0, null, e.getMessage(), null, e);
        }
    }

    private static void setHeader(MimeMessage mime, String name, String value) {
        try {
            mime.setHeader(name, value);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot set header " + name, e);
        }
    }

    /**
     * SMTP cannot be asked whether a message arrived: a send whose outcome is unknown is sent again, with the same
     * Message-ID, so that mail clients show one message. The one place where a client may receive a copy twice.
     */
    @Override
    public Optional<String> findSent(OutboundMessage message, String idempotencyKey, Instant claimedAt,
                                     Predicate<String> heldByAnotherRow) {
        return Optional.empty();
    }

    /** The same Message-ID for every attempt of one outbox row: {@code <casewire.[hash of the key]@[sender's domain]>}. */
    String messageId(String idempotencyKey) {
        String hash = Sha256.hex(idempotencyKey).substring(0, 40);
        return "<casewire." + hash + "@" + domain + ">";
    }

    private static VendorException classify(MailSendException e) {
        for (Exception failed : e.getFailedMessages().values()) {
            for (Throwable t = failed; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SMTPAddressFailedException address && address.getReturnCode() >= 500) {
                    return new VendorException(VENDOR, false, address.getReturnCode(), null, address.getMessage(), null, e);
                }
                if (t instanceof SMTPSendFailedException send && send.getReturnCode() >= 500) {
                    return new VendorException(VENDOR, false, send.getReturnCode(), null, send.getMessage(), null, e);
                }
                if (t instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
                        && sfe.getInvalidAddresses().length > 0 && sfe.getValidSentAddresses() == null) {
                    return new VendorException(VENDOR, false, 0, null, "invalid address: " + sfe.getMessage(), null, e);
                }
            }
        }
        return new VendorException(VENDOR, true, 0, null, e.getMessage(), null, e);
    }
}
