package com.casewire.outbox;

/**
 * What an outbox row asks a vendor to do; one {@link OutboundChannel} sends each kind. Stored as its {@link #name()} in
 * {@code outbox_message.kind} and in the row's JSON payload.
 */
public enum MessageKind {
    /** A text message (Twilio). */
    SMS,
    /** An email (SMTP). */
    EMAIL,
    /** A note on a matter in the practice-management system. */
    MATTER_NOTE,
    /** An entry in the matter's communication log in the practice-management system. */
    MATTER_COMMUNICATION,
    /** A task in the practice-management system. */
    PRACTICE_TASK,
    /** A time entry in the practice-management system. */
    TIME_ENTRY,
    /** A post to an integrator's webhook. */
    WEBHOOK
}
