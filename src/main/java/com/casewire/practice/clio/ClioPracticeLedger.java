package com.casewire.practice.clio;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.RecordedPayment;
import com.casewire.canonical.StaffMember;
import com.casewire.canonical.TimeEntry;
import com.casewire.canonical.TrustBalance;
import com.casewire.canonical.TrustTransaction;
import com.casewire.config.FirmProperties;
import com.casewire.notify.NotificationProperties;
import com.casewire.practice.PracticeLedger;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@link PracticeLedger} on Clio Manage. */
@Component
@ConditionalOnProperty(name = "hub.practice-management", havingValue = "clio")
class ClioPracticeLedger implements PracticeLedger {

    private final ClioClient clio;
    private final ClioLedgerCalls calls;
    private final ZoneId firmZone;
    private final String phoneRegion;

    ClioPracticeLedger(ClioClient clio, FirmProperties firm, NotificationProperties notifications) {
        this.clio = clio;
        this.calls = new ClioLedgerCalls(clio);
        this.firmZone = firm.zone();
        this.phoneRegion = notifications.defaultPhoneRegion();
    }

    @Override
    public List<TimeEntry> timeEntries(LocalDate from, LocalDate to, String userId, String matterId) {
        boolean seconds = calls.quantityInSeconds();
        return calls.listTimeEntries(from, to, userId, matterId).stream()
                .filter(a -> "TimeEntry".equals(a.path("type").asText("TimeEntry")))
                .map(a -> ClioLedgerMapper.toTimeEntry(a, seconds)).toList();
    }

    /** POST /activities.json, type TimeEntry, billable (the firm marks exceptions in Clio). */
    @Override
    public String createTimeEntry(NewTimeEntry e) {
        return calls.createTimeEntry(e.matterId(), e.userId(), e.date(), e.seconds(), e.note(), false);
    }

    /** The user's entries on the matter that day with the same duration and note, not already another row's. */
    @Override
    public Optional<String> findTimeEntry(NewTimeEntry e, java.util.function.Predicate<String> heldByAnotherRow) {
        return timeEntries(e.date(), e.date(), e.userId(), e.matterId()).stream()
                .filter(t -> t.seconds() == e.seconds() && java.util.Objects.equals(t.note(), e.note()))
                .map(TimeEntry::id).filter(id -> !heldByAnotherRow.test(id)).findFirst();
    }

    @Override
    public List<Invoice> overdueInvoices() {
        return calls.listOverdueBills().stream().map(ClioLedgerMapper::toInvoice).toList();
    }

    @Override
    public List<TrustBalance> trustBalances(String matterId) {
        return calls.getMatterAccountBalances(matterId)
                .map(balances -> ClioLedgerMapper.toTrustBalances(matterId, balances)).orElse(List.of());
    }

    /** Open matters whose {@code account_balances} list a Trust account (GET /matters.json?status=open). */
    @Override
    public List<String> mattersWithTrustBalances() {
        return calls.listOpenMatterBalances().stream()
                .filter(m -> !ClioLedgerMapper.toTrustBalances(m.path("id").asText(), m.path("account_balances")).isEmpty())
                .map(m -> m.path("id").asText()).toList();
    }

    /** GET /matters/{id}.json?fields=id,custom_field_values{...}; empty when the matter does not exist. */
    @Override
    public Map<String, String> matterCustomFields(String matterId) {
        return clio.getMatter(matterId, ClioClient.CUSTOM_FIELD_FIELDS).map(ClioLedgerMapper::customFields).orElse(Map.of());
    }

    /** GET /contacts/{id}.json; a value that is not a Clio id names no contact. */
    @Override
    public Optional<Contact> contact(String contactId) {
        if (contactId == null || !contactId.matches("\\d+")) {
            return Optional.empty();
        }
        return clio.getContact(contactId, ClioMatterMapper.CONTACT_FIELDS)
                .map(data -> ClioMatterMapper.toContact(data, phoneRegion));
    }

    /** The user's {@code rate} from GET /users.json?enabled=true; empty when the user is unknown or has no rate. */
    @Override
    public OptionalLong hourlyRateCents(String userId) {
        return calls.listUserRates().stream()
                .filter(u -> u.path("id").asText().equals(userId) && u.hasNonNull("rate"))
                .mapToLong(u -> ClioLedgerMapper.cents(u.path("rate"))).filter(rate -> rate > 0).findFirst();
    }

    /** GET /activities.json?matter_id=&status=unbilled, totals of the billable ones. */
    @Override
    public long unbilledCents(String matterId) {
        return ClioLedgerMapper.unbilledCents(calls.listUnbilledActivities(matterId));
    }

