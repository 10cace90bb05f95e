package com.casewire.intake;

import com.casewire.canonical.Lead;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The intake_lead and intake_lead_event tables. */
@Repository
public class LeadStore {

    private static final String COLUMNS = """
            id, phone, email, name, matter_type, practice_area, source, summary, adverse_party, state, flagged_for_morning,
            conflict_status, conflict_detail, attorney_key, attorney_name, booked_start, booked_end, calendar_event_id,
            practice_contact_id, practice_matter_id, created_at, updated_at, last_contact_at, caller_withheld""";
    private static final String FIND = "SELECT " + COLUMNS + " FROM intake_lead WHERE id = :id";
    private static final String FIND_OPEN = "SELECT " + COLUMNS + " FROM intake_lead WHERE open_key = :key";
    private static final String LIST = "SELECT " + COLUMNS + " FROM intake_lead ORDER BY created_at DESC, id DESC";
    private static final String LIST_STATE = "SELECT " + COLUMNS
            + " FROM intake_lead WHERE state = :state ORDER BY created_at DESC, id DESC";
    private static final String INSERT = """
            INSERT INTO intake_lead (open_key, phone, email, name, matter_type, practice_area, source, summary, adverse_party,
                state, created_at, updated_at, last_contact_at, caller_withheld)
            VALUES (:key, :phone, :email, :name, :matterType, :area, :source, :summary, :adverse, 'new', :now, :now, :now,
                :withheld)""";
    private static final String ADD_CONTACT = """
            UPDATE intake_lead SET last_contact_at = :now, updated_at = :now,
                name = COALESCE(name, :name), email = COALESCE(email, :email), phone = COALESCE(phone, :phone),
                matter_type = COALESCE(matter_type, :matterType), summary = COALESCE(summary, :summary),
                adverse_party = COALESCE(adverse_party, :adverse)
            WHERE id = :id""";
    private static final String EVENT_EXISTS = "SELECT COUNT(*) FROM intake_lead_event WHERE dedupe_key = :key";
    private static final String INSERT_EVENT = """
            INSERT INTO intake_lead_event (lead_id, kind, channel, detail, occurred_at, dedupe_key)
            VALUES (:lead, :kind, :channel, :detail, :at, :key)""";
    private static final String EVENTS = """
            SELECT kind, channel, detail, occurred_at FROM intake_lead_event WHERE lead_id = :lead ORDER BY occurred_at, id""";
    private static final String SET_STATE = """
            UPDATE intake_lead SET state = :to, updated_at = :now WHERE id = :id AND state IN (:from)""";
    private static final String CLOSE = """
            UPDATE intake_lead SET state = :to, open_key = NULL, updated_at = :now WHERE id = :id AND state IN (:from)""";
    private static final String FLAG = "UPDATE intake_lead SET flagged_for_morning = TRUE, updated_at = :now WHERE id = :id";
    private static final String CONFLICT = """
            UPDATE intake_lead SET conflict_status = :status, conflict_detail = :detail, updated_at = :now WHERE id = :id""";
    private static final String ATTORNEY = """
            UPDATE intake_lead SET attorney_key = :key, attorney_name = :name, updated_at = :now
            WHERE id = :id AND attorney_key IS NULL""";
    private static final String CLAIM_BOOKING = """
            UPDATE intake_lead SET booked_start = :start, booked_end = :end, updated_at = :now
            WHERE id = :id AND booked_start IS NULL AND state IN ('new', 'acknowledged', 'escalated')""";
    private static final String RELEASE_BOOKING = """
            UPDATE intake_lead SET booked_start = NULL, booked_end = NULL, updated_at = :now
            WHERE id = :id AND calendar_event_id IS NULL""";
    private static final String BOOKED = """
            UPDATE intake_lead SET calendar_event_id = :event, state = 'booked', updated_at = :now WHERE id = :id""";
    private static final String PRACTICE_CONTACT = "UPDATE intake_lead SET practice_contact_id = :contact, updated_at = :now WHERE id = :id";
    private static final String PRACTICE_MATTER = "UPDATE intake_lead SET practice_matter_id = :matter, updated_at = :now WHERE id = :id";

    private final NamedParameterJdbcTemplate jdbc;

    LeadStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LeadRecord> find(long id) {
        return jdbc.query(FIND, new MapSqlParameterSource("id", id), LeadStore::row).stream().findFirst();
    }

    public Optional<LeadRecord> findOpen(String personKey) {
        return jdbc.query(FIND_OPEN, new MapSqlParameterSource("key", personKey), LeadStore::row).stream().findFirst();
    }

    public List<LeadRecord> list(String state) {
        return state == null ? jdbc.query(LIST, LeadStore::row)
                : jdbc.query(LIST_STATE, new MapSqlParameterSource("state", state), LeadStore::row);
    }

