package com.casewire.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.casewire.support.PostgresSchema;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The crash soak, short: the packaged hub under a steady load of thin Clio deliveries (re-posted until acknowledged)
 * is killed with SIGKILL three times, mid-edge, mid-processing and mid-send (Twilio has created the message, the hub
 * has not heard), and restarted at once. Every acknowledged delivery must reach its client exactly once, with one
 * note written back, and nothing may wait for a person. {@code scripts/soak.sh} runs the long version (20 kills).
 */
class CrashSoakIT {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void threeKillsUnderLoadLoseNothingAndSendNothingTwice(String database) throws Exception {
        assumeTrue(database.equals("h2") || PostgresSchema.reachable(), "PostgreSQL is not reachable");
        CrashSoak.Report report = new CrashSoak("kill", database, 3, 10, Duration.ZERO, System.out::println).run();
        report.print(System.out::println);

        assertThat(report.acknowledged()).isGreaterThan(50);
        assertThat(report.smsClients() + report.emailClients()).isEqualTo(report.acknowledged());
        assertThat(report.neverTexted()).as("acknowledged but never texted: %s", report.examples()).isZero();
        assertThat(report.textedTwice()).as("texted twice: %s", report.examples()).isZero();
        assertThat(report.neverEmailed()).as("never emailed: %s", report.examples()).isZero();
        assertThat(report.emailedTwice()).as("emailed twice: %s", report.examples()).isZero();
        assertThat(report.notesMissing()).as("note missing: %s", report.examples()).isZero();
        assertThat(report.notesTwice()).as("note written twice: %s", report.examples()).isZero();
        assertThat(report.deadLetters()).isZero();
        assertThat(report.inboxFailed()).isZero();
    }
}
