package com.casewire.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApprovalLinksTest {

    static final Instant NOW = Instant.parse("2026-11-24T17:00:00Z");
    final ApprovalLinks links = new ApprovalLinks("https://hub.example/", "0123456789abcdef-secret");

    static String[] parts(String link) {
        Matcher m = Pattern.compile("https://hub\\.example/approvals/(\\d+)/(\\w+)\\?exp=(\\d+)&sig=([0-9a-f]{64})").matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        return new String[] {m.group(1), m.group(2), m.group(3), m.group(4)};
    }

    @Test
    void aLinkChecksForItsApprovalAndActionUntilItExpires() {
        String[] p = parts(links.link(42, "approve", NOW.plus(Duration.ofHours(72))));

        assertThat(links.check(42, "approve", Long.parseLong(p[2]), p[3], NOW)).isEqualTo(ApprovalLinks.Check.OK);
        assertThat(links.check(42, "approve", Long.parseLong(p[2]), p[3].toUpperCase(), NOW)).isEqualTo(ApprovalLinks.Check.OK);
        assertThat(links.check(42, "approve", Long.parseLong(p[2]), p[3], NOW.plus(Duration.ofHours(73))))
                .isEqualTo(ApprovalLinks.Check.EXPIRED);
    }

    @Test
    void changingTheIdActionOrExpiryBreaksTheSignature() {
        String[] p = parts(links.link(42, "reject", NOW.plus(Duration.ofHours(1))));
        long exp = Long.parseLong(p[2]);

        assertThat(links.check(43, "reject", exp, p[3], NOW)).isEqualTo(ApprovalLinks.Check.BAD_SIGNATURE);
        assertThat(links.check(42, "approve", exp, p[3], NOW)).isEqualTo(ApprovalLinks.Check.BAD_SIGNATURE);
        assertThat(links.check(42, "reject", exp + 86_400, p[3], NOW)).isEqualTo(ApprovalLinks.Check.BAD_SIGNATURE);
        assertThat(links.check(42, "reject", exp, null, NOW)).isEqualTo(ApprovalLinks.Check.BAD_SIGNATURE);
        assertThat(links.check(42, "delete", exp, p[3], NOW)).isEqualTo(ApprovalLinks.Check.UNKNOWN_ACTION);
        assertThat(new ApprovalLinks("https://hub.example", "another-secret-of-16+").check(42, "reject", exp, p[3], NOW))
                .isEqualTo(ApprovalLinks.Check.BAD_SIGNATURE);
    }
}
