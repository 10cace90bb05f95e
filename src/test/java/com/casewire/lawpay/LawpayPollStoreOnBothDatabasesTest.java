package com.casewire.lawpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The V10 high-water mark on H2 and on PostgreSQL: empty at first, then only ever moving forward. */
class LawpayPollStoreOnBothDatabasesTest {

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theMarkStartsEmptyAndNeverMovesBack(String kind) {
        LawpayPollStore marks = new LawpayPollStore(new NamedParameterJdbcTemplate(TestDatabases.migrated(kind)),
                Clock.fixed(Instant.parse("2026-11-24T18:00:00Z"), ZoneOffset.UTC));

        assertThat(marks.mark()).isEmpty();
        marks.advance(Instant.parse("2026-11-24T17:03:13.317Z"));
        marks.advance(Instant.parse("2026-11-24T16:00:00Z"));
        assertThat(marks.mark()).contains(Instant.parse("2026-11-24T17:03:13.317Z"));
        marks.advance(Instant.parse("2026-11-24T17:20:00Z"));
        assertThat(marks.mark()).contains(Instant.parse("2026-11-24T17:20:00Z"));
    }
}
