package com.casewire.practice;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The port to the firm's practice-management system (Clio Manage or MyCase). Workflows see only
 * canonical records through it; {@code hub.practice-management} picks the adapter.
 */
public interface PracticeManagement {

    /**
     * How far before an unknown attempt was claimed the {@code find...} look-ups start: the hub's clock and the
     * system's {@code created_at} may disagree by this much.
     */
    Duration LOOKUP_CLOCK_SKEW = Duration.ofMinutes(5);

    /** A task to create, assigned to a staff member; {@code matterId} and {@code dueAt} may be null. */
    record NewTask(String name, String description, String assigneeId, String matterId, Instant dueAt) {
    }

    /** A person to create as a contact (a converted lead). {@code phone} is E.164; any field but the name may be null. */
    record NewContact(String firstName, String lastName, String email, String phone) {
    }

    /**
     * A matter (MyCase: case) to open for a client. {@code practiceArea} is the area's name as the firm calls it;
     * {@code responsibleAttorneyId} may be null.
     */
    record NewMatter(String clientId, String description, String practiceArea, String responsibleAttorneyId) {
    }

    /** The matter with its client, practice area and responsible attorney; empty when it does not exist. */
    Optional<Matter> findMatter(String matterId);

    /** Writes a note on the matter; returns the note's id in the practice-management system. */
    String addMatterNote(String matterId, String subject, String detail, LocalDate date);

    /**
     * The note on the matter created since {@code createdSince} that carries {@code idempotencyKey}'s
     * {@link PracticeRecordMarker}: how the outbox settles a note whose send has an unknown outcome. Empty when the
     * system has none. Throws a {@link com.casewire.vendor.VendorException} when it cannot be asked now (never empty
     * then), or {@link com.casewire.outbox.OutcomeNeedsOperator} when the firm chose not to have the hub decide.
     */
    Optional<String> findMatterNote(String matterId, String idempotencyKey, Instant createdSince);

    /**
     * Contacts the system's own search finds for {@code query} (a name, a phone number or an email address).
     * The conflict pre-check does its own fuzzy matching on what comes back; this only narrows the field.
     */
    List<Contact> searchContacts(String query);

    /**
     * The most recent open matter whose client has exactly this email address (compared case-insensitively); empty
     * when no contact has it, or when none of their matters is open. How email intake tells a client writing about
     * their matter from a prospect. "Most recent" is the adapter's rule (Clio: latest {@code open_date}; MyCase: the
     * open case updated last), documented in docs/workflows/intake.md.
     */
    Optional<Matter> latestOpenMatterOfClient(String email);

    /** Matters whose name, number or client the system's search finds for {@code query}. */
    List<Matter> searchMatters(String query);

    /** Creates the task; returns its id. */
    String createTask(NewTask task);

    /**
     * The task like {@code task} (same matter, or same assignee when it has none) created since {@code createdSince}
     * whose description carries {@code idempotencyKey}'s {@link PracticeRecordMarker}; otherwise as
     * {@link #findMatterNote}.
     */
    Optional<String> findTask(NewTask task, String idempotencyKey, Instant createdSince);

    /** Creates a person contact; returns its id. */
    String createContact(NewContact contact);

    /** Opens a matter for an existing client; returns its id. */
    String createMatter(NewMatter matter);
}
