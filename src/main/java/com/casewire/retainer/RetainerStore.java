package com.casewire.retainer;

import com.casewire.db.InsertOnce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The retainer_matter and retainer_deposit tables (V18): each matter's hysteresis state and last figures, and each
 * LawPay deposit counted once. The move to LOW is a conditional update on (state, episode), so two triggers that see
 * the same drop at once open one episode.
 */
class RetainerStore {

    static final String LOW = "LOW";
    static final String OK = "OK";

    /** What one check saw; amounts in cents. */
    record Figures(String tier, String practiceArea, String matterName, String retainerType, long balanceCents,
                   long unbilledCents, long availableCents, long thresholdCents, long replenishToCents) {
    }

    /** A matter's row. Amounts in cents; the nullable ones are unknown until a check saw them. */
    record Row(String matterId, String state, int episode, String tier, String practiceArea, String matterName,
               String retainerType, Long balanceCents, Long unbilledCents, Long availableCents, Long thresholdCents, Long replenishToCents,
               Long lowAvailableCents, long depositsCents, Instant lastDepositAt, Instant lowSince, Instant checkedAt,
               String skippedReason) {

        boolean low() {
            return LOW.equals(state);
        }
    }

    private static final String COLUMNS = """
            matter_id, state, episode, tier, practice_area, matter_name, retainer_type, balance_cents, unbilled_cents, available_cents,
            threshold_cents, replenish_to_cents, low_available_cents, deposits_cents, last_deposit_at, low_since,
            checked_at, skipped_reason""";
    private static final String INSERT = """
            INSERT INTO retainer_matter (matter_id, state, episode, deposits_cents, checked_at)
            VALUES (:matterId, 'OK', 0, 0, :now)""";
    private static final String FIND = "SELECT " + COLUMNS + " FROM retainer_matter WHERE matter_id = :matterId";
    private static final String FIGURES = """
            tier = :tier, practice_area = :practiceArea, matter_name = :matterName, retainer_type = :retainerType,
            balance_cents = :balance,
            unbilled_cents = :unbilled, available_cents = :available, threshold_cents = :threshold,
            replenish_to_cents = :replenishTo, checked_at = :now, skipped_reason = NULL""";
    private static final String GO_LOW = "UPDATE retainer_matter SET state = 'LOW', episode = episode + 1, "
            + "low_available_cents = :available, deposits_cents = 0, last_deposit_at = NULL, low_since = :now, "
            + "restored_at = NULL, " + FIGURES + " WHERE matter_id = :matterId AND state = 'OK' AND episode = :episode";
    private static final String OBSERVE = "UPDATE retainer_matter SET " + FIGURES + " WHERE matter_id = :matterId";
    private static final String RESTORE = """
            UPDATE retainer_matter SET state = 'OK', restored_at = :now
            WHERE matter_id = :matterId AND state = 'LOW' AND episode = :episode""";
    private static final String SKIPPED = """
            UPDATE retainer_matter SET skipped_reason = :reason, checked_at = :now WHERE matter_id = :matterId""";
    private static final String INSERT_DEPOSIT = """
            INSERT INTO retainer_deposit (event_id, matter_id, episode, amount_cents, received_at)
            VALUES (:eventId, :matterId, :episode, :amount, :now)""";
    private static final String ADD_DEPOSIT = """
            UPDATE retainer_matter SET deposits_cents = deposits_cents + :amount, last_deposit_at = :now
            WHERE matter_id = :matterId AND episode = :episode""";
    private static final String LOW_ROWS = "SELECT " + COLUMNS
            + " FROM retainer_matter WHERE state = 'LOW' ORDER BY tier, matter_id";
    private static final String LOW_IDS = "SELECT matter_id FROM retainer_matter WHERE state = 'LOW'";

    private final NamedParameterJdbcTemplate jdbc;
    private final InsertOnce insertOnce;

    RetainerStore(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce) {
        this.jdbc = jdbc;
        this.insertOnce = insertOnce;
    }

