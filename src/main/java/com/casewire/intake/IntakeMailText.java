package com.casewire.intake;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The enquiry text of an intake email, for {@link IntakeMailReader#read}: text/plain preferred over text/html inside
 * multipart/alternative, HTML turned into plain text, attachments skipped, nesting, part count and length bounded
 * (a crafted message could nest thousands of parts or send megabytes of markup). No Spring, no Camel.
 */
final class IntakeMailText {

    /** Nested multiparts deeper than this are not read (a crafted message could nest thousands). */
    private static final int MAX_DEPTH = 8;
    private static final int MAX_PARTS = 64;
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head|title)\\b.*?(</\\1\\s*>|\\z)");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?(-->|\\z)");
    private static final Pattern BREAK = Pattern.compile("(?i)<\\s*(br|/p|/div|/li|/tr|/h[1-6]|p|div|li|tr)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*(>|\\z)");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);");

    private IntakeMailText() {
    }

    /** The message's text, tidied ({@link #tidy}), read until {@code limit} characters (the last part read may pass it). */
    static String of(Part message, int limit) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder();
        appendText(message, text, limit, 0, new int[] {0});
        return tidy(text.toString());
    }

    /**
     * The body text, depth first: text/plain preferred over text/html inside multipart/alternative, attachments
     * skipped, nesting and part count bounded.
     */
    private static void appendText(Part part, StringBuilder out, int limit, int depth, int[] parts)
            throws MessagingException, IOException {
        if (out.length() >= limit || depth > MAX_DEPTH || ++parts[0] > MAX_PARTS) {
            return;
        }
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                return;
            }
            if (part.isMimeType("multipart/alternative")) {
                BodyPart chosen = null;
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart candidate = multipart.getBodyPart(i);
                    if (candidate.isMimeType("text/plain")) {
                        chosen = candidate;
                        break;
                    }
                    if (chosen == null && (candidate.isMimeType("text/html") || candidate.isMimeType("multipart/*"))) {
                        chosen = candidate;
                    }
                }
                if (chosen != null) {
                    appendText(chosen, out, limit, depth + 1, parts);
                }
                return;
            }
            for (int i = 0; i < multipart.getCount() && out.length() < limit; i++) {
                appendText(multipart.getBodyPart(i), out, limit, depth + 1, parts);
            }
            return;
        }
        boolean html = part.isMimeType("text/html");
        if (!html && !part.isMimeType("text/plain")) {
            return; // images, calendars, signed-data: not enquiry text
        }
        // markup takes room: read more raw HTML than the text it yields, still bounded
        String raw = readText(part, html ? limit * 8 : limit);
        if (!out.isEmpty()) {
            out.append("\n\n");
        }
        out.append(html ? htmlToText(raw) : raw);
    }

    /** At most {@code max} characters of a text part, in its declared charset (UTF-8 when unknown or unsupported). */
    private static String readText(Part part, int max) throws MessagingException, IOException {
        Charset charset = StandardCharsets.UTF_8;
        try {
            String declared = new ContentType(part.getContentType()).getParameter("charset");
            if (declared != null) {
                charset = Charset.forName(MimeUtility.javaCharset(declared.strip()));
            }
        } catch (ParseException | IllegalArgumentException unsupported) {
            // keep UTF-8: a wrong charset garbles a character or two, a refusal would lose the enquiry
        }
        char[] buffer = new char[8192];
        StringBuilder text = new StringBuilder();
        try (InputStream in = part.getInputStream(); Reader reader = new InputStreamReader(in, charset)) {
            int n;
            while (text.length() < max && (n = reader.read(buffer, 0, Math.min(buffer.length, max - text.length()))) > 0) {
                text.append(buffer, 0, n);
            }
        }
        return text.toString();
    }

    /**
     * HTML as plain text: scripts, styles and comments dropped, block ends as line breaks, every other tag removed,
     * the common entities decoded. The result is only ever stored and shown as text, never as HTML.
     */
    static String htmlToText(String html) {
        String text = COMMENT.matcher(html).replaceAll(" ");
        text = INVISIBLE.matcher(text).replaceAll(" ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String entity(String name) {
        switch (name) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return " ";
            default:
                try {
                    int cp = name.startsWith("#x") || name.startsWith("#X") ? Integer.parseInt(name.substring(2), 16)
                            : Integer.parseInt(name.substring(1));
                    return Character.isValidCodePoint(cp) && !Character.isISOControl(cp) ? new String(Character.toChars(cp)) : " ";
                } catch (NumberFormatException e) {
                    return " ";
                }
        }
    }

    /** Control characters other than line breaks and tabs removed, line ends unified, runs of blank lines collapsed. */
    static String tidy(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        t = t.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "");
        t = t.replaceAll("[ \t\u00a0]+\n", "\n");
        t = t.replaceAll("\n{3,}", "\n\n");
        return t.strip();
    }
}
