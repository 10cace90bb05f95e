package com.casewire.outbox;

import com.casewire.audit.LogEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What a send leaves behind besides the vendor's copy: the communication-log entry (client messages only) and the
 * note written back to the matter, in the firm's time zone, so the attorney sees in the practice system what the
 * client was told.
 */
final class SendRecords {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final ZoneId firmZone;

    SendRecords(ZoneId firmZone) {
        this.firmZone = firmZone;
    }

    LogEntry entry(String key, OutboundMessage m, Instant at, String outcome, String vendorId, String error) {
        return new LogEntry(key, at, m.matterId(), m.recipientName(), m.to(), m.channel(), m.workflow(), m.template(),
                m.subject(), m.body(), outcome, vendorId, error);
    }

    /** The matter note recording {@code sent}: when, how, to whom, and the text. */
    OutboundMessage writeBackNote(OutboundMessage sent, Instant at) {
        String when = WHEN.format(at.atZone(firmZone));
        String channelName = switch (sent.channel()) {
            case "sms" -> "SMS";
            case "email" -> "email";
            default -> sent.channel();
        };
        String subject = "Client update sent by " + channelName;
        String detail = "Sent " + when + " by " + channelName + " to " + sent.recipientName() + " (" + sent.to() + ")"
                + (sent.template() != null ? ", template " + sent.template() : "") + ":\n\n"
                + (sent.subject() != null ? sent.subject() + "\n\n" : "") + sent.body();
        return OutboundMessage.matterNote(sent.matterId(), subject, detail).withWorkflow(sent.workflow())
                .withTemplate(sent.template());
    }
}
