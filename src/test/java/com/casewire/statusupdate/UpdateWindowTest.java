package com.casewire.statusupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Notification;
import com.casewire.canonical.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a matter's pending milestones may go out, and how several become one notification. */
class UpdateWindowTest {

    static final Instant NOON = Instant.parse("2026-11-24T17:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    @Test
    void firstUpdateOfAQuietMatterGoesAtOnce() {
        assertThat(StatusUpdateWindow.dueAt(NOON, null, HOUR, Duration.ZERO)).isEqualTo(NOON);
        assertThat(StatusUpdateWindow.dueAt(NOON, NOON.minus(Duration.ofHours(2)), HOUR, Duration.ZERO)).isEqualTo(NOON);
    }

    @Test
    void insideTheWindowItWaitsUntilTheWindowCloses() {
        Instant last = NOON.minus(Duration.ofMinutes(20));
        assertThat(StatusUpdateWindow.dueAt(NOON, last, HOUR, Duration.ZERO)).isEqualTo(last.plus(HOUR));
    }

    @Test
    void aGatherDelayHoldsEvenTheFirstUpdate() {
        assertThat(StatusUpdateWindow.dueAt(NOON, null, HOUR, Duration.ofMinutes(2))).isEqualTo(NOON.plus(Duration.ofMinutes(2)));
        Instant last = NOON.minus(Duration.ofMinutes(59));
        assertThat(StatusUpdateWindow.dueAt(NOON, last, HOUR, Duration.ofMinutes(2))).isEqualTo(NOON.plus(Duration.ofMinutes(2)));
    }

    static Notification part(String milestone, String headline, List<String> channels) {
        Contact jane = new Contact("501", "Jane Doe", "Jane", "jane@example.com", "+12015550100", null, null);
        return new Notification("matter-status:1001:" + milestone, "matter-status", milestone, "family", "1001",
                Recipient.client(jane), Map.of("matter.name", "Doe Divorce", CombinedUpdate.HEADLINE, headline), false, false,
                channels, null);
    }

    @Test
    void oneMilestoneIsSentAsItIs() {
        Notification only = part("intake-complete", "Your intake is complete", List.of());
        assertThat(CombinedUpdate.of("1001", List.of(7L), List.of(only))).isSameAs(only);
    }

    @Test
    void severalBecomeOneWithTheirHeadlinesAndTheChannelsAllOfThemAllow() {
        Notification combined = CombinedUpdate.of("1001", List.of(7L, 9L), List.of(
                part("retainer-received", "We received your retainer", List.of("sms", "email", "portal")),
                part("document-for-signature", "A document is ready for your signature", List.of("email", "portal"))));

        assertThat(combined.milestone()).isEqualTo("combined");
        assertThat(combined.idempotencyKey()).isEqualTo("matter-status:1001:combined:7-9");
        assertThat(combined.model()).containsEntry("updates", "- We received your retainer\n- A document is ready for your signature")
                .containsEntry("updates.count", "2").containsEntry("matter.name", "Doe Divorce")
                .doesNotContainKey(CombinedUpdate.HEADLINE);
        assertThat(combined.channels()).containsExactly("email", "portal");
        assertThat(combined.requiresApproval()).isFalse();
    }

    @Test
    void channelsSharedByNoneFallBackToTheLatestOnes() {
        assertThat(CombinedUpdate.channels(List.of(part("a", "A", List.of("sms")), part("b", "B", List.of("email")))))
                .containsExactly("email");
        assertThat(CombinedUpdate.channels(List.of(part("a", "A", List.of()), part("b", "B", List.of())))).isEmpty();
        assertThatThrownBy(() -> CombinedUpdate.of("1001", List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