    /** The matter's row, created armed (OK, episode 0) the first time the workflow looks at it. */
    Row ensure(String matterId, Instant now) {
        insertOnce.insert(INSERT, Map.of("matterId", matterId, "now", Timestamp.from(now)));
        return find(matterId).orElseThrow();
    }

    Optional<Row> find(String matterId) {
        return jdbc.query(FIND, Map.of("matterId", matterId), (rs, n) -> map(rs)).stream().findFirst();
    }

    /** Opens episode {@code fromEpisode + 1}; false when another trigger moved the matter first. */
    boolean goLow(String matterId, int fromEpisode, Figures f, Instant now) {
        Map<String, Object> p = figures(matterId, f, now);
        p.put("episode", fromEpisode);
        return jdbc.update(GO_LOW, p) == 1;
    }

    void observe(String matterId, Figures f, Instant now) {
        jdbc.update(OBSERVE, figures(matterId, f, now));
    }

    /** Closes the episode (the matter is armed again); false when it was closed already. */
    boolean restore(String matterId, int episode, Instant now) {
        return jdbc.update(RESTORE, Map.of("matterId", matterId, "episode", episode, "now", Timestamp.from(now))) == 1;
    }

    /** Why the last check could not judge the matter (no trust endpoint, no terms): shown by the API. */
    void skipped(String matterId, String reason, Instant now) {
        String text = reason.length() <= 500 ? reason : reason.substring(0, 497) + "...";
        jdbc.update(SKIPPED, Map.of("matterId", matterId, "reason", text, "now", Timestamp.from(now)));
    }

    /** Counts a deposit towards the matter's episode once per gateway event; false when it was counted before. */
    boolean deposit(String eventId, String matterId, int episode, long amountCents, Instant now) {
        Map<String, Object> p = Map.of("eventId", eventId, "matterId", matterId, "episode", episode, "amount", amountCents,
                "now", Timestamp.from(now));
        if (!insertOnce.insert(INSERT_DEPOSIT, p)) {
            return false;
        }
        jdbc.update(ADD_DEPOSIT, p);
        return true;
    }

    /** Matters below their threshold now, by tier then id. */
    List<Row> low() {
        return jdbc.query(LOW_ROWS, Map.of(), (rs, n) -> map(rs));
    }

    List<String> lowMatterIds() {
        return jdbc.queryForList(LOW_IDS, Map.of(), String.class);
    }

    private static Map<String, Object> figures(String matterId, Figures f, Instant now) {
        Map<String, Object> p = new HashMap<>();
        p.put("matterId", matterId);
        p.put("tier", f.tier());
        p.put("practiceArea", f.practiceArea());
        p.put("matterName", f.matterName() == null || f.matterName().length() <= 500 ? f.matterName()
                : f.matterName().substring(0, 500));
        p.put("retainerType", f.retainerType() == null || f.retainerType().length() <= 200 ? f.retainerType()
                : f.retainerType().substring(0, 200));
        p.put("balance", f.balanceCents());
        p.put("unbilled", f.unbilledCents());
        p.put("available", f.availableCents());
        p.put("threshold", f.thresholdCents());
        p.put("replenishTo", f.replenishToCents());
        p.put("now", Timestamp.from(now));
        return p;
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getString("matter_id"), rs.getString("state"), rs.getInt("episode"), rs.getString("tier"),
                rs.getString("practice_area"), rs.getString("matter_name"), rs.getString("retainer_type"),
                longOrNull(rs, "balance_cents"),
                longOrNull(rs, "unbilled_cents"), longOrNull(rs, "available_cents"), longOrNull(rs, "threshold_cents"),
                longOrNull(rs, "replenish_to_cents"), longOrNull(rs, "low_available_cents"), rs.getLong("deposits_cents"),
                instant(rs, "last_deposit_at"), instant(rs, "low_since"), instant(rs, "checked_at"),
                rs.getString("skipped_reason"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
