package com.casewire.intake;

import com.casewire.audit.LogMask;
import com.casewire.inbox.InboxProcessor;
import com.casewire.inbox.InboxStore;
import com.casewire.inbox.SecurityEvents;
import com.casewire.mail.MailProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The intake mailbox's edge (route {@code mail-store-intake-message}): each new message from the camel-mail consumer is
 * screened ({@link IntakeMailReader#refusal}) and, when it may be an enquiry, stored in the inbox (source
 * {@value #SOURCE}) and handed to the inbox workers, all before this returns: only then does the consumer mark the
 * message seen (or deleted). A refused message is one security event (one WARN line, one {@code security_event} row)
 * and is marked seen like the others, so it is not read again; it stays in the mailbox for a person.
 */
@Component("intakeMailbox")
public class IntakeMailbox {

    private static final Logger log = LoggerFactory.getLogger(IntakeMailbox.class);
    static final String SOURCE = "email";

    private final InboxStore inbox;
    private final InboxProcessor processor;
    private final SecurityEvents security;
    private final ObjectMapper json;
    private final Clock clock;
    private final IntakeProperties.Mailbox settings;
    private final Set<String> ownAddresses;

    IntakeMailbox(InboxStore inbox, InboxProcessor processor, SecurityEvents security, ObjectMapper json,
                  Clock clock, IntakeProperties intake, MailProperties mail) {
        this.inbox = inbox;
        this.processor = processor;
        this.security = security;
        this.json = json;
        this.clock = clock;
        this.settings = intake.mailbox();
        Set<String> own = new HashSet<>();
        addAddress(own, settings.ownAddress());
        addAddress(own, mail.from());
        this.ownAddresses = Set.copyOf(own);
    }

    /**
     * Screens and stores one message. Throws only when it could not be stored (the database unavailable, the mail
     * server gone mid-read): the consumer then leaves the message unseen and the next poll reads it again.
     */
    public void store(Exchange exchange) throws MessagingException, IOException {
        Message message = message(exchange);
        Optional<IntakeMailReader.Refusal> refusal;
        String key;
        IntakeMail mail;
        try {
            refusal = IntakeMailReader.refusal(message, ownAddresses, settings.maxMessageBytes());
            key = IntakeMailReader.dedupeKey(message);
            mail = refusal.isPresent() ? null : IntakeMailReader.read(message, settings.maxTextChars());
        } catch (MessagingException | IOException | RuntimeException e) {
            if (!connected(message)) {
                throw e; // the server went away: the message stays unseen and the next poll reads it again
            }
            // a message the mail library cannot parse would otherwise fail every poll, for ever. Its Camel headers are
            // set (empty) here: mapped lazily from the same envelope, they would fail the consumer's commit, which
            // reads them, and the message would never be marked seen
            exchange.getIn().setHeaders(new java.util.HashMap<>());
            security.record(SOURCE, "email_unreadable", null, "intake mail number " + message.getMessageNumber()
                    + " could not be read (" + e.getClass().getSimpleName() + "); left in the mailbox for a person");
            return;
        }
        if (refusal.isPresent()) {
            security.record(SOURCE, refusal.get().kind(), null, "intake mail refused (" + key + "): "
                    + LogMask.text(refusal.get().reason()));
            return;
        }
        String payload = json.writeValueAsString(mail);
        Optional<Long> id = inbox.insert(SOURCE, key, SOURCE, payload, clock.instant());
        if (id.isPresent()) {
            log.info("intake mail from {} stored as inbox row {}{}", LogMask.email(mail.from()), id.get(),
                    mail.truncated() ? " (text cut at " + settings.maxTextChars() + " characters)" : "");
            processor.dispatch(id.get());
        } else {
            log.info("intake mail {} was stored before (read again from the mailbox): not processed twice", key);
        }
    }

    private static boolean connected(Message message) {
        Folder folder = message.getFolder();
        return folder == null || folder.isOpen() && folder.getStore().isConnected();
    }

    private static Message message(Exchange exchange) {
        MailMessage mail = exchange.getIn(MailMessage.class);
        if (mail != null && mail.getMessage() != null) {
            return mail.getMessage();
        }
        Message body = exchange.getIn().getBody(Message.class);
        if (body == null) {
            throw new IllegalStateException("the mail consumer delivered no jakarta.mail.Message (mapMailMessage must be false)");
        }
        return body;
    }

    private static void addAddress(Set<String> addresses, String address) {
        if (address == null || address.isBlank()) {
            return;
        }
        try {
            addresses.add(new InternetAddress(address.strip()).getAddress().toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            addresses.add(address.strip().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The mailbox's login for the consumer (endpoint option {@code authenticator}), so the password is never part of
     * an endpoint URI (shown in Camel's MBeans and logs) and needs no escaping there, whatever characters it has.
     */
    @Component("intakeMailboxAuthenticator")
    static class Login extends MailAuthenticator {

        private final String username;
        private final String password;

        Login(IntakeProperties intake) {
            this.username = intake.mailbox().username();
            this.password = intake.mailbox().password();
        }

        @Override
        public PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(username, password);
        }
    }
}
