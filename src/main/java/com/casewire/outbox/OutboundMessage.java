package com.casewire.outbox;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one outbox row asks a vendor to do, stored as the row's JSON payload. Made with a factory for its kind
 * ({@link #sms}, {@link #email}, {@link #matterNote}, {@link #of}) and the {@code with...} methods for the rest.
 *
 * @param to E.164 number, email address, or matter id for a note
 * @param channel the channel the communication log names (sms, email, portal, note, ...)
 * @param clientCommunication whether it goes into the communication log as something the client was told
 * @param writeBack whether a note recording it is written on the matter once it is sent
 * @param htmlBody email only: an HTML alternative to the plain-text body, or null
 * @param attachments email only: files to attach (statements, reports); empty for none
 * @param envelope email only: a sender, Reply-To, copies and allowed headers of the workflow's own (the billing
 *                 address, the attorney on record, a read-receipt request); null for the hub's sender and the firm's
 *                 name. Rows stored before it existed read as null.
 */
public record OutboundMessage(MessageKind kind, String to, String recipientName, String subject, String body,
                              String matterId, String workflow, String template, String channel,
                              boolean clientCommunication, boolean writeBack, String htmlBody,
                              List<Attachment> attachments, Envelope envelope) {

    /** A file attached to an email; the content travels Base64-encoded in the outbox row. */
    public record Attachment(String filename, String contentType, String base64Content) {
    }

    /**
     * Who an email is from and where replies go, when not the hub's defaults.
     * <ul>
     *   <li>{@code from}: a mailbox of the workflow's own (the billing address), shown under {@code fromName} (or the
     *   firm's name); null keeps {@code hub.mail.from}, and then {@code fromName} names the person writing for the
     *   firm ("Alex Counsel, Smith Law").</li>
     *   <li>{@code replyTo}, {@code cc}: where replies go, who is copied (none when null or empty).</li>
     *   <li>{@code headers}: only {@link #ALLOWED_HEADERS} (a read-receipt request): anything else could rewrite the
     *   message's routing.</li>
     * </ul>
     */
    public record Envelope(String from, String fromName, String replyTo, List<String> cc, Map<String, String> headers) {

        public static final Set<String> ALLOWED_HEADERS = Set.of("Disposition-Notification-To");

        public Envelope {
            cc = cc == null ? List.of() : List.copyOf(cc);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            for (String name : headers.keySet()) {
                if (!ALLOWED_HEADERS.contains(name)) {
                    throw new IllegalArgumentException("header " + name + " may not be set on an email; allowed: " + ALLOWED_HEADERS);
                }
            }
        }

        /** A person writing from the hub's address: their name beside the firm's, their Reply-To, copies. */
        public Envelope(String fromName, String replyTo, List<String> cc) {
            this(null, fromName, replyTo, cc, Map.of());
        }

        /** A mailbox of the workflow's own, with its Reply-To and allowed headers. */
        public Envelope(String from, String fromName, String replyTo, Map<String, String> headers) {
            this(from, fromName, replyTo, List.of(), headers);
        }
    }

    public OutboundMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A text message to an E.164 number. */
    public static OutboundMessage sms(String to, String recipientName, String body) {
        return of(MessageKind.SMS, to, null, body).withRecipientName(recipientName).withChannel("sms");
    }

    /** A plain-text email, from the hub's sender. */
    public static OutboundMessage email(String to, String recipientName, String subject, String body) {
        return of(MessageKind.EMAIL, to, subject, body).withRecipientName(recipientName).withChannel("email");
    }

    /** A note on a matter in the practice-management system. */
    public static OutboundMessage matterNote(String matterId, String subject, String body) {
        return of(MessageKind.MATTER_NOTE, matterId, subject, body).withMatter(matterId).withChannel("note");
    }

    /** A message of any kind to {@code to}, with nothing else set. */
    public static OutboundMessage of(MessageKind kind, String to, String subject, String body) {
        return new OutboundMessage(kind, to, null, subject, body, null, null, null, null, false, false, null, List.of(),
                null);
    }

    public OutboundMessage withRecipientName(String recipientName) {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                clientCommunication, writeBack, htmlBody, attachments, envelope);
    }

    /** The matter it concerns. */
    public OutboundMessage withMatter(String matterId) {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                clientCommunication, writeBack, htmlBody, attachments, envelope);
    }

    public OutboundMessage withWorkflow(String workflow) {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                clientCommunication, writeBack, htmlBody, attachments, envelope);
    }

    /** The template it was rendered from. */
    public OutboundMessage withTemplate(String template) {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                clientCommunication, writeBack, htmlBody, attachments, envelope);
    }

    /** The channel the communication log names. */
    public OutboundMessage withChannel(String channel) {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                clientCommunication, writeBack, htmlBody, attachments, envelope);
    }

    /** Something the client is told: it goes into the communication log as such. */
    public OutboundMessage asClientCommunication() {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                true, writeBack, htmlBody, attachments, envelope);
    }

    /** Once sent, a note recording it is written on the matter. */
    public OutboundMessage withWriteBack() {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                clientCommunication, true, htmlBody, attachments, envelope);
    }

    /** Email only: an HTML alternative to the plain-text body. */
    public OutboundMessage withHtmlBody(String htmlBody) {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                clientCommunication, writeBack, htmlBody, attachments, envelope);
    }

    /** Email only: files to attach. */
    public OutboundMessage withAttachments(List<Attachment> attachments) {
        return new OutboundMessage(kind, to, recipientName, subject, body, matterId, workflow, template, channel,
                clientCommunication, writeBack, htmlBody, attachments, envelope);
    }

    /** Email only: a sender, Reply-To, copies or headers of the workflow's own. */
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
}
