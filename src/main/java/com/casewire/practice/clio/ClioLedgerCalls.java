package com.casewire.practice.clio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The Clio calls behind {@link ClioPracticeLedger} (issue #3): communications, time entries, bills, trust, calendar
 * entries, users, and the retainer reads (issue #16). Field names from shared/vendor-apis.md §1.3 (Clio's OpenAPI
 * spec); reads follow {@code meta.paging.next}. Made through the same {@link ClioClient} (token, pacing) as every call.
 */
final class ClioLedgerCalls {

    /** Fields of a time entry (Activity) the hub reads; {@code quantity} is in seconds from API 4.0.4 on. */
    public static final String ACTIVITY_FIELDS = "id,etag,type,date,quantity,price,total,note,billed,non_billable,matter{id},user{id}";
    /** Fields of a bill; {@code balance} is what is still owed. */
    public static final String BILL_FIELDS = "id,etag,number,state,type,issued_at,due_at,balance,due,total,paid,client{id,name,first_name,primary_email_address},matters{id}";
    public static final String BANK_ACCOUNT_FIELDS = "id,etag,name,type,balance,currency";
    public static final String BANK_TRANSACTION_FIELDS = "id,etag,bank_account_id,amount,funds_in,funds_out,current_account_balance,date,description,transaction_type";
    public static final String CALENDAR_ENTRY_FIELDS = "id,etag,summary,description,start_at,end_at,all_day,calendar_owner_id,time_entries_count,matter{id}";
    public static final String USER_FIELDS = "id,etag,name,first_name,last_name,email,enabled,subscription_type,time_zone";

    /** A sender or receiver of a communication: {@code type} is {@code User} or {@code Contact}. */
    public record Participant(long id, String type) {
    }

    private final ClioClient clio;
    private final ClioApi api;

    ClioLedgerCalls(ClioClient clio) {
        this.clio = clio;
        this.api = clio.api();
    }

    /**
     * POST /communications.json ({@code type} EmailCommunication or PhoneCommunication); returns the new id.
     * {@code externalKey}, when given, is stored as the external property {@code casewire_key}.
     */
    public String createCommunication(String type, String matterId, String subject, String body, String date,
                                      String receivedAt, List<Participant> senders, List<Participant> receivers,
                                      String externalKey) {
        var data = api.newData();
        data.put("type", type);
        data.put("subject", subject);
        data.put("body", body);
        if (matterId != null) {
            data.putObject("matter").put("id", Long.parseLong(matterId));
        }
        data.put("date", date);
        if (receivedAt != null) {
            data.put("received_at", receivedAt);
        }
        participants(data.putArray("senders"), senders);
        participants(data.putArray("receivers"), receivers);
        if (externalKey != null) {
            data.putArray("external_properties").addObject().put("name", ClioPracticeLedger.KEY_PROPERTY).put("value", externalKey);
        }
        return api.write("communication", data).path("id").asText();
    }

    private static void participants(ArrayNode array, List<Participant> parties) {
        for (Participant p : parties == null ? List.<Participant>of() : parties) {
            array.addObject().put("id", p.id()).put("type", p.type());
        }
    }

    /** GET /activities.json?type=TimeEntry with the date range (inclusive) and optional user and matter filters. */
    public List<JsonNode> listTimeEntries(LocalDate from, LocalDate to, String userId, String matterId) {
        StringBuilder path = new StringBuilder("/activities.json?type=TimeEntry&start_date=").append(from)
                .append("&end_date=").append(to);
        if (userId != null) {
            path.append("&user_id=").append(encode(userId));
        }
        if (matterId != null) {
            path.append("&matter_id=").append(encode(matterId));
        }
        return clio.listAll(path.toString(), ACTIVITY_FIELDS);
    }

    /**
     * POST /activities.json with type TimeEntry. {@code seconds} of work go out as {@code quantity} in the unit the
     * pinned API version uses: whole seconds from 4.0.4 on, decimal hours before. Returns the id.
     */
    public String createTimeEntry(String matterId, String userId, LocalDate date, long seconds, String note,
                                  boolean nonBillable) {
        var data = api.newData();
        data.put("type", "TimeEntry");
        data.put("date", date.toString());
        if (quantityInSeconds()) {
            data.put("quantity", seconds);
        } else {
            data.put("quantity", java.math.BigDecimal.valueOf(seconds).divide(java.math.BigDecimal.valueOf(3600), 4,
                    java.math.RoundingMode.HALF_UP));
        }
        if (matterId != null) {
            data.putObject("matter").put("id", Long.parseLong(matterId));
        }
        if (userId != null) {
            data.putObject("user").put("id", Long.parseLong(userId));
        }
        if (note != null) {
            data.put("note", note);
        }
        data.put("non_billable", nonBillable);
        return api.write("time-entry", data).path("id").asText();
    }

    /** GET /bills.json?overdue_only=true (the spec's boolean filter "Filter Bill records to those that are overdue"). */
    public List<JsonNode> listOverdueBills() {
        return clio.listAll("/bills.json?overdue_only=true", BILL_FIELDS);
    }

    /** GET /bank_accounts.json?type=... ({@code TrustAccount} or {@code OperatingAccount}). */
    public List<JsonNode> listBankAccounts(String type) {
        return clio.listAll("/bank_accounts.json?type=" + encode(type), BANK_ACCOUNT_FIELDS);
    }

    /** GET /bank_transactions.json filtered by bank account and/or matter (null: no filter). */
    public List<JsonNode> listBankTransactions(String bankAccountId, String matterId) {
        StringBuilder path = new StringBuilder("/bank_transactions.json");
        String sep = "?";
        if (bankAccountId != null) {
            path.append(sep).append("bank_account_id=").append(encode(bankAccountId));
            sep = "&";
        }
        if (matterId != null) {
            path.append(sep).append("matter_id=").append(encode(matterId));
        }
        return clio.listAll(path.toString(), BANK_TRANSACTION_FIELDS);
    }

    /** Fields of a bank transaction the reconciliation reads: {@code confirmation} carries a payment's reference. */
    public static final String PAYMENT_TRANSACTION_FIELDS = BANK_TRANSACTION_FIELDS + ",confirmation";

    /**
     * GET /bank_transactions.json?created_since= one page at a time: every movement on any bank account created since
     * {@code since} (Clio documents no date filter on this list; the caller keeps the day it wants).
     */
    public Iterator<List<JsonNode>> bankTransactionPagesCreatedSince(Instant since) {
        return api.pages("/bank_transactions.json?created_since="
                + encode(DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.SECONDS))),
                PAYMENT_TRANSACTION_FIELDS, true);
    }

    /** The matter's {@code account_balances} (GET /matters/{id}.json); empty when the matter does not exist. */
    public Optional<JsonNode> getMatterAccountBalances(String matterId) {
        return clio.getMatter(matterId, ClioClient.ACCOUNT_BALANCE_FIELDS).map(data -> data.path("account_balances"));
    }

    /** GET /calendar_entries.json?from=&to= (ISO-8601 timestamps), optionally for one matter. */
    public List<JsonNode> listCalendarEntries(Instant from, Instant to, String matterId) {
        String path = "/calendar_entries.json?from=" + encode(from.toString()) + "&to=" + encode(to.toString())
                + (matterId == null ? "" : "&matter_id=" + encode(matterId));
        return clio.listAll(path, CALENDAR_ENTRY_FIELDS);
    }

    /**
     * POST /calendar_entries.json on the calendar {@code calendarOwnerId}; returns the entry's id, which Clio
     * types as a string. {@code externalKey}, when given, is stored as the external property {@code casewire_key}.
     */
    public String createCalendarEntry(long calendarOwnerId, String summary, String description, String startAt,
                                      String endAt, String matterId, String externalKey) {
        var data = api.newData();
        data.put("summary", summary);
        if (description != null) {
            data.put("description", description);
        }
        data.put("start_at", startAt);
        data.put("end_at", endAt);
        data.putObject("calendar_owner").put("id", calendarOwnerId);
        if (matterId != null) {
            data.putObject("matter").put("id", Long.parseLong(matterId));
        }
        if (externalKey != null) {
            data.putArray("external_properties").addObject().put("name", "casewire_key").put("value", externalKey);
        }
        return api.write("calendar-entry", data).path("id").asText();
    }

    /** GET /users.json?enabled=true. */
    public List<JsonNode> listEnabledUsers() {
        return clio.listAll("/users.json?enabled=true", USER_FIELDS);
    }

    /** GET /users/who_am_i.json: the user the access token belongs to. */
    public JsonNode whoAmI() {
        return api.get(api.uri("/users/who_am_i.json?fields=" + encode(USER_FIELDS))).path("data");
    }

    /** Whether the pinned API version reports Activity {@code quantity} in seconds (4.0.4 and later) rather than hours. */
    public boolean quantityInSeconds() {
        return ClioApiVersion.atLeast(api.apiVersion(), 4, 0, 4);
    }

    // Trust retainers (issue #16): matters with trust balances, unbilled work, user rates.

    /** What an unbilled activity adds: its total (CLIO-SPEC Activity), and whether it bills at all. */
    public static final String UNBILLED_ACTIVITY_FIELDS = "id,type,total,billed,non_billable";
    /** A user's hourly rate (CLIO-SPEC User {@code rate}). */
    public static final String USER_RATE_FIELDS = "id,rate";

    /** GET /matters.json?status=open with each matter's {@code account_balances}, every page. */
    public List<JsonNode> listOpenMatterBalances() {
        return clio.listAll("/matters.json?status=open", ClioClient.ACCOUNT_BALANCE_FIELDS);
    }

    /** GET /activities.json?matter_id=&status=unbilled (time and expense entries alike), every page. */
    public List<JsonNode> listUnbilledActivities(String matterId) {
        return clio.listAll("/activities.json?matter_id=" + encode(matterId) + "&status=unbilled", UNBILLED_ACTIVITY_FIELDS);
    }

    /** GET /users.json?enabled=true with each user's rate, every page. */
    public List<JsonNode> listUserRates() {
        return clio.listAll("/users.json?enabled=true", USER_RATE_FIELDS);
    }


    private static String encode(String value) {
        return ClioApi.encode(value);
    }
}
