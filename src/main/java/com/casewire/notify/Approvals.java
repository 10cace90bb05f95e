package com.casewire.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Notifications parked for an attorney's decision. States: PENDING, APPROVED, REJECTED. */
@Repository
public class Approvals {

    public record Parked(long id, String notificationKey, String state, String payload, Instant createdAt) {
    }

    private static final String INSERT = """
            INSERT INTO approval (notification_key, state, payload, created_at) VALUES (:key, 'PENDING', :payload, :now)""";
    private static final String DECIDE = """
            UPDATE approval SET state = :state, decided_at = :now, decided_by = :by WHERE id = :id AND state = 'PENDING'""";
    private static final String SELECT = "SELECT id, notification_key, state, payload, created_at FROM approval";

    private final NamedParameterJdbcTemplate jdbc;

    Approvals(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Parks a notification once; false when it is parked already. */
    public boolean park(String notificationKey, String payload, Instant now) {
        try {
            return jdbc.update(INSERT, Map.of("key", notificationKey, "payload", payload, "now", Timestamp.from(now))) == 1;
        } catch (DuplicateKeyException parked) {
            return false;
        }
    }

    /** Moves a PENDING approval to APPROVED or REJECTED; false when it was decided already or does not exist. */
    public boolean decide(long id, String state, String by, Instant now) {
        return jdbc.update(DECIDE, Map.of("id", id, "state", state, "by", by, "now", Timestamp.from(now))) == 1;
    }

    public Optional<Parked> find(long id) {
        return jdbc.query(SELECT + " WHERE id = :id", Map.of("id", id), (rs, n) -> parked(rs)).stream().findFirst();
    }

    public List<Parked> inState(String state) {
        return jdbc.query(SELECT + " WHERE state = :state ORDER BY id", Map.of("state", state), (rs, n) -> parked(rs));
    }

    private static Parked parked(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Parked(rs.getLong("id"), rs.getString("notification_key"), rs.getString("state"),
                rs.getString("payload"), rs.getTimestamp("created_at").toInstant());
    }
}
