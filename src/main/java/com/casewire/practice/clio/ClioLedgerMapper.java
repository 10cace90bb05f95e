package com.casewire.practice.clio;

import com.casewire.canonical.CalendarEvent;
import com.casewire.canonical.Contact;
import com.casewire.canonical.Invoice;
import com.casewire.canonical.RecordedPayment;
import com.casewire.canonical.StaffMember;
import com.casewire.canonical.TimeEntry;
import com.casewire.canonical.TrustBalance;
import com.casewire.canonical.TrustTransaction;
import com.casewire.vendor.Amounts;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Clio's ledger records (Activity, Bill, AccountBalance, BankTransaction, CalendarEntry, User) to canonical
 * records. Clio reports money as decimal currency units; the hub keeps cents, rounded half-up.
 */
final class ClioLedgerMapper {

    private ClioLedgerMapper() {
    }

    /** An Activity of type TimeEntry; {@code quantityInSeconds} is false only for API versions before 4.0.4 (hours). */
    static TimeEntry toTimeEntry(JsonNode a, boolean quantityInSeconds) {
        double quantity = a.path("quantity").asDouble(0);
        long seconds = Math.round(quantityInSeconds ? quantity : quantity * 3600);
        return new TimeEntry(a.path("id").asText(), id(a.path("matter")), id(a.path("user")), date(a.path("date")),
                Math.max(0, seconds), cents(a.path("price")), cents(a.path("total")), text(a, "note"),
                a.path("billed").asBoolean(false), a.path("non_billable").asBoolean(false));
    }

    static Invoice toInvoice(JsonNode bill) {
        List<String> matters = new ArrayList<>();
        bill.path("matters").forEach(m -> {
            String id = id(m);
            if (id != null) {
                matters.add(id);
            }
        });
        return new Invoice(bill.path("id").asText(), text(bill, "number"), text(bill, "state"),
                date(bill.path("issued_at")), date(bill.path("due_at")),
                cents(bill.path("total")), cents(bill.path("balance")),
                id(bill.path("client")), text(bill.path("client"), "name"), matters, billTo(bill.path("client")));
    }

    /** The bill's client as the person it is addressed to, with the primary email Clio has for them; null without one. */
    private static Contact billTo(JsonNode client) {
        String id = id(client);
        if (id == null) {
            return null;
        }
        return new Contact(id, text(client, "name"), text(client, "first_name"), text(client, "primary_email_address"),
                null, null, null);
    }

    /** The Trust entries of a matter's {@code account_balances}. */
    static List<TrustBalance> toTrustBalances(String matterId, JsonNode accountBalances) {
        List<TrustBalance> balances = new ArrayList<>();
        accountBalances.forEach(b -> {
            if ("Trust".equalsIgnoreCase(b.path("type").asText())) {
                balances.add(new TrustBalance(matterId, id(b), text(b, "name"), cents(b.path("balance"))));
            }
        });
        return balances;
    }

    /** Funds in count positive and funds out negative; {@code amount} is used when neither is reported. */
    static TrustTransaction toTrustTransaction(String matterId, JsonNode t) {
        long amount;
        if (t.hasNonNull("funds_in") || t.hasNonNull("funds_out")) {
            amount = cents(t.path("funds_in")) - cents(t.path("funds_out"));
        } else {
            amount = cents(t.path("amount"));
        }
        Long after = t.hasNonNull("current_account_balance") ? cents(t.path("current_account_balance")) : null;
        return new TrustTransaction(t.path("id").asText(), text(t, "bank_account_id"), matterId, date(t.path("date")),
                amount, after, text(t, "description"));
    }

    /**
     * A matter's {@code custom_field_values} by field name (trimmed; the first of a repeated name wins); a value given as
     * an object (a contact or matter field) is its id. Unset and soft-deleted values are left out.
     */
    static java.util.Map<String, String> customFields(JsonNode matter) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (JsonNode value : matter.path("custom_field_values")) {
            String name = value.path("field_name").asText("").strip();
            JsonNode v = value.path("value");
            if (v.isObject()) {
                v = v.path("id");
            }
            String text = v.isMissingNode() || v.isNull() ? null : v.asText().strip();
            if (!name.isEmpty() && text != null && !text.isEmpty() && !value.path("soft_deleted").asBoolean(false)) {
                fields.putIfAbsent(name, text);
            }
        }
        return fields;
    }

    /** Unbilled activities' totals in cents, leaving out those marked non-billable or already billed. */
    static long unbilledCents(List<JsonNode> activities) {
        long sum = 0;
        for (JsonNode a : activities) {
            if (!a.path("non_billable").asBoolean(false) && !a.path("billed").asBoolean(false)) {
                sum += cents(a.path("total"));
            }
        }
        return sum;
    }

    /**
     * Money received on one of the firm's accounts as a {@link RecordedPayment}; null for money out, a zero amount or
     * an account that is neither the firm's operating nor trust account. The reference is {@code confirmation}, else
     * the description (which of them a firm's payment sync fills is not documented: docs/workflows/reconciliation.md).
     */
    static RecordedPayment toRecordedPayment(JsonNode t, RecordedPayment.Account account) {
        long in = t.hasNonNull("funds_in") ? cents(t.path("funds_in")) : cents(t.path("amount"));
        if (account == null || in <= 0) {
            return null;
        }
        String confirmation = text(t, "confirmation");
        String description = text(t, "description");
        String reference = confirmation != null && !confirmation.isBlank() ? confirmation.strip()
                : description == null || description.isBlank() ? null : description.strip();
        return new RecordedPayment(t.path("id").asText(), date(t.path("date")), in, reference, account, description);
    }

    /** A Clio calendar entry as a {@link CalendarEvent} whose calendar is its owner's Clio calendar id. */
    static CalendarEvent toCalendarEvent(JsonNode e) {
        String owner = text(e, "calendar_owner_id");
        return new CalendarEvent(e.path("id").asText(), owner == null ? "clio" : "clio:" + owner, text(e, "summary"),
                instant(e.path("start_at")), instant(e.path("end_at")), null, id(e.path("matter")), List.of(), false);
    }

    static StaffMember toStaffMember(JsonNode user) {
        return new StaffMember(user.path("id").asText(), text(user, "name"), text(user, "email"));
    }

    /** Decimal currency units (a JSON number or numeric string) to cents; 0 when absent. */
    static long cents(JsonNode amount) {
        return Amounts.cents(amount);
    }

    private static LocalDate date(JsonNode node) {
        String text = node.isMissingNode() || node.isNull() ? null : node.asText();
        if (text == null || text.isBlank()) {
            return null;
        }
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    }

    private static Instant instant(JsonNode node) {
        String text = node.isMissingNode() || node.isNull() ? null : node.asText();
        return text == null || text.isBlank() ? null : OffsetDateTime.parse(text).toInstant();
    }

    private static String id(JsonNode association) {
        JsonNode id = association.path("id");
        return id.isMissingNode() || id.isNull() ? null : id.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
