package com.casewire.routesdir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.casewire.support.RoutesCopy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;

/** The shipped routes directory, copied and broken one way at a time: each break is one exact file:line: message. */
class RoutesValidatorTest {

    @TempDir
    Path dir;

    @BeforeEach
    void copyTheShippedRoutes() {
        RoutesCopy.of(dir);
    }

    @Test
    void theShippedRoutesDirectoryHasNoProblem() {
        RoutesValidator.Result result = RoutesValidator.check(dir);
        assertThat(result.problems()).isEmpty();
        assertThat(result.filesChecked()).isGreaterThan(100);
    }

    @Test
    void aMisspeltRulesKeyIsNamedWithTheNearestKnownKey() throws IOException {
        int line = replace("matter-status.rules.yaml", "    requiresApproval: true", "    requiresAproval: true");
        assertThat(problems()).containsExactly(file("matter-status.rules.yaml") + ":" + line
                + ": unknown key 'requiresAproval' (did you mean 'requiresApproval'?)");
    }

    @Test
    void misspeltTriggerAndChannelKeysAreNamed() throws IOException {
        int line = replace("matter-status.rules.yaml", "        when:", "        wehn:");
        assertThat(problems()).containsExactly(file("matter-status.rules.yaml") + ":" + line
                + ": unknown key 'wehn' (did you mean 'when'?)");
        restore("matter-status.rules.yaml", "        wehn:", "        when:");
        int channels = replace("matter-status.rules.yaml", "    channels: [email, portal]", "    chanels: [email, portal]");
        assertThat(problems()).containsExactly(file("matter-status.rules.yaml") + ":" + channels
                + ": unknown key 'chanels' (did you mean 'channels'?)");
    }

    @Test
    void everyMisspeltKeyOfAFileIsNamedInOneRun() throws IOException {
        int approval = replace("matter-status.rules.yaml", "    requiresApproval: true", "    requiresAproval: true");
        int when = replace("matter-status.rules.yaml", "        when:", "        wehn:");
        int channels = replace("matter-status.rules.yaml", "    channels: [email, portal]", "    chanels: [email, portal]");
        String file = file("matter-status.rules.yaml");
        assertThat(problems()).containsExactlyInAnyOrder(
                file + ":" + approval + ": unknown key 'requiresAproval' (did you mean 'requiresApproval'?)",
                file + ":" + when + ": unknown key 'wehn' (did you mean 'when'?)",
                file + ":" + channels + ": unknown key 'chanels' (did you mean 'channels'?)");
    }

    @Test
    void aYamlSyntaxErrorIsOneLineWithTheFileAndLine() throws IOException {
        Files.writeString(dir.resolve("billing.rules.yaml"), "stages:\n  reminder: 7\n secondNotice: 14\n");
        assertThat(problems()).containsExactly(file("billing.rules.yaml")
                + ":3: YAML syntax: expected <block end>, but found '<block mapping start>' (while parsing a block mapping)");
    }

    @Test
    void aWrongValueIsNamedOnItsLine() throws IOException {
        int line = replace("billing.rules.yaml", "  reminder: 7", "  reminder: soon");
        assertThat(problems()).containsExactly(file("billing.rules.yaml") + ":" + line
                + ": stages.reminder must be a whole number, not 'soon'");
        restore("billing.rules.yaml", "  reminder: soon", "  reminder: 30");
        assertThat(problems()).containsExactly(file("billing.rules.yaml") + ":" + lineOf("billing.rules.yaml", "stages:")
                + ": stages must come in order: reminder < secondNotice < escalation, not 30, 14, 21");
    }

    @Test
    void aPlaceholderTheWorkflowNeverProvidesIsNamed() throws IOException {
        Path sms = dir.resolve("templates/matter-status/matter-closed.sms.txt");
        Files.writeString(sms, Files.readString(sms).replace("{{client.firstName}}", "{{client.frstName}}"));
        assertThat(problems()).containsExactly(sms + ":1: {{client.frstName}} is not a placeholder the matter-status "
                + "workflow provides (did you mean {{client.firstName}}?)");
    }

    @Test
    void aSometimesMissingValueMustSitInItsSection() throws IOException {
        Path sms = dir.resolve("templates/matter-status/matter-closed.sms.txt");
        Files.writeString(sms, "Hi {{client.firstName}}, matter {{matter.number}} is closed.\n"
                + "{{#matter.number}}Ref {{matter.number}}{{/matter.number}}\n");
        assertThat(problems()).containsExactly(sms + ":1: {{matter.number}} has no value for some messages: put it inside "
                + "{{#matter.number}}...{{/matter.number}}");
    }

    @Test
    void aBrokenMustacheTagIsNamedOnItsLine() throws IOException {
        Path email = dir.resolve("templates/billing/reminder.email.txt");
        Files.writeString(email, "Subject: Invoice\nDear {{client.firstName}},\n{{#invoice.number}}\nno close tag\n");
        assertThat(problems()).containsExactly(email + ":3: template: Section missing close tag 'invoice.number'");
    }

    @Test
    void aMilestoneWithoutItsTemplateForAnAllowedChannelIsNamedAtTheMilestone() throws IOException {
        Files.delete(dir.resolve("templates/matter-status/matter-pending.sms.txt"));
        assertThat(problems()).containsExactly(file("matter-status.rules.yaml") + ":"
                + lineOf("matter-status.rules.yaml", "  - id: matter-pending") + ": milestone template 'matter-pending' allows "
                + "sms but " + dir.resolve("templates/matter-status/matter-pending.sms.txt") + " does not exist (the client "
                + "would get the generic text)");
    }

