package com.casewire.gcal;

import com.casewire.vendor.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The gcal_channel table: the push channels the hub opened, with the SHA-256 of the token each notification must
 * carry (the token itself is only ever sent to Google, never stored).
 */
@Repository
class GcalChannelStore {

    enum State { ACTIVE, REPLACED, STOPPED }

    record Channel(String channelId, String calendarId, String tokenHash, String resourceId, Instant expiresAt, State state) {

        /** Whether {@code token} is this channel's token, compared in constant time. */
        boolean accepts(String token) {
            return MessageDigest.isEqual(tokenHash.getBytes(StandardCharsets.US_ASCII),
                    hash(token).getBytes(StandardCharsets.US_ASCII));
        }
    }

    static final String COLUMNS = "channel_id, calendar_id, token_hash, resource_id, expires_at, state";
    static final String INSERT = """
            INSERT INTO gcal_channel (channel_id, calendar_id, token_hash, resource_id, expires_at, state, created_at, updated_at)
            VALUES (:channelId, :calendarId, :tokenHash, :resourceId, :expiresAt, 'ACTIVE', :now, :now)""";
    static final String FIND = "SELECT " + COLUMNS + " FROM gcal_channel WHERE channel_id = :channelId";
    static final String NEWEST_ACTIVE = "SELECT " + COLUMNS
            + " FROM gcal_channel WHERE calendar_id = :calendarId AND state = 'ACTIVE' ORDER BY expires_at DESC";
    static final String IN_STATE = "SELECT " + COLUMNS + " FROM gcal_channel WHERE state = :state ORDER BY expires_at";
    static final String SET_STATE = """
            UPDATE gcal_channel SET state = :state, updated_at = :now WHERE channel_id = :channelId AND state <> 'STOPPED'""";

    private static final RowMapper<Channel> ROW = (rs, n) -> new Channel(rs.getString("channel_id"),
            rs.getString("calendar_id"), rs.getString("token_hash"), rs.getString("resource_id"),
            rs.getTimestamp("expires_at").toInstant(), State.valueOf(rs.getString("state")));

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    GcalChannelStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void insert(String channelId, String calendarId, String token, String resourceId, Instant expiresAt) {
        jdbc.update(INSERT, new MapSqlParameterSource().addValue("channelId", channelId).addValue("calendarId", calendarId)
                .addValue("tokenHash", hash(token)).addValue("resourceId", resourceId)
                .addValue("expiresAt", Timestamp.from(expiresAt)).addValue("now", Timestamp.from(clock.instant())));
    }

    Optional<Channel> find(String channelId) {
        return jdbc.query(FIND, Map.of("channelId", channelId), ROW).stream().findFirst();
    }

    /** The calendar's current channel: the ACTIVE one that lives longest. */
    Optional<Channel> active(String calendarId) {
        return jdbc.query(NEWEST_ACTIVE, Map.of("calendarId", calendarId), ROW).stream().findFirst();
    }

    List<Channel> inState(State state) {
        return jdbc.query(IN_STATE, Map.of("state", state.name()), ROW);
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    void setState(String channelId, State state) {
        jdbc.update(SET_STATE, Map.of("channelId", channelId, "state", state.name(), "now", Timestamp.from(clock.instant())));
    }
}
