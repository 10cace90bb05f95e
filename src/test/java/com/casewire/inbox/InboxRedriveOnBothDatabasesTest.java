package com.casewire.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestDatabases;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A FAILED inbox row is put back only when its last error contains the given text, taken literally (event ids hold
 * '_', a LIKE wildcard), on H2 and on PostgreSQL.
 */
class InboxRedriveOnBothDatabasesTest {

    static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");

    @AfterAll
    static void dropSchemas() throws Exception {
        TestDatabases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aFailedRowIsPutBackOnlyForTheNamedCause(String kind) {
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(TestDatabases.migrated(kind));
        InboxStore inbox = new InboxStore(jdbc);
        long unknown = inbox.insert("lawpay", "evt_a_1", "transaction.completed", "{}", NOW).orElseThrow();
        long other = inbox.insert("lawpay", "evtXaX1", "transaction.completed", "{}", NOW).orElseThrow();
        inbox.markFailedAttempt(unknown, null, "java.lang.IllegalStateException: LawPay does not know event evt_a_1", NOW);
        inbox.markFailedAttempt(other, null, "java.lang.IllegalStateException: LawPay does not know event evtXaX1", NOW);

        // '_' must not match 'X': the pattern names evt_a_1 only
        assertThat(inbox.redriveFailed("lawpay", "evtXaX1", "LawPay does not know event evt_a_1", NOW)).isEmpty();
        assertThat(inbox.redriveFailed("lawpay", "evt_a_1", "LawPay does not know event evt_a_1", NOW.plusSeconds(1)))
                .contains(unknown);
        assertThat(inbox.redriveFailed("lawpay", "evt_a_1", "LawPay does not know event evt_a_1", NOW)).as("only once")
                .isEmpty();

        assertThat(inbox.stateOf(unknown)).contains("RECEIVED");
        assertThat(inbox.stateOf(other)).contains("FAILED");
        assertThat(inbox.claim(unknown, NOW.plusSeconds(2))).isPresent();
        assertThat(jdbc.queryForObject("SELECT attempts FROM inbox_event WHERE id = :id", Map.of("id", unknown),
                Integer.class)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void failedRowsAreListedWithTheirErrorAndAReplayStartsTheirAttemptsAfresh(String kind) {
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(TestDatabases.migrated(kind));
        InboxStore inbox = new InboxStore(jdbc);
        long failed = inbox.insert("clio", "k-1", "matter_opened", "{}", NOW).orElseThrow();
        long waiting = inbox.insert("clio", "k-2", "matter_opened", "{}", NOW).orElseThrow();
        inbox.markFailedAttempt(failed, null, "template matter-status/matter-opened.sms.txt needs {{client.frstName}}", NOW);

        assertThat(inbox.inState("FAILED", 10)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(failed);
            assertThat(e.source()).isEqualTo("clio");
            assertThat(e.eventType()).isEqualTo("matter_opened");
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastError()).contains("{{client.frstName}}");
        });
        assertThat(inbox.inState("RECEIVED", 10)).extracting(InboxStore.InboxEntry::id).containsExactly(waiting);
        assertThat(inbox.inState("RECEIVED", 0)).isEmpty();

        assertThat(inbox.replay(waiting, NOW)).as("only a FAILED row is replayed").isFalse();
        assertThat(inbox.replay(failed, NOW.plusSeconds(5))).isTrue();
        assertThat(inbox.replay(failed, NOW.plusSeconds(5))).as("once").isFalse();
        assertThat(inbox.stateOf(failed)).contains("RECEIVED");
        assertThat(inbox.attempts(failed)).isZero();
        assertThat(inbox.claim(failed, NOW.plusSeconds(4))).as("due from the replay on").isEmpty();
        assertThat(inbox.claim(failed, NOW.plusSeconds(5))).isPresent();
    }
}
