package com.casewire.practice.mycase;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.StaffMember;
import com.casewire.canonical.TimeEntry;
import com.casewire.canonical.TrustBalance;
import com.casewire.canonical.TrustTransaction;
import com.casewire.config.FirmProperties;
import com.casewire.practice.LedgerOperationUnavailable;
import com.casewire.practice.PracticeLedger;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@link PracticeLedger} on MyCase (contract third-party documented, see docs/connectors/mycase.md). MyCase
 * documents few filters, so ranges are narrowed on the hub's side: time entries are listed with the updated-after
 * filter from {@code hub.mycase.time-entries-look-back} before the first day and kept by their date, invoices are
 * all listed and judged overdue with the injected clock, calendar events are narrowed by the configured date filters
 * and kept when they overlap the range. MyCase has no communications endpoint: a communication is a note on the case.
 * Trust balances are read only from a configured endpoint ({@code hub.mycase.trust-balances-path}); without one,
 * and for trust transactions always, the call fails with {@link LedgerOperationUnavailable}.
 */
@Component
@ConditionalOnProperty(name = "hub.practice-management", havingValue = "mycase")
class MyCasePracticeLedger implements PracticeLedger {

    static final String CASE_ID = "{case_id}";
    private static final DateTimeFormatter NOTE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MyCaseClient mycase;
    private final MyCaseProperties settings;
    private final ZoneId firmZone;
    private final Clock clock;

    MyCasePracticeLedger(MyCaseClient mycase, MyCaseProperties settings, FirmProperties firm, Clock clock) {
        this.mycase = mycase;
        this.settings = settings;
        this.firmZone = firm.zone();
        this.clock = clock;
    }

    /**
     * Entries dated {@code from} to {@code to}. MyCase's date filters are unconfirmed, so the listing asks for entries
     * updated since the look-back before {@code from} (an entry is updated when it is written, usually on or after
     * its date) and the dates, staff member and case are checked here.
     */
    @Override
    public List<TimeEntry> timeEntries(LocalDate from, LocalDate to, String userId, String matterId) {
        Instant since = from.atStartOfDay(firmZone).toInstant().minus(settings.timeEntriesLookBack());
        return mycase.listTimeEntries(since).stream()
                .map(MyCaseLedgerMapper::toTimeEntry)
                .filter(Objects::nonNull)
                .filter(e -> !e.date().isBefore(from) && !e.date().isAfter(to))
                .filter(e -> userId == null || userId.equals(e.userId()))
                .filter(e -> matterId == null || matterId.equals(e.matterId()))
                .sorted(Comparator.comparing(TimeEntry::date).thenComparing(TimeEntry::id))
                .toList();
    }

    /** Every invoice with a balance whose due date is before today in the firm's zone (GET /invoices, all pages). */
    @Override
    public List<Invoice> overdueInvoices() {
        LocalDate today = LocalDate.now(clock.withZone(firmZone));
        return mycase.listInvoices(Map.of()).stream()
                .filter(i -> MyCaseMapper.text(i, "id") != null)
                .map(MyCaseLedgerMapper::toInvoice)
                .filter(i -> MyCaseLedgerMapper.isOverdue(i, today))
                .toList();
    }

    /**
     * From {@code hub.mycase.trust-balances-path}: with {@code {case_id}} in it, every record it lists belongs to the
     * case; without, the records whose case ({@code case{id}}/{@code case_id}) is this one.
     */
    @Override
    public List<TrustBalance> trustBalances(String matterId) {
        if (!settings.hasTrustBalancesPath()) {
            throw new LedgerOperationUnavailable(MyCaseClient.VENDOR, "trust balances", "MyCase documents no "
                    + "trust-balance endpoint; set hub.mycase.trust-balances-path once MyCase has confirmed one for the "
                    + "firm's account (docs/connectors/mycase.md)");
        }
        String path = settings.trustBalancesPath();
        boolean perCase = path.contains(CASE_ID);
        List<JsonNode> records = mycase.listAll(perCase ? path.replace(CASE_ID, encode(matterId)) : path, Map.of());
        return records.stream()
                .filter(r -> perCase || matterId.equals(MyCaseMapper.caseIdOf(r)))
                .map(r -> MyCaseLedgerMapper.toTrustBalance(matterId, r))
                .toList();
    }

