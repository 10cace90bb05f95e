package com.casewire.intake;

import java.time.Instant;

/**
 * A stored lead: the person, what they need, where the hub is with them, and what it found.
 *
 * @param state new, acknowledged, booked, escalated, converted or declined
 * @param flaggedForMorning the lead arrived in quiet hours and its acknowledgment waits for the window to open:
 *                          the morning shift should look at it first
 * @param conflictStatus UNCHECKED, CLEAR or POTENTIAL (a human must look at {@code conflictDetail})
 * @param callerWithheld the caller withheld their number: no phone, nobody to text; staff are told in the alerts
 */
public record LeadRecord(long id, String phone, String email, String name, String matterType, String practiceArea,
                         String source, String summary, String adverseParty, String state, boolean flaggedForMorning,
                         String conflictStatus, String conflictDetail, String attorneyKey, String attorneyName,
                         Instant bookedStart, Instant bookedEnd, String calendarEventId, String practiceContactId,
                         String practiceMatterId, Instant createdAt, Instant updatedAt, Instant lastContactAt,
                         boolean callerWithheld) {

    public static final String NEW = "new";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String BOOKED = "booked";
    public static final String ESCALATED = "escalated";
    public static final String CONVERTED = "converted";
    public static final String DECLINED = "declined";

    public boolean open() {
        return !CONVERTED.equals(state) && !DECLINED.equals(state);
    }

    /** What to call the person in a message: the first word of their name, else a neutral greeting. */
    public String greetingName() {
        return name == null || name.isBlank() ? "there" : name.strip().split("\\s+")[0];
    }

    /** The number to call back, as staff should read it in an alert or a task. */
    public String phoneForStaff() {
        if (callerWithheld) {
            return "withheld by the caller (no number to call back or text)";
        }
        return phone == null || phone.isBlank() ? "not given" : phone;
    }

    /** One entry in a lead's history. */
    public record Event(String kind, String channel, String detail, Instant occurredAt) {
    }
}
