package com.casewire.statusupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.canonical.StaffMember;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MilestoneRulesTest {

    private static final String RULES = """
            milestones:
              - id: matter-opened
                model: matter
                events: [matter_opened]
              - id: matter-closed
                model: matter
                events: [matter_closed, closed]
                requiresApproval: true
              - id: hearing-scheduled
                source: clio
                model: calendar_entry
                events: [created]
            """;

    private static MilestoneRules parse(String yaml) {
        return MilestoneRules.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test-rules.yaml");
    }

    private static MatterEvent event(String source, String model, String event) {
        Contact client = new Contact("c-1", "Jane Client", "Jane", "jane@example.com", "+12015550100", null, null);
        Matter matter = new Matter("m-1", "00012-Doe", "Doe v. Roe", "Open", "Personal Injury",
                new StaffMember("u-1", "Alex Attorney", "alex@firm.example"), client);
        return new MatterEvent(source, model, event, "r-1", "sha256:abc", matter, Instant.parse("2026-06-10T12:00:00Z"));
    }

    @Test
    void matchesByModelAndEvent() {
        MilestoneRules rules = parse(RULES);

        assertThat(rules.match(event("clio", "matter", "matter_opened")))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("matter-opened");
        assertThat(rules.match(event("mycase", "matter", "closed")))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("matter-closed");
    }

    @Test
    void sameEventOnAnotherModelDoesNotMatch() {
        MilestoneRules rules = parse(RULES);

        assertThat(rules.match(event("clio", "task", "matter_opened"))).isEmpty();
    }

    @Test
    void sourceIsOptionalButEnforcedWhenGiven() {
        MilestoneRules rules = parse(RULES);

        assertThat(rules.match(event("clio", "calendar_entry", "created")))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("hearing-scheduled");
        assertThat(rules.match(event("mycase", "calendar_entry", "created"))).isEmpty();
        // no source on the rule: any source matches
        assertThat(rules.match(event("mycase", "matter", "matter_opened"))).isPresent();
    }

    @Test
    void requiresApprovalFlag() {
        MilestoneRules rules = parse(RULES);

        assertThat(rules.match(event("clio", "matter", "matter_closed")).orElseThrow().requiresApproval()).isTrue();
        assertThat(rules.match(event("clio", "matter", "matter_opened")).orElseThrow().requiresApproval()).isFalse();
    }

    @Test
    void ruleFieldsAreParsed() {
        MilestoneRules.Rule rule = parse(RULES).match(event("clio", "calendar_entry", "created")).orElseThrow();

        assertThat(rule.triggers()).singleElement().satisfies(t -> {
            assertThat(t.source()).isEqualTo("clio");
            assertThat(t.model()).isEqualTo("calendar_entry");
            assertThat(t.events()).containsExactly("created");
        });
        assertThat(rule.template()).isEqualTo("hearing-scheduled");
        assertThat(rule.channels()).isEmpty();
        assertThat(rule.oncePerMatter()).isFalse();
    }

    @Test
    void nonMilestoneEventReturnsEmpty() {
        MilestoneRules rules = parse(RULES);

        assertThat(rules.match(event("clio", "matter", "updated"))).isEmpty();
        assertThat(rules.match(event("clio", "document", "created"))).isEmpty();
    }

    @Test
    void firstMatchingRuleWins() {
        MilestoneRules rules = parse("""
                milestones:
                  - id: first
                    model: matter
                    events: [updated]
                  - id: second
                    model: matter
                    events: [updated]
                """);

        assertThat(rules.match(event("clio", "matter", "updated")).orElseThrow().milestone()).isEqualTo("first");
    }

    @Test
    void missingMilestonesListThrows() {
        assertThatThrownBy(() -> parse("rules:\n  - id: x\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test-rules.yaml")
                .hasMessageContaining("milestones");
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("milestones");
        assertThatThrownBy(() -> parse("milestones: matter-opened\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("milestones");
    }

    @Test
    void missingEventsThrows() {
        assertThatThrownBy(() -> parse("""
                milestones:
                  - id: matter-opened
                    model: matter
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test-rules.yaml")
                .hasMessageContaining("matter-opened")
                .hasMessageContaining("'events'");
        assertThatThrownBy(() -> parse("""
                milestones:
                  - id: matter-opened
                    model: matter
                    events: []
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'events'");
    }

    @Test
    void missingIdOrModelThrows() {
        assertThatThrownBy(() -> parse("""
                milestones:
                  - model: matter
                    events: [matter_opened]
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
        assertThatThrownBy(() -> parse("""
                milestones:
                  - id: matter-opened
                    events: [matter_opened]
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'model'");
    }

    // Regression: a rules file whose top level is a list (the 'milestones:' key forgotten) once failed with a
    // ClassCastException instead of an error naming the file.
    @Test
    void topLevelListInsteadOfMappingThrowsIllegalArgument() {
        assertThatThrownBy(() -> parse("""
                - id: matter-opened
                  model: matter
                  events: [matter_opened]
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test-rules.yaml")
                .hasMessageContaining("milestones");
    }

    // Regression: an entry of the 'milestones' list that is a plain string.
    @Test
    void milestoneEntryThatIsNotAMappingThrowsIllegalArgument() {
        assertThatThrownBy(() -> parse("""
                milestones:
                  - matter-opened
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test-rules.yaml");
    }

    private static MatterEvent withDetails(String source, String model, String event, java.util.Map<String, String> details) {
        MatterEvent base = event(source, model, event);
        return new MatterEvent(source, model, event, "r-1", "k", base.matter(), base.occurredAt(), details);
    }

    @Test
    void theShippedMilestoneMapNamesTheNineMilestonesForClioAndMyCase() {
        MilestoneRules rules = MilestoneRules.load(java.nio.file.Path.of("routes", "matter-status.rules.yaml"));

        assertThat(rules.rules()).extracting(MilestoneRules.Rule::milestone).contains("intake-complete", "retainer-received",
                "initial-filing-submitted", "opposing-response-received", "hearing-date-confirmed", "hearing-outcome",
                "document-for-signature", "settlement-offer-received", "matter-closed");
        for (String id : java.util.List.of("intake-complete", "retainer-received", "initial-filing-submitted",
                "opposing-response-received", "hearing-date-confirmed", "hearing-outcome", "document-for-signature",
                "settlement-offer-received", "matter-closed")) {
            MilestoneRules.Rule rule = rules.byId(id).orElseThrow();
            assertThat(rule.triggers()).as(id + " on Clio").anyMatch(t -> t.source() == null || "clio".equals(t.source()));
            assertThat(rule.triggers()).as(id + " on MyCase").anyMatch(t -> t.source() == null || "mycase".equals(t.source()));
        }
        assertThat(rules.byId("settlement-offer-received").orElseThrow().requiresApproval()).isTrue();
        assertThat(rules.byId("hearing-outcome").orElseThrow().requiresApproval()).isTrue();
        assertThat(rules.byId("settlement-offer-received").orElseThrow().channels()).doesNotContain("sms");
    }

    @Test
    void shippedMapOnTypicalEvents() {
        MilestoneRules rules = MilestoneRules.load(java.nio.file.Path.of("routes", "matter-status.rules.yaml"));

        assertThat(rules.match(withDetails("clio", "task", "updated", java.util.Map.of("name", "Client intake", "status", "complete"))))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("intake-complete");
        assertThat(rules.match(withDetails("clio", "task", "updated", java.util.Map.of("name", "Client intake", "status", "pending"))))
                .isEmpty();
        assertThat(rules.match(withDetails("clio", "document", "created", java.util.Map.of("name", "x.pdf", "category", "Complaint"))))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("initial-filing-submitted");
        assertThat(rules.match(withDetails("clio", "calendar_entry", "created",
                java.util.Map.of("summary", "Hearing - custody", "start_at", "2026-12-08T14:30:00Z"))))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("hearing-date-confirmed");
        assertThat(rules.match(withDetails("clio", "calendar_entry", "created", java.util.Map.of("summary", "Team lunch",
                "start_at", "2026-12-08T14:30:00Z")))).isEmpty();
        assertThat(rules.match(withDetails("clio", "activity", "created", java.util.Map.of("summary", "Filed the complaint today"))))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("initial-filing-submitted");
        assertThat(rules.match(withDetails("mycase", "matter", "stage_changed",
                java.util.Map.of("stage", "Trial set", "previous_stage", "Discovery"))))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("hearing-date-confirmed");
        assertThat(rules.match(withDetails("mycase", "document", "created", java.util.Map.of("name", "Response from opposing counsel.pdf"))))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("opposing-response-received");
        assertThat(rules.match(withDetails("mycase", "matter", "matter_closed", java.util.Map.of())))
                .get().extracting(MilestoneRules.Rule::milestone).isEqualTo("matter-closed");
        assertThat(rules.match(withDetails("mycase", "task", "completed", java.util.Map.of("name", "Order binders")))).isEmpty();
    }

    @Test
    void conditionsOnDetails() {
        MilestoneRules rules = parse("""
                milestones:
                  - id: m
                    triggers:
                      - model: task
                        events: [updated]
                        when:
                          status: Complete
                          name: {contains: retainer}
                          category: {in: [a, b]}
                          summary: {present: false}
                  - id: changed
                    triggers:
                      - model: matter
                        events: [updated]
                        when:
                          status: {changed: true}
                """);

        assertThat(rules.match(withDetails("clio", "task", "updated",
                java.util.Map.of("status", "complete", "name", "Retainer paid", "category", "B")))).isPresent();
        assertThat(rules.match(withDetails("clio", "task", "updated",
                java.util.Map.of("status", "complete", "name", "Retainer paid", "category", "c")))).isEmpty();
        assertThat(rules.match(withDetails("clio", "task", "updated",
                java.util.Map.of("status", "complete", "name", "Retainer paid", "category", "a", "summary", "x")))).isEmpty();
        assertThat(rules.match(withDetails("clio", "matter", "updated", java.util.Map.of("status", "Closed", "previous_status", "Open"))))
                .isPresent();
        assertThat(rules.match(withDetails("clio", "matter", "updated", java.util.Map.of("status", "Open", "previous_status", "open"))))
                .isEmpty();
    }

    @Test
    void badConditionsAreNamed() {
        assertThatThrownBy(() -> parse("""
                milestones:
                  - id: m
                    model: task
                    events: [updated]
                    when:
                      name: {startsWith: x}
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("milestone m").hasMessageContaining("startsWith");
        assertThatThrownBy(() -> parse("""
                milestones:
                  - id: m
                    model: task
                    events: [updated]
                    when:
                      name: {regex: "(unclosed"}
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid regex");
        assertThatThrownBy(() -> parse("""
                milestones:
                  - id: m
                    model: task
                    events: [updated]
                    channels: [fax]
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fax");
    }

    @Test
    void practiceAreasMapTheFirmsNamesToTemplateAreas() {
        MilestoneRules rules = MilestoneRules.load(java.nio.file.Path.of("routes", "matter-status.rules.yaml"));

        assertThat(rules.practiceArea("Personal Injury")).isEqualTo("personal-injury");
        assertThat(rules.practiceArea("Family Law")).isEqualTo("family");
        assertThat(rules.practiceArea("Estate Planning")).isEqualTo("estate");
        assertThat(rules.practiceArea("Real Estate")).isEqualTo("real-estate");
        assertThat(rules.practiceArea("DUI Defense")).isEqualTo("criminal-defense");
        assertThat(rules.practiceArea("Immigration")).isEqualTo("immigration");
        assertThat(rules.practiceArea("Tax Law")).isEqualTo("tax-law");
        assertThat(rules.practiceArea(null)).isNull();
    }
}