    @Override
    public List<TrustTransaction> trustTransactions(String matterId) {
        throw new LedgerOperationUnavailable(MyCaseClient.VENDOR, "trust transactions",
                "MyCase documents no trust-transaction endpoint (docs/connectors/mycase.md)");
    }

    /** Staff members not marked {@code active: false} (GET /staff). */
    @Override
    public List<StaffMember> staff() {
        return mycase.listStaff().stream()
                .filter(s -> s.path("active").asBoolean(true))
                .map(MyCaseMapper::toStaff)
                .toList();
    }

    /** GET /me. */
    @Override
    public StaffMember currentUser() {
        return MyCaseMapper.toStaff(mycase.me());
    }

    /**
     * GET /events with the configured date filters (a day wider on each side, as dates in the firm's zone), then the
     * events that overlap {@code from}–{@code to}.
     */
    @Override
    public List<CalendarEvent> calendarEntries(Instant from, Instant to) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (!settings.eventsStartParam().isBlank()) {
            filters.put(settings.eventsStartParam(), LocalDate.ofInstant(from, firmZone).minusDays(1).toString());
        }
        if (!settings.eventsEndParam().isBlank()) {
            filters.put(settings.eventsEndParam(), LocalDate.ofInstant(to, firmZone).plusDays(1).toString());
        }
        return mycase.listEvents(filters).stream()
                .filter(e -> MyCaseMapper.text(e, "id") != null)
                .map(e -> MyCaseLedgerMapper.toCalendarEvent(e, firmZone))
                .filter(e -> e.start() != null && e.start().isBefore(to)
                        && (e.end() == null ? !e.start().isBefore(from) : e.end().isAfter(from)))
                .toList();
    }

    /**
     * MyCase has no communications endpoint: the communication becomes a note on the case (POST /cases/{id}/notes),
     * with who, how and when at its foot and the outbox's idempotency key as its reference, so a note sent twice (a
     * resend after a crash hid the outcome) is recognisable. Reached through the outbox (kind MATTER_COMMUNICATION).
     */
    @Override
    public String logCommunication(NewCommunication c) {
        if (c.matterId() == null || c.matterId().isBlank()) {
            throw new VendorException(MyCaseClient.VENDOR, false, 0, null,
                    "a communication is logged on MyCase as a note on a case, and this one names no case", null, null);
        }
        String label = c.kind() == CommunicationKind.EMAIL ? "Email" : "Phone call or text";
        String subject = c.subject().isBlank() ? label : c.subject();
        return mycase.createCaseNote(c.matterId(), subject, noteText(c, label, firmZone),
                c.at().atZone(firmZone).toLocalDate().toString());
    }

    /**
     * A communication is a note on the case whose last line names the key as {@code ref}: as
     * {@code hub.mycase.unknown-note-outcome} says, the case's note carrying that ref, or resend, or an operator.
     */
    @Override
    public Optional<String> findCommunication(NewCommunication c, Instant createdSince) {
        if (c.matterId() == null || c.matterId().isBlank() || c.idempotencyKey() == null) {
            return Optional.empty(); // never written: logCommunication refuses a communication without a case
        }
        String ref = ", ref " + c.idempotencyKey() + ".";
        return MyCaseUnknownOutcomes.caseNote(mycase, settings.unknownNoteOutcome(), c.matterId(),
                text -> text.contains(ref));
    }

    private static String noteText(NewCommunication c, String label, ZoneId firmZone) {
        StringBuilder foot = new StringBuilder("-- ").append(label);
        if (!c.senders().isEmpty()) {
            foot.append(" from ").append(parties(c.senders()));
        }
        if (!c.receivers().isEmpty()) {
            foot.append(" to ").append(parties(c.receivers()));
        }
        foot.append(", ").append(NOTE_TIME.format(c.at().atZone(firmZone))).append(' ').append(firmZone.getId())
                .append(". Logged by CaseWire");
        if (c.idempotencyKey() != null) {
            foot.append(", ref ").append(c.idempotencyKey());
        }
        return c.body() + "\n\n" + foot + ".";
    }

    private static String parties(List<Party> parties) {
        return parties.stream().map(p -> (p.type() == PartyType.USER ? "staff " : "contact ") + p.id())
                .collect(Collectors.joining(", "));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
