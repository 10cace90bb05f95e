package com.casewire.intake;

import com.casewire.vendor.Sha256;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a message from the intake mailbox: whether it may become a lead at all ({@link #refusal}), its inbox dedupe
 * key ({@link #dedupeKey}) and what is kept of it ({@link #read}; the body text through {@link IntakeMailText}). No
 * Spring, no Camel: plain jakarta.mail.
 *
 * <p>Refused, never a lead and never acknowledged (an acknowledgment to a robot starts a mail loop): no usable sender,
 * more than one sender, the hub's own addresses, auto-replies and bounces (RFC 3834 {@code Auto-Submitted}, the
 * {@code X-Autoreply}/{@code X-Autorespond} family, {@code Precedence: bulk|junk|list|auto_reply}, mailing lists,
 * {@code multipart/report} delivery and read reports, an empty {@code Return-Path}, mailer-daemon, postmaster and
 * no-reply senders), header injection (control characters or template syntax in the decoded sender name, address or
 * subject, which would otherwise travel into the acknowledgment's headers and greeting), and messages over the size
 * limit.
 */
final class IntakeMailReader {

    /** Why a message is refused; {@code kind} is the security event's kind. */
    record Refusal(String kind, String reason) {
    }

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\\.[A-Za-z]{2,}");
    private static final Set<String> AUTOMATED_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "no-reply", "noreply",
            "do-not-reply", "donotreply", "bounce", "bounces");
    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");
    private static final Pattern TEMPLATE_SYNTAX = Pattern.compile("\\{\\{|}}|\\$\\{");
    private static final int MAX_NAME = 200;
    private static final int MAX_SUBJECT = 300;
    /** Longest Message-ID kept readable in the dedupe key (the column holds 200). */
    private static final int MAX_MESSAGE_ID = 180;

    private IntakeMailReader() {
    }

    /**
     * Why this message must not become a lead, or empty when it may. {@code ownAddresses} are the hub's own (the
     * intake mailbox, {@code hub.mail.from}), lower-cased.
     */
    static Optional<Refusal> refusal(Part message, Set<String> ownAddresses, long maxBytes) throws MessagingException {
        int size = message.getSize();
        if (size > maxBytes) {
            return refuse("email_too_large", "message of " + size + " bytes, over the limit of " + maxBytes);
        }
        String autoSubmitted = header(message, "Auto-Submitted");
        if (autoSubmitted != null && !"no".equalsIgnoreCase(autoSubmitted.strip())) {
            return refuse("email_auto_reply", "Auto-Submitted: " + clean(autoSubmitted));
        }
        for (String name : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Response"}) {
            if (header(message, name) != null) {
                return refuse("email_auto_reply", name + " header");
            }
        }
        String precedence = header(message, "Precedence");
        if (precedence != null && BULK_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return refuse("email_auto_reply", "Precedence: " + clean(precedence));
        }
        if (header(message, "List-Id") != null || header(message, "List-Unsubscribe") != null) {
            return refuse("email_auto_reply", "mailing-list message (List-Id or List-Unsubscribe)");
        }
        if (message.isMimeType("multipart/report")) {
            return refuse("email_bounce", "delivery or read report (multipart/report)");
        }
        String returnPath = header(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return refuse("email_bounce", "empty Return-Path (a bounce)");
        }
        String[] fromHeaders = message.getHeader("From");
        if (fromHeaders == null || fromHeaders.length == 0 || fromHeaders[0].isBlank()) {
            return refuse("email_no_sender", "no From header");
        }
        if (fromHeaders.length > 1) {
            return refuse("email_no_sender", "more than one From header");
        }
        InternetAddress[] from;
        try {
            from = InternetAddress.parseHeader(fromHeaders[0], false);
        } catch (AddressException e) {
            return refuse("email_no_sender", "From header is not an address");
        }
        if (from.length != 1) {
            return refuse("email_no_sender", from.length == 0 ? "From header names nobody" : "From header names " + from.length + " senders");
        }
        String address = from[0].getAddress();
        if (address == null || hasControl(address) || address.strip().length() > 254
                || !ADDRESS.matcher(address.strip()).matches()) {
            return refuse(address != null && hasControl(address) ? "email_header_injection" : "email_no_sender",
                    "From address is not a usable email address");
        }
        String lower = address.strip().toLowerCase(Locale.ROOT);
        if (ownAddresses.contains(lower)) {
            return refuse("email_own_address", "sent from the hub's own address " + lower);
        }
        String localPart = lower.substring(0, lower.lastIndexOf('@'));
        if (AUTOMATED_LOCAL_PARTS.contains(localPart)) {
            return refuse("email_bounce", "automated sender " + localPart + "@...");
        }
        String personal = from[0].getPersonal();
        if (personal != null && (hasControl(personal) || TEMPLATE_SYNTAX.matcher(personal).find())) {
            return refuse("email_header_injection", "sender name has control characters or template syntax");
        }
        String subject = decodedSubject(message);
        if (subject != null && (hasControl(subject) || TEMPLATE_SYNTAX.matcher(subject).find())) {
            return refuse("email_header_injection", "subject has control characters or template syntax");
        }
        return Optional.empty();
    }

    /**
     * The inbox dedupe key: {@code message-id:<Message-ID>} (its SHA-256 when it is longer than 180 characters), or,
     * for a message without a usable Message-ID, {@code sha256:<digest of the raw message>}. A message fetched twice
     * (a crash before it was marked seen, two hubs polling one mailbox) gets the same key.
     */
    static String dedupeKey(Part message) throws MessagingException, IOException {
        String messageId = messageId(message);
        if (messageId != null) {
            return messageId.length() <= MAX_MESSAGE_ID ? "message-id:" + messageId : "message-id-sha256:" + Sha256.hex(messageId);
        }
        MessageDigest digest = sha256();
        message.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }
        });
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** What is kept of a message {@link #refusal} let through. */
    static IntakeMail read(jakarta.mail.Message message, int maxTextChars) throws MessagingException, IOException {
        Address[] from = message.getFrom();
        InternetAddress sender = (InternetAddress) from[0];
        String name = displayName(sender.getPersonal());
        String subject = decodedSubject(message);
        subject = subject == null || subject.isBlank() ? null : cut(subject.strip(), MAX_SUBJECT);
        String body = IntakeMailText.of(message, maxTextChars + 1);
        boolean truncated = body.length() > maxTextChars;
        if (truncated) {
            body = body.substring(0, maxTextChars);
        }
        return new IntakeMail(messageId(message), sender.getAddress().strip().toLowerCase(Locale.ROOT), name, subject,
                body, truncated, message.getSentDate() == null ? null : message.getSentDate().toInstant());
    }

    private static final Pattern LAST_COMMA_FIRST = Pattern.compile("([^,]+),\\s*([^,]+)");

    /**
     * The person's name from a display name: none when blank or only an address (some clients repeat the address
     * there); Outlook's "Last, First" turned round, so the greeting says "Hi First".
     */
    static String displayName(String personal) {
        if (personal == null || personal.isBlank() || personal.contains("@")) {
            return null;
        }
        String name = personal.strip().replaceAll("\\s+", " ");
        Matcher lastFirst = LAST_COMMA_FIRST.matcher(name);
        if (lastFirst.matches()) {
            name = lastFirst.group(2).strip() + " " + lastFirst.group(1).strip();
        }
        return cut(name, MAX_NAME);
    }

    /** The Message-ID when it is one line of printable characters; otherwise null. */
    static String messageId(Part message) throws MessagingException {
        String id = header(message, "Message-ID");
        if (id == null) {
            return null;
        }
        id = id.strip();
        return id.isEmpty() || hasControl(id) || id.length() > 998 ? null : id;
    }

    private static String decodedSubject(Part message) throws MessagingException {
        String raw = header(message, "Subject");
        if (raw == null) {
            return null;
        }
        try {
            // unfold first: a folded header's line break is not part of its value
            return MimeUtility.decodeText(MimeUtility.unfold(raw));
        } catch (java.io.UnsupportedEncodingException e) {
            return MimeUtility.unfold(raw);
        }
    }

    private static String header(Part message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    private static String clean(String text) {
        String t = text.replaceAll("\\p{Cntrl}", "?").strip();
        return cut(t, 80);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static Optional<Refusal> refuse(String kind, String reason) {
        return Optional.of(new Refusal(kind, reason));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
