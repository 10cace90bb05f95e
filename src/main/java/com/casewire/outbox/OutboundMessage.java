package com.casewire.outbox;

import java.util.List;

/**
 * What one outbox row asks a vendor to do, stored as the row's JSON payload.
 *
 * @param kind SMS, EMAIL or MATTER_NOTE
 * @param to E.164 number, email address, or matter id for a note
 * @param clientCommunication whether it goes into the communication log as something the client was told
 * @param writeBack whether a note recording it is written on the matter once it is sent
 * @param htmlBody email only: an HTML alternative to the plain-text body, or null
 * @param attachments email only: files to attach (statements, reports); empty for none
 * @param envelope email only: a sender name, Reply-To and copies other than the firm's defaults, or null
 */
public record OutboundMessage(String kind, String to, String recipientName, String subject, String body,
                              String matterId, String workflow, String template, String channel,
                              boolean clientCommunication, boolean writeBack, String htmlBody,
                              List<Attachment> attachments, Envelope envelope) {

    /**
     * Who an email is from by name (the address stays {@code hub.mail.from}), where replies go, and who is copied;
     * a null or empty field keeps the default (the firm's name, no Reply-To, no copies).
     */
    public record Envelope(String senderName, String replyTo, List<String> cc) {
        public Envelope {
            cc = cc == null ? List.of() : List.copyOf(cc);
        }
    }

    /** Without an envelope: the firm's defaults. */
    public OutboundMessage(String kind, String to, String recipientName, String subject, String body, String matterId,
                           String workflow, String template, String channel, boolean clientCommunication,
                           boolean writeBack, String htmlBody, List<Attachment> attachments) {
        this(kind, to, recipientName, subject, body, matterId, workflow, template, channel, clientCommunication,
                writeBack, htmlBody, attachments, null);
    }

    /** A file attached to an email; the content travels Base64-encoded in the outbox row. */
    public record Attachment(String filename, String contentType, String base64Content) {
    }

    public OutboundMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A plain-text message without attachments. */
    public OutboundMessage(String kind, String to, String recipientName, String subject, String body, String matterId,
                           String workflow, String template, String channel, boolean clientCommunication,
                           boolean writeBack) {
        this(kind, to, recipientName, subject, body, matterId, workflow, template, channel, clientCommunication,
                writeBack, null, List.of(), null);
    }

    /** The same message with this envelope. */
    public OutboundMessage withEnvelope(Envelope envelope) {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                clientCommunication, writeBack, htmlBody, attachments, envelope);
    }

    /**
     * What this message keeps its order with: messages of one kind to one address (to one matter, for notes) go out
     * in the order they were queued, a retry holding back the ones after it. Null when there is no address.
     */
    public String sequenceKey() {
        if (to == null || to.isBlank()) {
            return null;
        }
        String key = kind + ":" + to.strip().toLowerCase(java.util.Locale.ROOT);
        return key.length() <= 400 ? key : kind + ":sha256:" + com.casewire.vendor.Sha256.hex(key);
    }

    public static final String SMS = "SMS";
    public static final String EMAIL = "EMAIL";
    public static final String MATTER_NOTE = "MATTER_NOTE";
}
