package com.casewire.practice;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.StaffMember;
import com.casewire.canonical.TimeEntry;
import com.casewire.canonical.TrustBalance;
import com.casewire.canonical.TrustTransaction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The money-and-time side of the practice-management system, for the time-entry, billing, retainer and
 * reconciliation workflows: time entries, overdue invoices, trust balances, staff, calendar entries, and the
 * communication log on a matter. A second port beside {@link PracticeManagement} so each stays small; the adapter
 * is chosen by {@code hub.practice-management} the same way (Clio, MyCase). An operation the system does not offer
 * throws {@link LedgerOperationUnavailable} rather than answering empty.
 */
public interface PracticeLedger {

    /** Who took part in a communication: a staff member (User) or a contact. */
    record Party(String id, PartyType type) {
        public Party {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
        }
    }

    enum PartyType { USER, CONTACT }

    /** Email, or phone (calls and texts: Clio knows only these two kinds). */
    enum CommunicationKind { EMAIL, PHONE }

    /**
     * A communication to record on a matter. {@code idempotencyKey} travels with it (Clio: as an external
     * property) so a retried write can be recognised; may be null.
     */
    record NewCommunication(CommunicationKind kind, String matterId, String subject, String body, Instant at,
                            List<Party> senders, List<Party> receivers, String idempotencyKey) {
        public NewCommunication {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(at, "at");
            senders = senders == null ? List.of() : List.copyOf(senders);
            receivers = receivers == null ? List.of() : List.copyOf(receivers);
        }
    }

    /** Time worked to record on a matter: {@code seconds} of work by {@code userId} on {@code date}; note may be null. */
    record NewTimeEntry(String matterId, String userId, LocalDate date, long seconds, String note) {
        public NewTimeEntry {
            Objects.requireNonNull(matterId, "matterId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(date, "date");
            if (seconds <= 0) {
                throw new IllegalArgumentException("seconds must be positive: " + seconds);
            }
        }
    }

    /**
     * Creates the time entry; returns its id. Changes the system: workflows send it through the outbox (kind
     * {@code TIME_ENTRY}), never directly. Systems whose write contract the hub has not confirmed throw
     * {@link LedgerOperationUnavailable}.
     */
    default String createTimeEntry(NewTimeEntry entry) {
        throw new LedgerOperationUnavailable(getClass().getSimpleName(), "createTimeEntry", "no confirmed write contract");
    }

    /**
     * The entry {@link #createTimeEntry} made for {@code entry} (same matter, user, date, duration and note) that is
     * not already another outbox row's: how the outbox settles a send whose outcome is unknown. Empty when there is
     * none. Time entries carry no field for the hub's key, so the match is on what the entry says.
     */
    default Optional<String> findTimeEntry(NewTimeEntry entry, java.util.function.Predicate<String> heldByAnotherRow) {
        throw new LedgerOperationUnavailable(getClass().getSimpleName(), "findTimeEntry", "no confirmed write contract");
    }

    /** Time entries dated {@code from} to {@code to} (inclusive), optionally only one user's or one matter's (null: all). */
    List<TimeEntry> timeEntries(LocalDate from, LocalDate to, String userId, String matterId);

    /** Every bill the system reports as overdue, with its outstanding balance. */
    List<Invoice> overdueInvoices();

    /** The matter's balance in each trust account (empty when it has none). */
    List<TrustBalance> trustBalances(String matterId);

    /** The matter's movements on trust accounts, oldest first. */
    List<TrustTransaction> trustTransactions(String matterId);

    /**
     * Payments (operating account) and trust deposits the system recorded as received on {@code day}, one page at a
     * time and each page read only when asked for, so a day of any size is never held whole: what the end-of-day
     * reconciliation sets against the gateway's transactions. Systems without a confirmed list throw
     * {@link LedgerOperationUnavailable}.
     */
    default java.util.Iterator<List<com.casewire.canonical.RecordedPayment>> recordedPayments(LocalDate day) {
        throw new LedgerOperationUnavailable(getClass().getSimpleName(), "recordedPayments", "no confirmed payments list");
    }

    /** Staff with an active account. */
    List<StaffMember> staff();

    /** The user whose credentials the hub uses. */
    StaffMember currentUser();

    /** Calendar entries of the system's own calendars between {@code from} and {@code to}. */
    List<CalendarEvent> calendarEntries(Instant from, Instant to);

    /**
     * Records a communication on the matter; returns its id. Changes the system: workflows send it through the
     * outbox (kind {@code MATTER_COMMUNICATION}), never directly.
     */
    String logCommunication(NewCommunication communication);

    /**
     * The communication on the matter created since {@code createdSince} that {@link #logCommunication} wrote for
     * {@code communication}'s idempotency key: how the outbox settles one whose send has an unknown outcome. Empty
     * when the system has none. Throws a {@link com.casewire.vendor.VendorException} when it cannot be asked now
     * (never empty then), or {@link com.casewire.outbox.OutcomeNeedsOperator} when the firm chose not to have the
     * hub decide.
     */
    Optional<String> findCommunication(NewCommunication communication, Instant createdSince);

    // ---- Trust retainers (issue #16): what a retainer check reads beside trustBalances. Systems that do not offer
    // one throw LedgerOperationUnavailable, never an empty answer a reminder would misread.

    /** Ids of the open matters that have a balance (zero included) on a trust account: what the retainer sweep walks. */
    default List<String> mattersWithTrustBalances() {
        throw new LedgerOperationUnavailable(getClass().getSimpleName(), "mattersWithTrustBalances", "not offered");
    }

    /**
     * The matter's custom field values by field name as the firm named them (text; a contact field's value is the
     * contact's id). Empty when none is set.
     */
    default Map<String, String> matterCustomFields(String matterId) {
        throw new LedgerOperationUnavailable(getClass().getSimpleName(), "matterCustomFields", "not offered");
    }

    /** The contact with this id (a billing contact a custom field names); empty when the system has none. */
    default Optional<Contact> contact(String contactId) {
        throw new LedgerOperationUnavailable(getClass().getSimpleName(), "contact", "not offered");
    }

    /** The user's hourly billing rate in cents; empty when the system reports none for them. */
    default OptionalLong hourlyRateCents(String userId) {
        throw new LedgerOperationUnavailable(getClass().getSimpleName(), "hourlyRateCents", "not offered");
    }

    /** What the matter's unbilled, billable time and expense entries add up to, in cents. */
    default long unbilledCents(String matterId) {
        throw new LedgerOperationUnavailable(getClass().getSimpleName(), "unbilledCents", "not offered");
    }
}
