package com.casewire.outbox;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one outbox row asks a vendor to do, stored as the row's JSON payload.
 *
 * @param kind SMS, EMAIL or MATTER_NOTE
 * @param to E.164 number, email address, or matter id for a note
 * @param clientCommunication whether it goes into the communication log as something the client was told
 * @param writeBack whether a note recording it is written on the matter once it is sent
 * @param htmlBody email only: an HTML alternative to the plain-text body, or null
 * @param attachments email only: files to attach (statements, reports); empty for none
 * @param envelope email only: a sender, Reply-To, copies and allowed headers of the workflow's own (the billing
 *                 address, the attorney on record, a read-receipt request); null for the hub's sender and the firm's
 *                 name. Rows stored before it existed read as null.
 */
public record OutboundMessage(String kind, String to, String recipientName, String subject, String body,
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

    /** An email (or other message) with the hub's defaults for the sender. */
    public OutboundMessage(String kind, String to, String recipientName, String subject, String body, String matterId,
                           String workflow, String template, String channel, boolean clientCommunication,
                           boolean writeBack, String htmlBody, List<Attachment> attachments) {
        this(kind, to, recipientName, subject, body, matterId, workflow, template, channel, clientCommunication,
                writeBack, htmlBody, attachments, null);
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
