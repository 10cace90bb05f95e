package com.casewire.billing;

import com.casewire.db.InsertOnce;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The ladder's tables (V17): billing_invoice, billing_stage (each stage once per invoice: the primary key),
 * billing_payment (each LawPay event once), billing_statement (one per client and month) and billing_run (one run
 * per business day). Row locks ({@code FOR UPDATE}) keep a payment and a run from acting on one invoice at once.
 */
class BillingStore {

    private static final String COLUMNS = """
            i.invoice_id, i.invoice_number, i.reference, i.client_id, i.client_name, i.matter_id, i.issued_on, i.due_on,
            i.total_cents, i.ledger_balance_cents, i.lawpay_paid_cents, i.first_seen_on, i.stopped_on, i.stop_reason,
            COALESCE((SELECT MAX(s.stage) FROM billing_stage s WHERE s.invoice_id = i.invoice_id), 0) AS last_stage""";
    private static final String INSERT_INVOICE = """
            INSERT INTO billing_invoice (invoice_id, invoice_number, reference, client_id, client_name, matter_id,
                issued_on, due_on, total_cents, ledger_balance_cents, lawpay_paid_cents, first_seen_on, updated_at)
            VALUES (:invoiceId, :number, :reference, :clientId, :clientName, :matterId, :issuedOn, :dueOn, :totalCents,
                :balanceCents, :lawpayPaidCents, :today, :now)""";
    private static final String LOCK = "SELECT invoice_id FROM billing_invoice WHERE invoice_id = :invoiceId FOR UPDATE";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM billing_invoice i WHERE i.invoice_id = :invoiceId";
    private static final String BY_REFERENCE = "SELECT " + COLUMNS + " FROM billing_invoice i WHERE i.reference = :reference";
    private static final String OPEN = "SELECT " + COLUMNS + " FROM billing_invoice i WHERE i.stopped_on IS NULL ORDER BY i.due_on, i.invoice_id";
    private static final String ALL = "SELECT " + COLUMNS + " FROM billing_invoice i ORDER BY i.due_on, i.invoice_id";
    private static final String OPEN_OF_CLIENT = "SELECT " + COLUMNS
            + " FROM billing_invoice i WHERE i.client_id = :clientId AND i.stopped_on IS NULL ORDER BY i.due_on, i.invoice_id";
    /** The practice system's amount is taken as it stands: LawPay payments before it no longer count against it. */
    private static final String NEW_LEDGER_BALANCE = """
            UPDATE billing_invoice SET ledger_balance_cents = :balanceCents, lawpay_paid_cents = 0, total_cents = :totalCents,
                due_on = :dueOn, stopped_on = CASE WHEN :reopen THEN NULL ELSE stopped_on END,
                stop_reason = CASE WHEN :reopen THEN NULL ELSE stop_reason END, updated_at = :now
            WHERE invoice_id = :invoiceId""";
    private static final String NEW_DUE_DATE = "UPDATE billing_invoice SET due_on = :dueOn, updated_at = :now WHERE invoice_id = :invoiceId";
    private static final String ADD_LAWPAY = """
            UPDATE billing_invoice SET lawpay_paid_cents = lawpay_paid_cents + :amountCents, updated_at = :now
            WHERE invoice_id = :invoiceId""";
    private static final String STOP = """
            UPDATE billing_invoice SET stopped_on = :day, stop_reason = :reason, updated_at = :now
            WHERE invoice_id = :invoiceId AND stopped_on IS NULL""";
    private static final String INSERT_STAGE = """
            INSERT INTO billing_stage (invoice_id, stage, run_on, amount_cents, outcome, recorded_at)
            VALUES (:invoiceId, :stage, :runOn, :amountCents, :outcome, :now)""";
    private static final String INSERT_PAYMENT = """
            INSERT INTO billing_payment (event_id, reference, amount_cents, applied_at)
            VALUES (:eventId, :reference, :amountCents, :now)""";
    private static final String INSERT_STATEMENT = """
            INSERT INTO billing_statement (client_id, month_start, reference, total_cents, invoices, recorded_at)
            VALUES (:clientId, :monthStart, :reference, :totalCents, :invoices, :now)""";
    private static final String STATEMENT_CLIENT = "SELECT client_id FROM billing_statement WHERE reference = :reference";
    private static final String INSERT_RUN = "INSERT INTO billing_run (run_on, started_at) VALUES (:runOn, :now)";
    private static final String RUN_EXISTS = "SELECT COUNT(*) FROM billing_run WHERE run_on = :runOn";

    private final NamedParameterJdbcTemplate jdbc;
    private final InsertOnce insertOnce;

    BillingStore(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce) {
        this.jdbc = jdbc;
        this.insertOnce = insertOnce;
    }

    /** Starts tracking an invoice; false when it is tracked already. */
    boolean track(TrackedInvoice invoice, Instant now) {
        Map<String, Object> p = new HashMap<>();
        p.put("invoiceId", invoice.invoiceId());
        p.put("number", invoice.number());
        p.put("reference", invoice.reference());
        p.put("clientId", invoice.clientId());
        p.put("clientName", invoice.clientName());
        p.put("matterId", invoice.matterId());
        p.put("issuedOn", date(invoice.issuedOn()));
        p.put("dueOn", date(invoice.dueOn()));
        p.put("totalCents", invoice.totalCents());
        p.put("balanceCents", invoice.ledgerBalanceCents());
        p.put("lawpayPaidCents", invoice.lawpayPaidCents());
        p.put("today", date(invoice.firstSeenOn()));
        p.put("now", Timestamp.from(now));
        return insertOnce.insert(INSERT_INVOICE, p);
    }

