package com.casewire.notify;

import com.casewire.db.InsertOnce;
import com.casewire.canonical.Channel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Addresses (E.164 numbers, email addresses) that must not be contacted on a channel. */
@Repository
public class OptOutList {

    private static final String EXISTS = "SELECT COUNT(*) FROM opt_out WHERE channel = :channel AND address = :address";
    private static final String INSERT = """
            INSERT INTO opt_out (channel, address, opted_out_at, source) VALUES (:channel, :address, :at, :source)""";
    private static final String DELETE = "DELETE FROM opt_out WHERE channel = :channel AND address = :address";

    private final NamedParameterJdbcTemplate jdbc;
    private final InsertOnce insertOnce;

    OptOutList(NamedParameterJdbcTemplate jdbc, InsertOnce insertOnce) {
        this.jdbc = jdbc;
        this.insertOnce = insertOnce;
    }

    public boolean isOptedOut(Channel channel, String address) {
        if (address == null) {
            return false;
        }
        Long n = jdbc.queryForObject(EXISTS, Map.of("channel", channel.id(), "address", normalize(address)), Long.class);
        return n != null && n > 0;
    }

    public void optOut(Channel channel, String address, String source, Instant at) {
        // opted out before: the first record stands
        insertOnce.insert(INSERT, Map.of("channel", channel.id(), "address", normalize(address), "at", Timestamp.from(at),
                "source", source));
    }

    public void optIn(Channel channel, String address) {
        jdbc.update(DELETE, Map.of("channel", channel.id(), "address", normalize(address)));
    }

    private static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