    /**
     * A new open lead for the person. Fails with a duplicate-key error when another contact of the same person opened
     * one meanwhile; the caller's transaction then rolls back and is retried, and the retry joins that lead.
     */
    long insert(Lead lead, String matterType, String practiceArea, Instant now) {
        MapSqlParameterSource p = fields(lead, matterType).addValue("key", lead.personKey())
                .addValue("area", practiceArea, Types.VARCHAR).addValue("source", lead.source() == null ? lead.channel() : lead.source())
                .addValue("now", Timestamp.from(now)).addValue("withheld", lead.callerWithheld());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(INSERT, p, keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /** A further contact of the same person: details the lead lacked are filled in, none are overwritten. */
    void addContact(long id, Lead lead, String matterType, Instant now) {
        jdbc.update(ADD_CONTACT, fields(lead, matterType).addValue("id", id)
                .addValue("now", Timestamp.from(now)));
    }

    private static MapSqlParameterSource fields(Lead lead, String matterType) {
        return new MapSqlParameterSource().addValue("phone", lead.phone(), Types.VARCHAR)
                .addValue("email", lead.email(), Types.VARCHAR).addValue("name", lead.name(), Types.VARCHAR)
                .addValue("matterType", matterType, Types.VARCHAR).addValue("summary", lead.summary(), Types.VARCHAR)
                .addValue("adverse", lead.adverseParty(), Types.VARCHAR);
    }

    /** Records a contact or an action once per {@code dedupeKey}; false when it was recorded before. */
    public boolean addEvent(long leadId, String kind, String channel, String detail, Instant at, String dedupeKey) {
        Long n = jdbc.queryForObject(EVENT_EXISTS, new MapSqlParameterSource("key", dedupeKey), Long.class);
        if (n != null && n > 0) {
            return false;
        }
        jdbc.update(INSERT_EVENT, new MapSqlParameterSource("lead", leadId).addValue("kind", kind)
                .addValue("channel", channel, Types.VARCHAR)
                .addValue("detail", detail.length() > 4000 ? detail.substring(0, 4000) : detail)
                .addValue("at", Timestamp.from(at)).addValue("key", dedupeKey));
        return true;
    }

    public List<LeadRecord.Event> events(long leadId) {
        return jdbc.query(EVENTS, new MapSqlParameterSource("lead", leadId), (rs, n) -> new LeadRecord.Event(
                rs.getString("kind"), rs.getString("channel"), rs.getString("detail"), instant(rs, "occurred_at")));
    }

    /** Moves the lead to {@code to} if it is in one of {@code from}; false otherwise. */
    public boolean transition(long id, List<String> from, String to, Instant now) {
        boolean closing = LeadRecord.CONVERTED.equals(to) || LeadRecord.DECLINED.equals(to);
        return jdbc.update(closing ? CLOSE : SET_STATE, new MapSqlParameterSource("id", id).addValue("from", from)
                .addValue("to", to).addValue("now", Timestamp.from(now))) == 1;
    }

    void flagForMorning(long id, Instant now) {
        jdbc.update(FLAG, new MapSqlParameterSource("id", id).addValue("now", Timestamp.from(now)));
    }

    void setConflict(long id, String status, String detail, Instant now) {
        jdbc.update(CONFLICT, new MapSqlParameterSource("id", id).addValue("status", status)
                .addValue("detail", detail, Types.VARCHAR).addValue("now", Timestamp.from(now)));
    }

    /** Sets the lead's attorney unless one was set meanwhile (the booking page and the screening may race). */
    boolean setAttorney(long id, String key, String name, Instant now) {
        return 1 == jdbc.update(ATTORNEY, new MapSqlParameterSource("id", id).addValue("key", key).addValue("name", name)
                .addValue("now", Timestamp.from(now)));
    }

    /** Reserves the slot on the lead before the calendar call, so two clicks cannot book twice. */
    boolean claimBooking(long id, Instant start, Instant end, Instant now) {
        return jdbc.update(CLAIM_BOOKING, new MapSqlParameterSource("id", id)
                .addValue("start", Timestamp.from(start))
                .addValue("end", Timestamp.from(end))
                .addValue("now", Timestamp.from(now))) == 1;
    }

    void releaseBooking(long id, Instant now) {
        jdbc.update(RELEASE_BOOKING, new MapSqlParameterSource("id", id).addValue("now", Timestamp.from(now)));
    }

    void markBooked(long id, String eventId, Instant now) {
        jdbc.update(BOOKED, new MapSqlParameterSource("id", id).addValue("event", eventId)
                .addValue("now", Timestamp.from(now)));
    }

    void setPracticeContact(long id, String contactId, Instant now) {
        jdbc.update(PRACTICE_CONTACT, new MapSqlParameterSource("id", id).addValue("contact", contactId)
                .addValue("now", Timestamp.from(now)));
    }

    void setPracticeMatter(long id, String matterId, Instant now) {
        jdbc.update(PRACTICE_MATTER, new MapSqlParameterSource("id", id).addValue("matter", matterId)
                .addValue("now", Timestamp.from(now)));
    }

    private static LeadRecord row(ResultSet rs, int n) throws SQLException {
        return new LeadRecord(rs.getLong("id"), rs.getString("phone"), rs.getString("email"), rs.getString("name"),
                rs.getString("matter_type"), rs.getString("practice_area"), rs.getString("source"), rs.getString("summary"),
                rs.getString("adverse_party"), rs.getString("state"), rs.getBoolean("flagged_for_morning"),
                rs.getString("conflict_status"), rs.getString("conflict_detail"), rs.getString("attorney_key"),
                rs.getString("attorney_name"), instant(rs, "booked_start"), instant(rs, "booked_end"),
                rs.getString("calendar_event_id"), rs.getString("practice_contact_id"), rs.getString("practice_matter_id"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "last_contact_at"),
                rs.getBoolean("caller_withheld"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
