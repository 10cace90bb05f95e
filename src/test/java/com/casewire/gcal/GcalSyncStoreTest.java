package com.casewire.gcal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** gcal_sync_state on H2 migrated by Flyway (V1..V4): store, replace and clear a calendar's sync token. */
class GcalSyncStoreTest {

    private final NamedParameterJdbcTemplate jdbc = GcalFixtures.database();
    private final GcalSyncStore state = new GcalSyncStore(jdbc, Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void storesReplacesAndClearsTheTokenPerCalendar() {
        assertThat(state.syncToken("a@example.com")).isEmpty();

        state.store("a@example.com", "t1");
        state.store("b@example.com", "b1");
        state.store("a@example.com", "t2");
        assertThat(state.syncToken("a@example.com")).contains("t2");
        assertThat(state.syncToken("b@example.com")).contains("b1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM gcal_sync_state", Map.of(), Long.class)).isEqualTo(2);

        state.clear("a@example.com");
        assertThat(state.syncToken("a@example.com")).isEmpty();
        assertThat(state.syncToken("b@example.com")).contains("b1");
        assertThat(jdbc.queryForObject("SELECT updated_at FROM gcal_sync_state WHERE calendar_id = :id",
                Map.of("id", "a@example.com"), java.sql.Timestamp.class).toInstant())
                .isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
    }
}
