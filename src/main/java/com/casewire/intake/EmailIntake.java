package com.casewire.intake;

import com.casewire.audit.ChainSealer;
import com.casewire.audit.CommunicationLog;
import com.casewire.audit.LogEntry;
import com.casewire.audit.LogMask;
import com.casewire.canonical.Lead;
import com.casewire.canonical.Matter;
import com.casewire.config.FirmProperties;
import com.casewire.db.AfterCommit;
import com.casewire.outbox.OutboundMessage;
import com.casewire.outbox.Outbox;
import com.casewire.practice.PracticeManagement;
import com.casewire.vendor.Sha256;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Beans of the {@code intake-normalize-email} route, run by the inbox worker on a stored intake email
 * ({@link IntakeMail}) inside the row's transaction: whether the sender is a client with an open matter
 * ({@link #clientMatterId}), the note on that matter ({@link #writeOnMatter}), or the {@link Lead} for anyone else
 * ({@link #toLead}).
 */
@Component("emailIntake")
public class EmailIntake {

    private static final Logger log = LoggerFactory.getLogger(EmailIntake.class);
    static final String CHANNEL = "email";
    /** intake_lead.summary and intake_lead_event.detail hold 4000 characters. */
    static final int MAX_LEAD_TEXT = 4000;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private final ObjectMapper json;
    private final PracticeManagement practice;
    private final Outbox outbox;
    private final CommunicationLog commLog;
    private final ChainSealer sealer;
    private final FirmProperties firm;

    EmailIntake(ObjectMapper json, PracticeManagement practice, Outbox outbox, CommunicationLog commLog,
                ChainSealer sealer, FirmProperties firm) {
        this.json = json;
        this.practice = practice;
        this.outbox = outbox;
        this.commLog = commLog;
        this.sealer = sealer;
        this.firm = firm;
    }

    public IntakeMail read(@Body String payload) throws IOException {
        return json.readValue(payload, IntakeMail.class);
    }

    /**
     * The id of the sender's most recent open matter when the practice system has a client with exactly this
     * address, else null (a prospect, or a former client with nothing open: both become leads, and the conflict check
     * names the existing contact). A vendor outage fails the row, which the inbox retries.
     */
    public String clientMatterId(@Body IntakeMail mail) {
        Optional<Matter> matter = practice.latestOpenMatterOfClient(mail.from());
        matter.ifPresent(m -> log.info("intake mail from {} is from the client of matter {}", LogMask.email(mail.from()), m.id()));
        return matter.map(Matter::id).orElse(null);
    }

    /**
     * The client's email, written as a note on their matter through the outbox (keyed on the inbox row, so a
     * re-processed row writes one note) and recorded on the communication log as received. No lead, no
     * acknowledgment: the attorney sees it on the matter.
     */
    public void writeOnMatter(@Body IntakeMail mail, @Header("casewireClientMatterId") String matterId,
                              @Header("casewireDedupeKey") String dedupeKey, @Header("casewireReceivedAt") Instant receivedAt) {
        String key = "email-in:" + Sha256.hex(dedupeKey);
        String subject = "Client emailed" + (mail.subject() == null ? "" : ": " + cut(mail.subject(), 200));
        String received = WHEN.format(ZonedDateTime.ofInstant(receivedAt, firm.zone()));
        String body = "Email from " + sender(mail) + " received " + received + " at the intake mailbox"
                + (mail.subject() == null ? "" : "\nSubject: " + mail.subject()) + "\n\n" + mail.text()
                + (mail.truncated() ? "\n\n[the rest of the message is in the intake mailbox]" : "");
        outbox.enqueue(key, OutboundMessage.matterNote(matterId, subject, body).withWorkflow("inbound"));
        commLog.record(new LogEntry(key, receivedAt, matterId, mail.name(), mail.from(), CHANNEL, "inbound", null,
                mail.subject(), mail.text(), "RECEIVED", mail.messageId() != null && mail.messageId().length() <= 200
                ? mail.messageId() : null, null));
        AfterCommit.run(sealer::requestSeal);
    }

    /** A lead like a web form's: name from the display name, the email address, subject and body as the enquiry. */
    public Lead toLead(@Body IntakeMail mail, @Header("casewireDedupeKey") String dedupeKey,
                       @Header("casewireReceivedAt") Instant receivedAt) {
        String enquiry = ((mail.subject() == null ? "" : mail.subject() + "\n\n") + mail.text()).strip();
        String summary = enquiry.isEmpty() ? null : cut(enquiry, MAX_LEAD_TEXT);
        String detail = cut("email: " + (enquiry.isEmpty() ? "(no subject, no text)" : enquiry), MAX_LEAD_TEXT);
        return new Lead(CHANNEL, dedupeKey, null, mail.name(), mail.from(), null, summary, null, CHANNEL, detail,
                receivedAt);
    }

    private static String sender(IntakeMail mail) {
        return mail.name() == null ? mail.from() : mail.name() + " <" + mail.from() + ">";
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
