package com.casewire.statusupdate;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.Channel;
import com.casewire.notify.MessageTemplates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every milestone of the shipped map renders for every practice area on every channel it allows, with only the
 * values every matter has: the client's first name, the matter's name, the firm. Emails say it in 2 to 4 plain
 * sentences under a subject; texts stay short, name nothing privileged, and promise no email or portal note that
 * does not go out with them (an SMS-preferring client gets the text alone).
 */
class StatusUpdateTemplatesTest {

    static final List<String> AREAS = Arrays.asList("personal-injury", "family", "immigration", "real-estate", "estate",
            "criminal-defense", null);
    static final List<String> PRIVILEGED = List.of("settle", "offer", "ruling", "judgment", "decision", "plea", "guilty",
            "won", "lost", "amount", "$");
    static final List<String> JARGON = List.of("pleading", "discovery", "deposition", "stipulat", "motion", "hereby",
            "aforementioned", "pursuant", "plaintiff", "defendant");

    final MilestoneRules rules = MilestoneRules.load(Path.of("routes", "matter-status.rules.yaml"));
    final MessageTemplates templates = new MessageTemplates(Path.of("routes", "templates"), com.casewire.routesdir.Workflows.TEMPLATES);

    static Map<String, String> model() {
        Map<String, String> m = new HashMap<>();
        m.put("client.firstName", "Jane");
        m.put("client.name", "Jane Doe");
        m.put("matter.name", "Doe v. Acme");
        m.put("firm.name", "Test Law LLP");
        m.put("updates", "- We received your retainer\n- A document is ready for your signature");
        m.put("updates.count", "2");
        return m;
    }

    @Test
    void everyMilestoneRendersForEveryAreaAndAllowedChannel() {
        List<String> milestones = new ArrayList<>(rules.rules().stream().map(MilestoneRules.Rule::template).toList());
        milestones.add(CombinedUpdate.MILESTONE);
        for (String milestone : milestones) {
            List<String> allowed = rules.byId(milestone).map(MilestoneRules.Rule::channels).orElse(List.of());
            for (String area : AREAS) {
                for (Channel channel : Channel.values()) {
                    if (!allowed.isEmpty() && !allowed.contains(channel.id())) {
                        continue;
                    }
                    MessageTemplates.Rendered r = templates.render("matter-status", milestone, area, channel, model());
                    String where = milestone + "/" + area + "/" + channel.id() + " (" + r.templateId() + ")";
                    assertThat(r.templateId()).as(where).startsWith("matter-status/" + milestone + ".");
                    assertThat(r.body()).as(where).contains("Jane");
                    String lower = r.body().toLowerCase();
                    JARGON.forEach(word -> assertThat(lower).as(where + " jargon").doesNotContain(word));
                    if (channel == Channel.SMS) {
                        assertThat(r.body().length()).as(where + " length").isLessThanOrEqualTo(320);
                        PRIVILEGED.forEach(word -> assertThat(lower).as(where + " privileged").doesNotContain(word));
                        assertThat(lower).as(where + " says where the detail is").containsAnyOf("call us", "call you",
                                "call " + "test law llp", "text you", "in touch");
                        assertThat(brokenPromises(r.body(), channel)).as(where + " promises a channel it is not sent with")
                                .isEmpty();
                    } else {
                        assertThat(r.subject()).as(where + " subject").isNotBlank();
                        assertThat(r.body()).as(where).contains("Doe v. Acme");
                        assertThat(sentences(r.body())).as(where + " sentences").isBetween(2, 4);
                    }
                }
            }
        }
    }

    /**
     * The check itself: the wording that made an SMS-preferring client wait for an email that never came is caught,
     * and so is a text naming the portal; a text that says to call is not.
     */
    @Test
    void aTextPromisingAnEmailOrPortalNoteTheMilestoneDoesNotSendIsCaught() {
        assertThat(brokenPromises("Hi Jane, there are 2 updates. Details are in your email and client portal.", Channel.SMS))
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.PORTAL);
        assertThat(brokenPromises("Hi Jane, a summary is on its way by e-mail.", Channel.SMS)).containsExactly(Channel.EMAIL);
        assertThat(brokenPromises("Hi Jane, there is an update. Please call us for the details.", Channel.SMS)).isEmpty();
        assertThat(brokenPromises("Dear Jane, there is a new message in your client portal.", Channel.PORTAL))
                .as("the portal's own nudge may name the portal").isEmpty();
    }

    @Test
    void practiceAreaVariantsExistForTheNineMilestones() {
        for (String milestone : List.of("intake-complete", "retainer-received", "initial-filing-submitted",
                "opposing-response-received", "hearing-date-confirmed", "hearing-outcome", "document-for-signature",
                "settlement-offer-received", "matter-closed")) {
            for (String area : AREAS) {
                MessageTemplates.Rendered r = templates.render("matter-status", milestone, area, Channel.EMAIL, model());
                String expected = area == null ? "matter-status/" + milestone + ".email.txt"
                        : "matter-status/" + milestone + "." + area + ".email.txt";
                assertThat(r.templateId()).isEqualTo(expected);
            }
        }
    }

    /**
     * The channels a message on {@code channel} points the client to ("in your email", "client portal") that do not
     * go out with it. The notifier sends a milestone on one channel, the client's preference (a portal note comes with
     * its email nudge): a text is never accompanied by an email or a portal note, so it must say where the detail
     * really is (a call) rather than promise one.
     */
    static Set<Channel> brokenPromises(String text, Channel channel) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<Channel> promised = EnumSet.noneOf(Channel.class);
        if (lower.matches("(?s).*\\be-?mail\\b.*")) {
            promised.add(Channel.EMAIL);
        }
        if (lower.contains("portal")) {
            promised.add(Channel.PORTAL);
        }
        promised.remove(channel);
        promised.removeAll(sentAlongside(channel));
        return promised;
    }

    /** What the notifier sends together with a message on this channel. */
    static Set<Channel> sentAlongside(Channel channel) {
        return channel == Channel.PORTAL ? EnumSet.of(Channel.EMAIL) : EnumSet.noneOf(Channel.class);
    }

    /** Sentences of the message itself: without the greeting line, the firm's sign-off and a list of updates. */
    static int sentences(String body) {
        String text = body.lines().filter(l -> !l.startsWith("Dear ") && !l.equals("Test Law LLP") && !l.startsWith("- "))
                .reduce("", (a, b) -> a + " " + b);
        return (int) text.chars().filter(c -> c == '.' || c == '?' || c == '!').count();
    }
}