    @Test
    void aStageWithoutItsTemplateIsNamed() throws IOException {
        Files.delete(dir.resolve("templates/billing/second-notice.email.txt"));
        assertThat(problems()).containsExactly(dir.resolve("templates/billing/second-notice.email.txt")
                + ":1: missing: the billing workflow sends 'second-notice' by email and has no template for it");
    }

    @Test
    void duplicateRouteIdsAndUnconsumedDirectEndpointsAreNamed() throws IOException {
        Files.writeString(dir.resolve("extra.camel.yaml"), """
                - route:
                    id: billing-alert-partner
                    from:
                      uri: direct:extra-start
                      steps:
                        - to: direct:notfy
                """);
        assertThat(lineOf("billing.camel.yaml", "    id: billing-alert-partner")).as("the id the test duplicates").isPositive();
        assertThat(problems()).containsExactly(
                file("extra.camel.yaml") + ":2: route id 'billing-alert-partner' is already used at " + file("billing.camel.yaml")
                        + ":" + lineOf("billing.camel.yaml", "    id: billing-alert-partner") + " (route ids must be unique)",
                file("extra.camel.yaml") + ":6: sends to 'direct:notfy', which no route consumes (did you mean 'direct:notify'?)");
    }

    @Test
    void aRoleNoStaffMemberHasIsNamed() throws IOException {
        int line = replace("retainer.rules.yaml", "sender: attorney", "sender: billing-manager");
        replace("staff.yaml", "    roles: [billing-manager]", "    roles: [billing-partner]");
        assertThat(problems()).containsExactly(file("retainer.rules.yaml") + ":" + line
                + ": sender: billing-manager, but no one in staff.yaml has the billing-manager role");
    }

    @Test
    void anUnparseablePhoneNumberOrZoneIsNamed() throws IOException {
        int mobile = replace("staff.yaml", "    mobile: \"+12015550111\"", "    mobile: \"+1201555\"");
        assertThat(problems()).containsExactly(file("staff.yaml") + ":" + mobile
                + ": staff[0] (Alex Counsel): mobile '+1201555' is not a valid E.164 number such as +16175550301");
        restore("staff.yaml", "    mobile: \"+1201555\"", "    mobile: \"+12015550111\"");
        int zone = replace("staff.yaml", "    timeZone: America/Los_Angeles", "    timeZone: America/Los_Angles");
        assertThat(problems()).containsExactly(file("staff.yaml") + ":" + zone
                + ": staff[2] (Casey Solicitor): timeZone 'America/Los_Angles' is not an IANA zone such as America/New_York");
        restore("staff.yaml", "    timeZone: America/Los_Angles", "    timeZone: America/Los_Angeles");
        int called = replace("intake.rules.yaml", "  \"+12015550188\": personal-injury", "  \"+1201\": personal-injury");
        assertThat(problems()).containsExactly(file("intake.rules.yaml") + ":" + called
                + ": calledNumbers: '+1201' is not a valid E.164 number such as +12015550188");
    }

    @Test
    void theCommandPrintsTheProblemsAndExitsNonZero() throws IOException {
        replace("matter-status.rules.yaml", "    requiresApproval: true", "    requiresAproval: true");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ValidateCommand.run(new String[] {"--validate", "--routes-dir=" + dir}, new PrintStream(out, true,
                StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unknown key 'requiresAproval'").endsWith("1 problem in "
                + dir + "\n");
        restore("matter-status.rules.yaml", "    requiresAproval: true", "    requiresApproval: true");
        out.reset();
        assertThat(ValidateCommand.run(new String[] {"--validate", "--routes-dir=" + dir}, new PrintStream(out, true,
                StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("ok: ").contains(" files checked in " + dir);
    }

    @Test
    void theHubRefusesToStartWithTheSameMessages() throws IOException {
        int line = replace("matter-status.rules.yaml", "    requiresApproval: true", "    requiresAproval: true");
        SpringApplication app = new SpringApplication(Empty.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.addListeners(new RoutesCheckOnStart());
        assertThatThrownBy(() -> app.run("--hub.routes-dir=" + dir)).isInstanceOf(InvalidRoutesFiles.class)
                .hasMessage(file("matter-status.rules.yaml") + ":" + line
                        + ": unknown key 'requiresAproval' (did you mean 'requiresApproval'?)");
        assertThat(new RoutesFilesFailureAnalyzer().analyze(new InvalidRoutesFiles(RoutesValidator.check(dir).problems()))
                .getDescription()).endsWith(file("matter-status.rules.yaml") + ":" + line
                + ": unknown key 'requiresAproval' (did you mean 'requiresApproval'?)");
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private java.util.List<String> problems() {
        return RoutesValidator.check(dir).problems().stream().map(FileProblem::toString).toList();
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    /** Replaces the first line equal to {@code from}; its 1-based line number. */
    private int replace(String name, String from, String to) throws IOException {
        int line = lineOf(name, from);
        assertThat(line).as(from + " in " + name).isPositive();
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(dir.resolve(name)));
        lines.set(line - 1, to);
        Files.write(dir.resolve(name), lines);
        return line;
    }

    private void restore(String name, String from, String to) throws IOException {
        replace(name, from, to);
    }

    private int lineOf(String name, String text) throws IOException {
        return Files.readAllLines(dir.resolve(name)).indexOf(text) + 1;
    }
}
