package com.casewire.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The trail of rejected inbound requests, for the firm's security review. */
@Repository
public class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);
    private static final String INSERT = """
            INSERT INTO security_event (occurred_at, source, kind, remote_address, detail)
            VALUES (:at, :source, :kind, :remote, :detail)""";
    private static final String COUNT = "SELECT COUNT(*) FROM security_event WHERE source = :source AND kind = :kind";

    /** security_event.detail */
    private static final int MAX_DETAIL = 2000;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    SecurityEvents(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String source, String kind, String remoteAddress, String rawDetail) {
        // the detail quotes the request: its control characters (CR/LF) must not forge log lines, and a long URL must
        // not overflow the column (the refusal would become a 500)
        String detail = rawDetail == null ? null : abbreviate(rawDetail.replaceAll("\\p{Cntrl}", "?"), MAX_DETAIL);
        log.warn("security event: source={} kind={} remote={} detail={}", source, kind, remoteAddress, detail);
        Map<String, Object> params = new HashMap<>();
        params.put("at", Timestamp.from(clock.instant()));
        params.put("source", source);
        params.put("kind", kind);
        params.put("remote", remoteAddress);
        params.put("detail", detail);
        jdbc.update(INSERT, params);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    public long count(String source, String kind) {
        Long n = jdbc.queryForObject(COUNT, Map.of("source", source, "kind", kind), Long.class);
        return n == null ? 0 : n;
    }
}
