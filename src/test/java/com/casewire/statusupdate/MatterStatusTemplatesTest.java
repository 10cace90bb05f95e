package com.casewire.statusupdate;

import static org.assertj.core.api.Assertions.assertThat;

import com.casewire.canonical.Channel;
import com.casewire.notify.MessageTemplates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every milestone of the shipped map renders for every practice area on every channel it allows, with only the
 * values every matter has: the client's first name, the matter's name, the firm. Emails say it in 2 to 4 plain
 * sentences under a subject; texts stay short and name nothing privileged.
 */
class MatterStatusTemplatesTest {

    static final List<String> AREAS = Arrays.asList("personal-injury", "family", "immigration", "real-estate", "estate",
            "criminal-defense", null);
    static final List<String> PRIVILEGED = List.of("settle", "offer", "ruling", "judgment", "decision", "plea", "guilty",
            "won", "lost", "amount", "$");
    static final List<String> JARGON = List.of("pleading", "discovery", "deposition", "stipulat", "motion", "hereby",
            "aforementioned", "pursuant", "plaintiff", "defendant");

    final MilestoneRules rules = MilestoneRules.load(Path.of("routes", "matter-status.rules.yaml"));
    final MessageTemplates templates = new MessageTemplates(Path.of("routes", "templates"));

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
                        assertThat(lower).as(where + " points elsewhere").containsAnyOf("portal", "email", "call you");
                    } else {
                        assertThat(r.subject()).as(where + " subject").isNotBlank();
                        assertThat(r.body()).as(where).contains("Doe v. Acme");
                        assertThat(sentences(r.body())).as(where + " sentences").isBetween(2, 4);
                    }
                }
            }
        }
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

    /** Sentences of the message itself: without the greeting line, the firm's sign-off and a list of updates. */
    static int sentences(String body) {
        String text = body.lines().filter(l -> !l.startsWith("Dear ") && !l.equals("Test Law LLP") && !l.startsWith("- "))
                .reduce("", (a, b) -> a + " " + b);
        return (int) text.chars().filter(c -> c == '.' || c == '?' || c == '!').count();
    }
}
