package com.casewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.support.TestClock;
import com.casewire.support.TestHubProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingLinksTest {

    final TestClock clock = new TestClock();
    final TestHubProperties hub = TestHubProperties.with(Map.of("hub.intake.booking-secret", "0123456789abcdef0123456789abcdef",
            "hub.intake.booking-link-ttl", "2d"));
    final BookingLinks links = new BookingLinks(hub.hub(), hub.intake(), clock);

    @Test
    void aLinkVerifiesUntilItExpires() {
        clock.setTo(Instant.parse("2026-03-03T15:00:00Z"));
        String url = links.url(42);
        String token = url.substring(url.lastIndexOf('/') + 1);

        assertThat(url).startsWith("https://hub.example/intake/book/42.");
        assertThat(links.check(token)).isEqualTo(new BookingLinks.Check(BookingLinks.Verdict.VALID, 42));
        clock.setTo(Instant.parse("2026-03-05T14:59:59Z"));
        assertThat(links.check(token).verdict()).isEqualTo(BookingLinks.Verdict.VALID);
        clock.setTo(Instant.parse("2026-03-05T15:00:00Z"));
        assertThat(links.check(token).verdict()).isEqualTo(BookingLinks.Verdict.EXPIRED);
    }

    @Test
    void anyChangeToTheLeadTheExpiryOrTheSignatureIsTampering() {
        String token = links.token(42, Instant.now().plus(Duration.ofDays(1)));
        String[] parts = token.split("\\.");

        assertThat(links.check("43." + parts[1] + "." + parts[2]).verdict()).isEqualTo(BookingLinks.Verdict.TAMPERED);
        assertThat(links.check(parts[0] + "." + (Long.parseLong(parts[1]) + 86400) + "." + parts[2]).verdict())
                .isEqualTo(BookingLinks.Verdict.TAMPERED);
        assertThat(links.check(parts[0] + "." + parts[1] + ".AAAA" + parts[2].substring(4)).verdict())
                .isEqualTo(BookingLinks.Verdict.TAMPERED);
        assertThat(links.check("garbage").verdict()).isEqualTo(BookingLinks.Verdict.TAMPERED);
        assertThat(links.check(null).verdict()).isEqualTo(BookingLinks.Verdict.TAMPERED);
    }

    @Test
    void aLinkSignedWithAnotherSecretIsRefused() {
        TestHubProperties another = TestHubProperties.with(Map.of("hub.intake.booking-secret",
                "another-secret-another-secret-xx"));
        BookingLinks other = new BookingLinks(another.hub(), another.intake(), clock);

        assertThat(links.check(other.token(42, Instant.now().plusSeconds(600))).verdict())
                .isEqualTo(BookingLinks.Verdict.TAMPERED);
    }
}
