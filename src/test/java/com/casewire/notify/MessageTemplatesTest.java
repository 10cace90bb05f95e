package com.casewire.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.canonical.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageTemplatesTest {

    @TempDir
    Path root;

    private static final Map<String, String> MODEL = Map.of(
            "client.firstName", "Jane",
            "matter.name", "Doe v. Roe",
            "firm.name", "Smith & Partners $1");

    /** The test's workflows, each providing the model's placeholders. */
    private static final List<WorkflowTemplates> DECLARED = Stream.of("matter-status", "billing", "w")
            .map(w -> WorkflowTemplates.of(w).provides(MODEL.keySet().toArray(String[]::new)).sometimes("matter.number").build())
            .toList();

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void writeAllFourLevels() throws IOException {
        write("matter-status/matter-opened.personal-injury.sms.txt", "area {{client.firstName}}");
        write("matter-status/matter-opened.sms.txt", "milestone {{client.firstName}}");
        write("matter-status/generic.sms.txt", "workflow {{client.firstName}}");
        write("generic.sms.txt", "global {{client.firstName}}");
    }

    @Test
    void practiceAreaSpecificTemplateWinsFirst() throws IOException {
        writeAllFourLevels();
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        MessageTemplates.Rendered r = templates.render("matter-status", "matter-opened", "Personal Injury", Channel.SMS, MODEL);

        assertThat(r.templateId()).isEqualTo("matter-status/matter-opened.personal-injury.sms.txt");
        assertThat(r.body()).isEqualTo("area Jane");
        assertThat(r.subject()).isNull();
    }

    @Test
    void milestoneTemplateWhenNoPracticeAreaSpecificOne() throws IOException {
        writeAllFourLevels();
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        assertThat(templates.render("matter-status", "matter-opened", "Family Law", Channel.SMS, MODEL).body())
                .isEqualTo("milestone Jane");
        assertThat(templates.render("matter-status", "matter-opened", null, Channel.SMS, MODEL).body())
                .isEqualTo("milestone Jane");
    }

    @Test
    void workflowGenericWhenNoMilestoneTemplate() throws IOException {
        writeAllFourLevels();
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        MessageTemplates.Rendered r = templates.render("matter-status", "matter-closed", "Personal Injury", Channel.SMS, MODEL);
        assertThat(r.templateId()).isEqualTo("matter-status/generic.sms.txt");
        assertThat(r.body()).isEqualTo("workflow Jane");

        assertThat(templates.render("matter-status", null, null, Channel.SMS, MODEL).body()).isEqualTo("workflow Jane");
    }

    @Test
    void globalGenericAsLastResort() throws IOException {
        writeAllFourLevels();
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        MessageTemplates.Rendered r = templates.render("billing", "invoice-day-7", "Personal Injury", Channel.SMS, MODEL);

        assertThat(r.templateId()).isEqualTo("generic.sms.txt");
        assertThat(r.body()).isEqualTo("global Jane");
    }

    @Test
    void channelIsPartOfTheLookup() throws IOException {
        writeAllFourLevels();
        write("generic.email.txt", "email {{client.firstName}}");
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        assertThat(templates.render("matter-status", "matter-opened", "Personal Injury", Channel.EMAIL, MODEL).templateId())
                .isEqualTo("generic.email.txt");
    }

    @Test
    void subjectLineIsParsedFromFirstLine() throws IOException {
        write("generic.email.txt", """
                Subject: An update on {{matter.name}}
                Dear {{client.firstName}},

                News on {{matter.name}}.

                {{firm.name}}
                """);
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        MessageTemplates.Rendered r = templates.render("matter-status", "matter-closed", null, Channel.EMAIL, MODEL);

        assertThat(r.subject()).isEqualTo("An update on Doe v. Roe");
        // replacement values are literal: '&' and '$1' survive
        assertThat(r.body()).isEqualTo("Dear Jane,\n\nNews on Doe v. Roe.\n\nSmith & Partners $1");
    }

    @Test
    void placeholderWhitespaceIsTolerated() throws IOException {
        write("generic.sms.txt", "Hi {{ client.firstName }}!");

        assertThat(new MessageTemplates(root, DECLARED).render("w", "m", null, Channel.SMS, MODEL).body()).isEqualTo("Hi Jane!");
    }

    @Test
    void missingPlaceholderValueThrowsNamingThePlaceholder() throws IOException {
        write("generic.sms.txt", "Hi {{client.firstName}}, your balance is {{invoice.balance}}.");
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        assertThatThrownBy(() -> templates.render("billing", "invoice-day-7", null, Channel.SMS, MODEL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invoice.balance")
                .hasMessageContaining("generic.sms.txt");
    }

    @Test
    void blankPlaceholderValueIsAlsoAnError() throws IOException {
        write("generic.sms.txt", "Hi {{client.firstName}}");
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        assertThatThrownBy(() -> templates.render("w", "m", null, Channel.SMS, Map.of("client.firstName", "  ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client.firstName");
    }

    @Test
    void noTemplateAtAllThrows() throws IOException {
        write("generic.email.txt", "only email here");
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        assertThatThrownBy(() -> templates.render("matter-status", "matter-opened", "Personal Injury", Channel.SMS, MODEL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no template")
                .hasMessageContaining("matter-opened")
                .hasMessageContaining("sms");
    }

    @Test
    void aSectionShowsItsTextOnlyWhenTheValueIsThere() throws IOException {
        write("generic.sms.txt", "Hi {{client.firstName}}{{#matter.number}} (matter {{matter.number}}){{/matter.number}}.");
        MessageTemplates templates = new MessageTemplates(root, DECLARED);

        assertThat(templates.render("w", "m", null, Channel.SMS, MODEL).body()).isEqualTo("Hi Jane.");
        Map<String, String> numbered = new java.util.HashMap<>(MODEL);
        numbered.put("matter.number", "00042-Doe");
        assertThat(templates.render("w", "m", null, Channel.SMS, numbered).body()).isEqualTo("Hi Jane (matter 00042-Doe).");
    }

    @Test
    void aPlaceholderTheWorkflowDoesNotDeclareIsNotGivenToTheTemplate() throws IOException {
        write("generic.sms.txt", "Hi {{client.firstName}} {{secret}}");
        MessageTemplates templates = new MessageTemplates(root, DECLARED);
        Map<String, String> model = new java.util.HashMap<>(MODEL);
        model.put("secret", "not declared");

        assertThatThrownBy(() -> templates.render("w", "m", null, Channel.SMS, model))
                .hasMessageContaining("needs {{secret}}");
    }

    @Test
    void aBrokenTagStopsTheStartNamingFileAndLine() throws IOException {
        write("w/m.sms.txt", "line one\n{{#matter.name}} never closed");

        assertThatThrownBy(() -> new MessageTemplates(root, DECLARED)).isInstanceOf(com.casewire.routesdir.InvalidRoutesFiles.class)
                .hasMessage(root.resolve("w/m.sms.txt") + ":2: template: Section missing close tag 'matter.name'");
    }

    @Test
    void slugLowercasesAndHyphenates() {
        assertThat(MessageTemplates.slug("Personal Injury")).isEqualTo("personal-injury");
        assertThat(MessageTemplates.slug("  Wills & Estates ")).isEqualTo("wills-estates");
        assertThat(MessageTemplates.slug("personal-injury")).isEqualTo("personal-injury");
        assertThat(MessageTemplates.slug(null)).isNull();
        assertThat(MessageTemplates.slug("   ")).isNull();
    }
}
