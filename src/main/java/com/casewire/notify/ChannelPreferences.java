package com.casewire.notify;

import com.casewire.canonical.Channel;
import com.casewire.canonical.Contact;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The hub's own record of how a client wants to hear from the firm, set through the API or by a reply
 * such as EMAIL. It counts only when the practice-management system names no preference for the contact
 * (its custom field wins), and before the firm's fallback order. Keys: contact id, phone, email address.
 */
@Repository
public class ChannelPreferences {

    /** A stored preference. */
    public record Stored(String subjectKey, String channel, String source, Instant updatedAt) {
    }

    private static final String UPDATE = """
            UPDATE channel_preference SET channel = :channel, source = :source, updated_at = :now WHERE subject_key = :key""";
    private static final String INSERT = """
            INSERT INTO channel_preference (subject_key, channel, source, updated_at) VALUES (:key, :channel, :source, :now)""";
    private static final String SELECT = "SELECT subject_key, channel, source, updated_at FROM channel_preference WHERE subject_key = :key";
    private static final String SELECT_ANY = "SELECT subject_key, channel FROM channel_preference WHERE subject_key IN (:keys)";
    private static final String DELETE = "DELETE FROM channel_preference WHERE subject_key = :key";

    private final NamedParameterJdbcTemplate jdbc;

    ChannelPreferences(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String contactKey(String contactId) {
        return "contact:" + contactId;
    }

    public static String phoneKey(String e164) {
        return "phone:" + e164.strip();
    }

    public static String emailKey(String email) {
        return "email:" + email.strip().toLowerCase(Locale.ROOT);
    }

    /** Sets (or replaces) the preference stored under {@code subjectKey}. */
    public void set(String subjectKey, Channel channel, String source, Instant now) {
        Map<String, Object> p = Map.of("key", subjectKey, "channel", channel.id(), "source", source, "now", Timestamp.from(now));
        if (jdbc.update(UPDATE, p) == 0) {
            jdbc.update(INSERT, p);
        }
    }

    public boolean clear(String subjectKey) {
        return jdbc.update(DELETE, Map.of("key", subjectKey)) > 0;
    }

    public Optional<Stored> find(String subjectKey) {
        return jdbc.query(SELECT, Map.of("key", subjectKey), (rs, n) -> new Stored(rs.getString("subject_key"),
                rs.getString("channel"), rs.getString("source"), rs.getTimestamp("updated_at").toInstant())).stream().findFirst();
    }

    /** The stored preference for this contact: by contact id, then mobile number, then email address. */
    public Optional<Channel> forContact(Contact contact) {
        List<String> keys = new ArrayList<>();
        if (contact.id() != null) {
            keys.add(contactKey(contact.id()));
        }
        if (contact.mobilePhone() != null) {
            keys.add(phoneKey(contact.mobilePhone()));
        }
        if (contact.email() != null) {
            keys.add(emailKey(contact.email()));
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        // one query for every key (this runs for every notification), then the first key's preference that parses
        Map<String, String> stored = new HashMap<>();
        jdbc.query(SELECT_ANY, Map.of("keys", keys), row -> {
            stored.put(row.getString("subject_key"), row.getString("channel"));
        });
        return keys.stream().map(stored::get).filter(Objects::nonNull).map(Channel::parse).flatMap(Optional::stream)
                .findFirst();
    }

    /** The contact with its preference filled in from the hub's record, when the source system named none. */
    public Contact applyTo(Contact contact) {
        if (contact == null || contact.preferredChannel() != null) {
            return contact;
        }
        return forContact(contact).map(contact::withPreferredChannel).orElse(contact);
    }
}
