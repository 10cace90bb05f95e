package com.casewire.payments;

import com.casewire.canonical.PaymentEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The payment_event table: each gateway payment outcome once, by event id. Billing workflows ask it whether
 * an invoice has been paid before they send the next reminder.
 */
@Repository("paymentEvents")
public class PaymentEvents {

    private static final Logger log = LoggerFactory.getLogger(PaymentEvents.class);

    private static final String INSERT = """
            INSERT INTO payment_event (event_id, event_type, transaction_id, amount_cents, currency, reference,
                                       invoice_reference, failure_code, occurred_at, recorded_at)
            VALUES (:eventId, :type, :transactionId, :amountCents, :currency, :reference, :invoiceReference,
                    :failureCode, :occurredAt, :recordedAt)""";
    private static final String EXISTS = "SELECT COUNT(*) FROM payment_event WHERE event_id = :eventId";
    private static final String SELECT = """
            SELECT event_id, event_type, transaction_id, amount_cents, currency, reference, invoice_reference,
                   failure_code, occurred_at
            FROM payment_event WHERE event_id = :eventId""";
    private static final String PAID = """
            SELECT COUNT(*) FROM payment_event WHERE invoice_reference = :invoiceReference AND event_type = 'COMPLETED'""";
    private static final String FOR_INVOICE = """
            SELECT event_id, event_type, transaction_id, amount_cents, currency, reference, invoice_reference,
                   failure_code, occurred_at
            FROM payment_event WHERE invoice_reference = :invoiceReference ORDER BY occurred_at, id""";

    private static final String RECENT = """
            SELECT event_id, event_type, transaction_id, amount_cents, currency, reference, invoice_reference,
                   failure_code, occurred_at
            FROM payment_event ORDER BY id DESC LIMIT 50""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    PaymentEvents(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the event; false when an event with its id was stored before. */
    public boolean record(PaymentEvent event) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("eventId", event.eventId())
                .addValue("type", event.type().name())
                .addValue("transactionId", event.transactionId())
                .addValue("amountCents", event.amountCents())
                .addValue("currency", event.currency())
                .addValue("reference", event.reference())
                .addValue("invoiceReference", event.invoiceReference())
                .addValue("failureCode", event.failureCode())
                .addValue("occurredAt", Timestamp.from(event.occurredAt()))
                .addValue("recordedAt", Timestamp.from(clock.instant()));
        // checked first rather than catching the unique violation: on PostgreSQL a failed insert aborts the
        // surrounding inbox transaction. Two rows for one event id cannot race here (the inbox dedupes on it);
        // if they did, the constraint rolls one back and its retry finds the row.
        Long seen = jdbc.queryForObject(EXISTS, params, Long.class);
        boolean stored = (seen == null || seen == 0) && jdbc.update(INSERT, params) == 1;
        log.info("payment {} {} of {} {} for reference {} (event {}){}", event.type(), event.transactionId(),
                event.amountCents(), event.currency(), event.reference(), event.eventId(), stored ? "" : " seen before");
        return stored;
    }

    public Optional<PaymentEvent> find(String eventId) {
        return jdbc.query(SELECT, Map.of("eventId", eventId), (rs, n) -> map(rs)).stream().findFirst();
    }

    public List<PaymentEvent> forInvoice(String invoiceReference) {
        return jdbc.query(FOR_INVOICE, Map.of("invoiceReference", invoiceReference), (rs, n) -> map(rs));
    }

    /** The latest 50 payment events, newest first. */
    public List<PaymentEvent> recent() {
        return jdbc.query(RECENT, Map.of(), (rs, n) -> map(rs));
    }

    /** True once a completed payment names the invoice: the billing ladder stops here. */
    public boolean isPaid(String invoiceReference) {
        Long n = jdbc.queryForObject(PAID, Map.of("invoiceReference", invoiceReference), Long.class);
        return n != null && n > 0;
    }

    private static PaymentEvent map(ResultSet rs) throws SQLException {
        return new PaymentEvent(rs.getString("event_id"), PaymentEvent.Type.valueOf(rs.getString("event_type")),
                rs.getString("transaction_id"), rs.getLong("amount_cents"), rs.getString("currency"),
                rs.getString("reference"), rs.getString("invoice_reference"), rs.getString("failure_code"),
                rs.getTimestamp("occurred_at").toInstant());
    }
}
