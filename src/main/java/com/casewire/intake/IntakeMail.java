package com.casewire.intake;

import java.time.Instant;

/**
 * What the hub keeps of a message that reached the intake mailbox, as stored in the inbox row (source {@code email}):
 * screened and extracted at the mailbox edge ({@link IntakeMailReader}), never the raw MIME.
 *
 * @param messageId the Message-ID header as sent, or null when the message had none (the row is then keyed on the
 *                  raw message's digest)
 * @param from the sender's address, lower-cased
 * @param name the From display name, or null
 * @param subject the decoded subject, or null
 * @param text the body as plain text (from text/plain, else from HTML with the markup removed), cut at
 *             {@code hub.intake.mailbox.max-text-chars}
 * @param truncated whether {@code text} was cut
 * @param sentAt the Date header, or null
 */
record IntakeMail(String messageId, String from, String name, String subject, String text, boolean truncated,
                  Instant sentAt) {
}
