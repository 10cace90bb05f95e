package com.casewire.timeentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.CalendarEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeEntryRulesTest {

    static CalendarEvent event(String calendar, String title, String matterId) {
        return new CalendarEvent("e1", calendar, title, Instant.parse("2026-12-08T14:00:00Z"),
                Instant.parse("2026-12-08T15:00:00Z"), "confirmed", matterId, List.of(), false);
    }

    static TimeEntryRules parse(String yaml) {
        return TimeEntryRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "time-entry.rules.yaml");
    }

    @Test
    void theShippedDefaultsTreatEveryEventOnAMatterAsBillableUnlessItsTitleMarksItInternal() {
        TimeEntryRules rules = TimeEntryRules.load(Path.of("routes", "time-entry.rules.yaml"));

        assertThat(rules.billable(event("a@firm.example", "Deposition", "1001"))).isTrue();
        assertThat(rules.billable(event("clio:77", "Client call", "1001"))).isTrue();
        assertThat(rules.billable(event("a@firm.example", "Deposition", null))).isFalse();
        assertThat(rules.billable(event("a@firm.example", "Internal: case review", "1001"))).isFalse();
        assertThat(rules.billable(event("a@firm.example", "Call (non-billable)", "1001"))).isFalse();
        assertThat(rules.billable(event("a@firm.example", "Nonbillable CLE", "1001"))).isFalse();
        assertThat(rules.incrementSeconds()).isEqualTo(360);
        assertThat(rules.followUpAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(rules.sweepAt()).isEqualTo(LocalTime.of(17, 0));
        assertThat(rules.recoveryAt()).isEqualTo(LocalTime.of(8, 0));
        assertThat(rules.quietHoursExempt()).isTrue();
    }

    @Test
    void durationsRoundUpToTheIncrement() {
        TimeEntryRules rules = TimeEntryRules.load(Path.of("routes", "time-entry.rules.yaml"));

        assertThat(rules.round(4320)).isEqualTo(4320);
        assertThat(rules.round(2700)).isEqualTo(2880);
        assertThat(rules.round(1)).isEqualTo(360);
        assertThat(parse("increment: 0.25").round(2700)).isEqualTo(2700);
    }

    @Test
    void calendarsAndIncludePatternsNarrowWhatIsBillable() {
        TimeEntryRules rules = parse("""
                billable:
                  calendars: [clio]
                  titleIncludes: ["(?i)client|court"]
                """);

        assertThat(rules.billable(event("clio:77", "Court hearing", "1"))).isTrue();
        assertThat(rules.billable(event("clio:77", "Research", "1"))).isFalse();
        assertThat(rules.billable(event("a@firm.example", "Court hearing", "1"))).isFalse();
    }

    @Test
    void badValuesNameTheFileAndKey() {
        assertThatThrownBy(() -> parse("increment: lots")).hasMessageContaining("time-entry.rules.yaml:1: increment must be a number");
        assertThatThrownBy(() -> parse("followUpAfter: soon")).hasMessageContaining("followUpAfter must be a duration");
        assertThatThrownBy(() -> parse("sweepAt: 5pm")).hasMessageContaining("sweepAt must be a time");
        assertThatThrownBy(() -> parse("billable: {titleExcludes: ['(']}")).hasMessageContaining("billable.titleExcludes has a bad pattern");
        assertThatThrownBy(() -> parse("promptsWaitForQuietHours: maybe")).hasMessageContaining("promptsWaitForQuietHours must be true or false");
    }
}
