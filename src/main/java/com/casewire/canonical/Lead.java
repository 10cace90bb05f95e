package com.casewire.canonical;

import java.time.Instant;
import java.util.Objects;

/**
 * A prospective client's contact with the firm, from whichever channel it came: a missed call, a text from a
 * number that is not a known client, the web form, or an email to the firm's intake mailbox. The intake workflow
 * folds the contacts of one person into one stored lead.
 *
 * @param channel call, sms, web-form or email
 * @param contactId the channel's id for this contact (CallSid, MessageSid, the form delivery's digest, the email's
 *                  inbox key): one contact is recorded once however often it is re-processed
 * @param phone E.164, or null (a web form may give only an email address)
 * @param matterType as the person or the channel put it (form field, the number dialled, the menu digit), or null
 * @param adverseParty the other side, when the form names one
 * @param source where the person found the firm or which channel brought them (form's source, "missed call")
 * @param detail what happened, for the lead's history ("no-answer call to +1201...", the text's body)
 * @param callerWithheld the caller withheld their number (Twilio's ANONYMOUS, RESTRICTED... placeholders): the lead has
 *                       no phone and no email, nobody can be texted or called back, and staff are told so
 */
public record Lead(String channel, String contactId, String phone, String name, String email, String matterType,
                  String summary, String adverseParty, String source, String detail, Instant occurredAt,
                  boolean callerWithheld) {

    public Lead {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (callerWithheld && phone != null) {
            throw new IllegalArgumentException("a caller who withheld their number has no phone number");
        }
        if (phone == null && email == null && !callerWithheld) {
            throw new IllegalArgumentException("a lead needs a phone number or an email address");
        }
    }

    public Lead(String channel, String contactId, String phone, String name, String email, String matterType,
                String summary, String adverseParty, String source, String detail, Instant occurredAt) {
        this(channel, contactId, phone, name, email, matterType, summary, adverseParty, source, detail, occurredAt, false);
    }

    /** A contact from a withheld number: nothing identifies the person, so nothing to reach them by. */
    public static Lead withheld(String channel, String contactId, String matterType, String source, String detail,
                                Instant occurredAt) {
        return new Lead(channel, contactId, null, null, null, matterType, null, null, source, detail, occurredAt, true);
    }

    /**
     * Who this is, for folding contacts into one lead: the E.164 number, else the lower-cased email; a withheld
     * caller is nobody in particular, so each such contact is its own person.
     */
    public String personKey() {
        if (phone != null) {
            return phone;
        }
        return email != null ? email.strip().toLowerCase(java.util.Locale.ROOT) : "withheld:" + channel + ":" + contactId;
    }
}
