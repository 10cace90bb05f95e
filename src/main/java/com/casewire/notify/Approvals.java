package com.casewire.notify;

import com.casewire.db.InsertOnce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Notifications parked for an attorney's decision. States: PENDING, APPROVED, REJECTED. */
@Repository
public class Approvals {

    /**
     * A parked notification.
     *
     * @param decidedText the text finally approved (the proposal or an attorney's edit), null until approved
     */
    public record Parked(long id, String notificationKey, ApprovalState state, String payload, Instant createdAt,
                         String matterId, String attorneyEmail, Instant decidedAt, String decidedBy, String decidedText,
                         Instant escalatedAt) {
    }

    private static final String INSERT = """
            INSERT INTO approval (notification_key, state, payload, created_at, matter_id, attorney_email)
            VALUES (:key, 'PENDING', :payload, :now, :matter, :attorney)""";
    private static final String DECIDE = """
            UPDATE approval SET state = :state, decided_at = :now, decided_by = :by, decided_text = :text
            WHERE id = :id AND state = 'PENDING'""";
    private static final String ESCALATED = """
            UPDATE approval SET escalated_at = :now WHERE id = :id AND state = 'PENDING' AND escalated_at IS NULL""";
    private static final String SELECT = """
            SELECT id, notification_key, state, payload, created_at, matter_id, attorney_email, decided_at, decided_by,
                   decided_text, escalated_at FROM approval""";

    private final NamedParameterJdbcTemplate jdbc;
    private final InsertOnce insertOnce;

    Approvals(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce) {
        this.jdbc = jdbc;
        this.insertOnce = insertOnce;
    }

    /** Parks a notification once; false when it is parked already. */
    public boolean park(String notificationKey, String payload, Instant now) {
        return parkReturningId(notificationKey, payload, null, null, now).isPresent();
    }

    /** Parks a notification once; its new id, or empty when it is parked already (then nothing is written). */
    public Optional<Long> parkReturningId(String notificationKey, String payload, String matterId, String attorneyEmail,
                                          Instant now) {
        var params = new MapSqlParameterSource().addValue("key", notificationKey).addValue("payload", payload)
                .addValue("now", Timestamp.from(now)).addValue("matter", matterId).addValue("attorney", attorneyEmail);
        long id = insertOnce.insertReturningId(INSERT, params);
        return id == InsertOnce.NOT_INSERTED ? Optional.empty() : Optional.of(id);
    }

    /** Moves a PENDING approval to APPROVED or REJECTED; false when it was decided already or does not exist. */
    public boolean decide(long id, ApprovalState state, String by, Instant now) {
        return decide(id, state, by, null, now);
    }

    public boolean decide(long id, ApprovalState state, String by, String text, Instant now) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("state", state.name());
        p.put("by", by);
        p.put("text", text);
        p.put("now", Timestamp.from(now));
        return jdbc.update(DECIDE, p) == 1;
    }

    /** Marks a pending approval escalated; false when it was decided or escalated already. */
    public boolean markEscalated(long id, Instant now) {
        return jdbc.update(ESCALATED, Map.of("id", id, "now", Timestamp.from(now))) == 1;
    }

    public Optional<Parked> find(long id) {
        return jdbc.query(SELECT + " WHERE id = :id", Map.of("id", id), (rs, n) -> parked(rs)).stream().findFirst();
    }

    public List<Parked> inState(ApprovalState state) {
        return jdbc.query(SELECT + " WHERE state = :state ORDER BY id", Map.of("state", state.name()),
                (rs, n) -> parked(rs));
    }

    private static Parked parked(ResultSet rs) throws SQLException {
        return new Parked(rs.getLong("id"), rs.getString("notification_key"), ApprovalState.valueOf(rs.getString("state")),
                rs.getString("payload"), rs.getTimestamp("created_at").toInstant(), rs.getString("matter_id"),
                rs.getString("attorney_email"), instant(rs.getTimestamp("decided_at")), rs.getString("decided_by"),
                rs.getString("decided_text"), instant(rs.getTimestamp("escalated_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
