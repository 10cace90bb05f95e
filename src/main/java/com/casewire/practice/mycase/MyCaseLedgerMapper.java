package com.casewire.practice.mycase;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.TimeEntry;
import com.casewire.canonical.TrustBalance;
import com.casewire.vendor.Amounts;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MyCase's ledger records (time entries, invoices, calendar events) to canonical records. The field names are the
 * ones the two public MyCase clients read (docs/connectors/mycase.md); where they differ, both are read. MyCase
 * reports money in decimal currency units (cents here) and time in decimal {@code hours} (seconds here, the
 * canonical unit of {@link TimeEntry}).
 */
final class MyCaseLedgerMapper {

    /**
     * Invoice statuses that owe nothing whatever the balance says: paid, voided, or never sent. These are the values
     * a public client reports ({@code sent, paid, void, draft}); the full set is unconfirmed.
     */
    static final Set<String> NOT_OWED = Set.of("paid", "void", "draft");

    private MyCaseLedgerMapper() {
    }

    /**
     * A time entry: {@code entry_date} (or {@code date}), {@code hours}, {@code rate}, {@code description}, the case
     * as {@code case{id}} and the staff member as {@code staff{id}} (or {@code user{id}}). {@code billable: false}
     * is non-billable; {@code billed} defaults to false. The total is {@code amount} when reported, else rate × hours.
     * Null when the entry has no readable date (it cannot fall in any range).
     */
    static TimeEntry toTimeEntry(JsonNode entry) {
        LocalDate date = date(firstText(entry, "entry_date", "date"));
        String id = MyCaseMapper.text(entry, "id");
        if (date == null || id == null) {
            return null;
        }
        BigDecimal hours = decimal(entry.path("hours"));
        BigDecimal rate = decimal(entry.path("rate"));
        long seconds = hours == null ? 0 : Math.max(0, hours.multiply(BigDecimal.valueOf(3600))
                .setScale(0, RoundingMode.HALF_UP).longValueExact());
        long totalCents;
        if (entry.hasNonNull("amount")) {
            totalCents = Amounts.cents(entry.path("amount"));
        } else if (hours != null && rate != null) {
            totalCents = Amounts.cents(rate.multiply(hours));
        } else {
            totalCents = 0;
        }
        String staffId = MyCaseMapper.text(entry.path("staff"), "id");
        if (staffId == null) {
            staffId = MyCaseMapper.text(entry.path("user"), "id");
        }
        return new TimeEntry(id, MyCaseMapper.caseIdOf(entry), staffId, date, seconds,
                rate == null ? 0 : Amounts.cents(rate), totalCents, MyCaseMapper.text(entry, "description"),
                entry.path("billed").asBoolean(false), !entry.path("billable").asBoolean(true));
    }

    /**
     * An invoice: {@code invoice_number, status, issued_at, due_date, total, balance} (else {@code total} minus
     * {@code paid_amount}), its case as {@code case{id}}/{@code case_id}. MyCase reports no client on an invoice
     * that both clients agree on, so {@code clientId} and {@code clientName} are null: the client is the case's.
     */
    static Invoice toInvoice(JsonNode invoice) {
        List<String> matters = new ArrayList<>();
        String caseId = MyCaseMapper.caseIdOf(invoice);
        if (caseId != null) {
            matters.add(caseId);
        }
        return new Invoice(MyCaseMapper.text(invoice, "id"), MyCaseMapper.text(invoice, "invoice_number"),
                MyCaseMapper.text(invoice, "status"), date(MyCaseMapper.text(invoice, "issued_at")),
                date(MyCaseMapper.text(invoice, "due_date")), Amounts.cents(invoice.path("total")),
                balanceCents(invoice), null, null, matters);
    }

    /** What is still owed: {@code balance}, else {@code total} minus {@code paid_amount}. */
    static long balanceCents(JsonNode invoice) {
        if (invoice.hasNonNull("balance")) {
            return Amounts.cents(invoice.path("balance"));
        }
        return Amounts.cents(invoice.path("total")) - Amounts.cents(invoice.path("paid_amount"));
    }

    /**
     * Overdue on {@code today} (the firm's date): something is still owed, the status is not one that owes nothing,
     * and the due date has passed. MyCase documents no overdue filter, so the hub decides.
     */
    static boolean isOverdue(Invoice invoice, LocalDate today) {
        String status = invoice.state() == null ? "" : invoice.state().trim().toLowerCase(Locale.ROOT).replace(' ', '_');
        return invoice.balanceCents() > 0 && !NOT_OWED.contains(status) && invoice.dueOn() != null
                && today.isAfter(invoice.dueOn());
    }

    /**
     * A MyCase calendar event. The two clients disagree on names, so the title is {@code name}, {@code title} or
     * {@code summary} and the times {@code start}/{@code end} or {@code start_at}/{@code end_at}. A date without a
     * time (all-day) starts at the firm's midnight and, as an end, covers that whole day.
     */
    static CalendarEvent toCalendarEvent(JsonNode event, ZoneId firmZone) {
        Instant start = time(firstText(event, "start", "start_at"), firmZone, false);
        Instant end = time(firstText(event, "end", "end_at"), firmZone, true);
        return new CalendarEvent(MyCaseMapper.text(event, "id"), "mycase", firstText(event, "name", "title", "summary"),
                start, end, null, MyCaseMapper.caseIdOf(event), List.of(), false);
    }

    /** A record of the configured trust-balance endpoint: {@code id}, {@code name}, {@code balance}. */
    static TrustBalance toTrustBalance(String caseId, JsonNode record) {
        return new TrustBalance(caseId, MyCaseMapper.text(record, "id"), MyCaseMapper.text(record, "name"),
                Amounts.cents(record.path("balance")));
    }

    private static Instant time(String value, ZoneId firmZone, boolean asEnd) {
        Instant instant = MyCaseMapper.instant(value);
        if (instant != null || value == null) {
            return instant;
        }
        LocalDate day = date(value);
        if (day == null) {
            return null;
        }
        return (asEnd ? day.plusDays(1) : day).atStartOfDay(firmZone).toInstant();
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = MyCaseMapper.text(node, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual() && !value.asText().isBlank()) {
            return new BigDecimal(value.asText().strip());
        }
        return null;
    }

    /** The date part of a date or a timestamp; null when absent or unreadable. */
    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