    /** Transactions of the matter, kept only when they are on one of the firm's trust accounts. */
    @Override
    public List<TrustTransaction> trustTransactions(String matterId) {
        Set<String> trustAccounts = calls.listBankAccounts("TrustAccount").stream()
                .map(a -> a.path("id").asText()).collect(Collectors.toSet());
        if (trustAccounts.isEmpty()) {
            return List.of();
        }
        return calls.listBankTransactions(null, matterId).stream()
                .filter(t -> trustAccounts.contains(t.path("bank_account_id").asText()))
                .map(t -> ClioLedgerMapper.toTrustTransaction(matterId, t))
                .sorted(Comparator.comparing(TrustTransaction::date, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(TrustTransaction::id))
                .toList();
    }

    /**
     * GET /bank_transactions.json created since the day before {@code day} (Clio documents no date filter on it), page
     * by page, keeping money in (funds in, or a positive amount) dated {@code day} on the firm's operating and trust
     * accounts. The account types come from GET /bank_accounts.json, read once per call.
     */
    @Override
    public java.util.Iterator<List<RecordedPayment>> recordedPayments(LocalDate day) {
        Map<String, RecordedPayment.Account> accounts = new java.util.HashMap<>();
        calls.listBankAccounts("OperatingAccount").forEach(a -> accounts.put(a.path("id").asText(), RecordedPayment.Account.OPERATING));
        calls.listBankAccounts("TrustAccount").forEach(a -> accounts.put(a.path("id").asText(), RecordedPayment.Account.TRUST));
        java.util.Iterator<List<JsonNode>> pages = calls.bankTransactionPagesCreatedSince(
                day.minusDays(1).atStartOfDay(firmZone).toInstant());
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return pages.hasNext();
            }

            @Override
            public List<RecordedPayment> next() {
                return pages.next().stream()
                        .map(t -> ClioLedgerMapper.toRecordedPayment(t, accounts.get(t.path("bank_account_id").asText())))
                        .filter(p -> p != null && day.equals(p.date()))
                        .toList();
            }
        };
    }

    @Override
    public List<StaffMember> staff() {
        return calls.listEnabledUsers().stream().map(ClioLedgerMapper::toStaffMember).toList();
    }

    @Override
    public StaffMember currentUser() {
        return ClioLedgerMapper.toStaffMember(calls.whoAmI());
    }

    @Override
    public List<CalendarEvent> calendarEntries(Instant from, Instant to) {
        return calls.listCalendarEntries(from, to, null).stream().map(ClioLedgerMapper::toCalendarEvent).toList();
    }

    /** Clio knows email and phone communications; texts are logged as phone communications. */
    @Override
    public String logCommunication(NewCommunication c) {
        String type = c.kind() == CommunicationKind.EMAIL ? "EmailCommunication" : "PhoneCommunication";
        return calls.createCommunication(type, c.matterId(), c.subject(), c.body(),
                c.at().atZone(firmZone).toLocalDate().toString(), c.at().toString(),
                participants(c.senders()), participants(c.receivers()), c.idempotencyKey());
    }

    /** The external property the hub writes on each communication (see {@link ClioLedgerCalls#createCommunication}). */
    static final String KEY_PROPERTY = "casewire_key";
    static final String COMMUNICATION_LOOKUP_FIELDS = "id,external_properties{name,value}";

    /**
     * GET /communications.json?matter_id=&created_since= (without a matter: every communication created since), every
     * page; the one whose external property {@code casewire_key} is the idempotency key.
     */
    @Override
    public Optional<String> findCommunication(NewCommunication c, Instant createdSince) {
        if (c.idempotencyKey() == null) {
            throw new IllegalArgumentException("a communication without an idempotency key cannot be looked up");
        }
        Map<String, String> filters = c.matterId() == null ? Map.of() : Map.of("matter_id", c.matterId());
        for (JsonNode record : clio.listCreatedSince("/communications.json", filters, COMMUNICATION_LOOKUP_FIELDS,
                createdSince)) {
            for (JsonNode property : record.path("external_properties")) {
                if (KEY_PROPERTY.equals(property.path("name").asText()) && c.idempotencyKey().equals(property.path("value").asText())
                        && !record.path("id").asText().isBlank()) {
                    return Optional.of(record.path("id").asText());
                }
            }
        }
        return Optional.empty();
    }

    private static List<ClioLedgerCalls.Participant> participants(List<Party> parties) {
        return parties.stream().map(p -> new ClioLedgerCalls.Participant(Long.parseLong(p.id()),
                p.type() == PartyType.USER ? "User" : "Contact")).toList();
    }
}
