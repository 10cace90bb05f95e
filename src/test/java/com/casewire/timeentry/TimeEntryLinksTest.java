package com.casewire.timeentry;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeEntryLinksTest {

    @Test
    void aLinkVerifiesUntilItExpiresAndAnyChangeIsTampering() {
        TestClock clock = new TestClock();
        clock.setTo(Instant.parse("2026-12-08T14:00:00Z"));
        TimeEntryLinks links = new TimeEntryLinks("secret-0123456789abcdef", Duration.ofHours(72), "https://hub.example/", clock);

        String url = links.url("0123456789abcdef");
        assertThat(url).startsWith("https://hub.example/time/0123456789abcdef.");
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(links.check(token)).isEqualTo(new TimeEntryLinks.Check(TimeEntryLinks.Verdict.VALID, "0123456789abcdef"));
        assertThat(links.check(token.replace("0123456789abcdef", "0123456789abcdee")).verdict())
                .isEqualTo(TimeEntryLinks.Verdict.TAMPERED);
        String[] parts = token.split("\\.");
        String later = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        assertThat(links.check(later).verdict()).isEqualTo(TimeEntryLinks.Verdict.TAMPERED);
        assertThat(links.check("nonsense").verdict()).isEqualTo(TimeEntryLinks.Verdict.TAMPERED);
        TimeEntryLinks otherKey = new TimeEntryLinks("another-secret-0123456789", Duration.ofHours(72), "https://hub.example", clock);
        assertThat(otherKey.check(token).verdict()).isEqualTo(TimeEntryLinks.Verdict.TAMPERED);

        clock.setTo(Instant.parse("2026-12-11T14:00:00Z"));
        assertThat(links.check(token).verdict()).isEqualTo(TimeEntryLinks.Verdict.EXPIRED);
    }
}