    /** The invoice, locked until the surrounding transaction ends; empty when it is not tracked. */
    Optional<TrackedInvoice> lock(String invoiceId) {
        if (jdbc.queryForList(LOCK, Map.of("invoiceId", invoiceId), String.class).isEmpty()) {
            return Optional.empty();
        }
        return find(invoiceId);
    }

    Optional<TrackedInvoice> find(String invoiceId) {
        return jdbc.query(BY_ID, Map.of("invoiceId", invoiceId), (rs, n) -> map(rs)).stream().findFirst();
    }

    Optional<TrackedInvoice> byReference(String reference) {
        return jdbc.query(BY_REFERENCE, Map.of("reference", reference), (rs, n) -> map(rs)).stream().findFirst();
    }

    List<TrackedInvoice> open() {
        return jdbc.query(OPEN, Map.of(), (rs, n) -> map(rs));
    }

    List<TrackedInvoice> all() {
        return jdbc.query(ALL, Map.of(), (rs, n) -> map(rs));
    }

    List<TrackedInvoice> openOfClient(String clientId) {
        return jdbc.query(OPEN_OF_CLIENT, Map.of("clientId", clientId), (rs, n) -> map(rs));
    }

    /** The practice system reports a different balance: it stands, and a stopped ladder with money owed restarts. */
    void newLedgerBalance(TrackedInvoice invoice, long balanceCents, long totalCents, LocalDate dueOn, boolean reopen, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("invoiceId", invoice.invoiceId())
                .addValue("balanceCents", balanceCents)
                .addValue("totalCents", totalCents)
                .addValue("dueOn", date(dueOn))
                .addValue("reopen", reopen)
                .addValue("now", Timestamp.from(now));
        jdbc.update(NEW_LEDGER_BALANCE, p);
    }

    void newDueDate(String invoiceId, LocalDate dueOn, Instant now) {
        jdbc.update(NEW_DUE_DATE, Map.of("invoiceId", invoiceId, "dueOn", date(dueOn), "now", Timestamp.from(now)));
    }

    void addLawpayPayment(String invoiceId, long amountCents, Instant now) {
        jdbc.update(ADD_LAWPAY, Map.of("invoiceId", invoiceId, "amountCents", amountCents, "now", Timestamp.from(now)));
    }

    void stop(String invoiceId, LocalDate day, String reason, Instant now) {
        jdbc.update(STOP, Map.of("invoiceId", invoiceId, "day", date(day), "reason", reason, "now", Timestamp.from(now)));
    }

    /** Claims {@code stage} of the invoice; false when it ran before (here or on another instance). */
    boolean claimStage(String invoiceId, LadderStage stage, LocalDate runOn, long amountCents, String outcome, Instant now) {
        return insertOnce.insert(INSERT_STAGE, Map.of("invoiceId", invoiceId, "stage", stage.number(), "runOn", date(runOn),
                "amountCents", amountCents, "outcome", outcome, "now", Timestamp.from(now)));
    }

    /** Claims a LawPay event for the ladder; false when it was applied before. */
    boolean claimPayment(String eventId, String reference, long amountCents, Instant now) {
        return insertOnce.insert(INSERT_PAYMENT, Map.of("eventId", eventId, "reference", reference,
                "amountCents", amountCents, "now", Timestamp.from(now)));
    }

    boolean claimStatement(String clientId, LocalDate monthStart, String reference, long totalCents, int invoices, Instant now) {
        return insertOnce.insert(INSERT_STATEMENT, Map.of("clientId", clientId, "monthStart", date(monthStart),
                "reference", reference, "totalCents", totalCents, "invoices", invoices, "now", Timestamp.from(now)));
    }

    /** The client a statement's pay-link reference belongs to. */
    Optional<String> statementClient(String reference) {
        return jdbc.queryForList(STATEMENT_CLIENT, Map.of("reference", reference), String.class).stream().findFirst();
    }

    boolean ranOn(LocalDate day) {
        Long n = jdbc.queryForObject(RUN_EXISTS, Map.of("runOn", date(day)), Long.class);
        return n != null && n > 0;
    }

    /** Marks the day's run done; false when another run marked it first. */
    boolean markRun(LocalDate day, Instant now) {
        return insertOnce.insert(INSERT_RUN, Map.of("runOn", date(day), "now", Timestamp.from(now)));
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static TrackedInvoice map(ResultSet rs) throws SQLException {
        return new TrackedInvoice(rs.getString("invoice_id"), rs.getString("invoice_number"), rs.getString("reference"),
                rs.getString("client_id"), rs.getString("client_name"), rs.getString("matter_id"),
                localDate(rs, "issued_on"), localDate(rs, "due_on"), rs.getLong("total_cents"),
                rs.getLong("ledger_balance_cents"), rs.getLong("lawpay_paid_cents"), localDate(rs, "first_seen_on"),
                localDate(rs, "stopped_on"), rs.getString("stop_reason"), rs.getInt("last_stage"));
    }
}
