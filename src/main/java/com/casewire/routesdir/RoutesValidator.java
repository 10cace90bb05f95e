package com.casewire.routesdir;

import com.casewire.billing.BillingRules;
import com.casewire.canonical.Channel;
import com.casewire.intake.IntakeRules;
import com.casewire.notify.MessageTemplates;
import com.casewire.notify.WorkflowTemplates;
import com.casewire.retainer.RetainerRules;
import com.casewire.staff.StaffDirectory;
import com.casewire.statusupdate.StatusUpdateTemplates;
import com.casewire.statusupdate.MilestoneRules;
import com.casewire.timeentry.TimeEntryRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Checks an integrator's routes directory the way the hub would read it, without starting the hub: route files
 * (YAML, duplicate ids, {@code direct:} sends nobody consumes, counting the hub's own routes), rules files and
 * staff.yaml (through the same loaders the workflows use), and templates (Mustache syntax, placeholders their workflow
 * never provides, a message without a template for a channel it may use). {@code --validate} prints the result;
 * the hub refuses to start on it.
 */
final class RoutesValidator {

    /** The outcome: every problem, and how many files were read. */
    public record Result(List<FileProblem> problems, int filesChecked) {
    }

    static final String STAFF = "staff.yaml";
    static final String MATTER_STATUS_RULES = "matter-status.rules.yaml";
    static final String TEMPLATES = "templates";
    private static final String HUB_ROUTES = "classpath:camel/*.camel.yaml";
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#^/&]?)\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private final Path dir;
    private final List<FileProblem> problems = new ArrayList<>();
    private int files;

    private RoutesValidator(Path dir) {
        this.dir = dir;
    }

    public static Result check(Path dir) {
        return new RoutesValidator(dir).run();
    }

    private Result run() {
        if (!Files.isDirectory(dir)) {
            return new Result(List.of(new FileProblem(dir.toString(), 1, "not a directory (hub.routes-dir)")), 0);
        }
        checkRouteFiles();
        StaffDirectory staff = attempt(STAFF, () -> StaffDirectory.load(dir.resolve(STAFF)));
        MilestoneRules milestones = attempt(MATTER_STATUS_RULES, () -> MilestoneRules.load(dir.resolve(MATTER_STATUS_RULES)));
        if (staff != null) {
            attempt("intake.rules.yaml", () -> IntakeRules.load(dir.resolve("intake.rules.yaml"), staff));
        }
        attempt("time-entry.rules.yaml", () -> TimeEntryRules.load(dir.resolve("time-entry.rules.yaml")));
        attempt("billing.rules.yaml", () -> BillingRules.load(dir.resolve("billing.rules.yaml")));
        RetainerRules retainer = attempt("retainer.rules.yaml", () -> RetainerRules.load(dir.resolve("retainer.rules.yaml")));
        if (retainer != null && staff != null) {
            retainer.senderRole().filter(role -> staff.withRole(role).isEmpty()).ifPresent(role -> problems.add(
                    new FileProblem(file("retainer.rules.yaml"), line("retainer.rules.yaml", "sender"), "sender: "
                            + role.id() + ", but no one in " + STAFF + " has the " + role.id() + " role")));
        }
        unreadRulesFiles();
        checkTemplates(milestones);
        return new Result(List.copyOf(problems), files);
    }

    private void checkRouteFiles() {
        RouteFiles routes = new RouteFiles();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources(HUB_ROUTES)) {
                try (InputStream in = r.getInputStream()) {
                    routes.read(in, "classpath:camel/" + r.getFilename(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hub's own routes", e);
        }
        for (Path file : list("*.camel.yaml")) {
            files++;
            try (InputStream in = Files.newInputStream(file)) {
                routes.read(in, file.toString(), true);
            } catch (InvalidRoutesFiles e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        problems.addAll(routes.duplicateIds());
        problems.addAll(routes.unconsumedDirects());
    }

    /** A rules file no workflow reads is most likely a misspelt name: its rules would be silently ignored. */
    private void unreadRulesFiles() {
        Set<String> read = Set.of(MATTER_STATUS_RULES, "intake.rules.yaml", "time-entry.rules.yaml", "billing.rules.yaml",
                "retainer.rules.yaml");
        for (Path file : list("*.rules.yaml")) {
            String name = file.getFileName().toString();
            if (!read.contains(name)) {
                files++;
                String hint = NearestKey.to(name, read).map(n -> " (did you mean " + n + "?)").orElse("");
                problems.add(new FileProblem(file.toString(), 1, "no workflow reads " + name + hint));
            }
        }
    }

    private void checkTemplates(MilestoneRules milestones) {
        Path root = dir.resolve(TEMPLATES);
        Map<String, WorkflowTemplates> declared = new LinkedHashMap<>();
        for (WorkflowTemplates w : Workflows.TEMPLATES) {
            declared.put(w.workflow(), w.workflow().equals(StatusUpdateTemplates.DECLARED.workflow()) && milestones != null
                    ? StatusUpdateTemplates.withMilestones(milestones) : w);
        }
        List<Path> templates = MessageTemplates.files(root);
        files += templates.size();
        try {
            new MessageTemplates(root, declared.values());
        } catch (InvalidRoutesFiles e) {
            problems.addAll(e.problems());
            return;
        }
        for (Path file : templates) {
            Path relative = root.relativize(file);
            // the generic texts at the top are the fallback for a milestone without its own text
            String workflow = relative.getNameCount() == 1 ? StatusUpdateTemplates.DECLARED.workflow()
                    : relative.getName(0).toString();
            WorkflowTemplates w = declared.get(workflow);
            if (w == null) {
                problems.add(new FileProblem(file.toString(), 1, "no workflow has templates in " + TEMPLATES + "/" + workflow
                        + " (workflows: " + String.join(", ", declared.keySet()) + ")"));
            } else {
                checkPlaceholders(file, w);
            }
        }
        for (WorkflowTemplates w : declared.values()) {
            w.messages().forEach((message, channels) -> {
                for (Channel channel : channels) {
                    List<String> own = MessageTemplates.ownCandidates(w.workflow(), message, null, channel);
                    if (own.stream().noneMatch(name -> Files.isRegularFile(root.resolve(name)))) {
                        missingTemplate(w, message, channel, root.resolve(own.get(0)));
                    }
                }
            });
        }
    }

    private void missingTemplate(WorkflowTemplates w, String message, Channel channel, Path expected) {
        boolean milestone = w.workflow().equals(StatusUpdateTemplates.DECLARED.workflow())
                && !message.equals("combined");
        if (milestone) {
            problems.add(new FileProblem(file(MATTER_STATUS_RULES), milestoneLine(message), "milestone template '" + message
                    + "' allows " + channel.id() + " but " + expected + " does not exist (the client would get the "
                    + "generic text)"));
        } else {
            problems.add(new FileProblem(expected.toString(), 1, "missing: the " + w.workflow() + " workflow sends '"
                    + message + "' by " + channel.id() + " and has no template for it"));
        }
    }

    /** Placeholders and sections the workflow does not provide; sometimes-missing values outside their section. */
    private void checkPlaceholders(Path file, WorkflowTemplates w) {
        String[] lines = MessageTemplates.read(file).split("\n", -1);
        Deque<String> sections = new ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = TAG.matcher(lines[i]);
            while (m.find()) {
                String kind = m.group(1);
                String name = m.group(2);
                if (kind.equals("/")) {
                    sections.remove(name);
                    continue;
                }
                if (!w.placeholders().contains(name)) {
                    String hint = NearestKey.to(name, w.placeholders()).map(n -> " (did you mean {{" + n + "}}?)").orElse("");
                    problems.add(new FileProblem(file.toString(), i + 1, "{{" + kind + name + "}} is not a placeholder the "
                            + w.workflow() + " workflow provides" + hint));
                } else if ((kind.isEmpty() || kind.equals("&")) && w.sometimes().contains(name) && !sections.contains(name)) {
                    problems.add(new FileProblem(file.toString(), i + 1, "{{" + name + "}} has no value for some messages:"
                            + " put it inside {{#" + name + "}}...{{/" + name + "}}"));
                }
                if (kind.equals("#") || kind.equals("^")) {
                    sections.push(name);
                }
            }
        }
    }

    /** The line of the milestone whose template is {@code template} (its template: line, else its id: line). */
    private int milestoneLine(String template) {
        String[] lines = MessageTemplates.read(dir.resolve(MATTER_STATUS_RULES)).split("\n", -1);
        Pattern naming = Pattern.compile("\\s*(- )?(id|template):\\s*\"?" + Pattern.quote(template) + "\"?\\s*");
        for (int i = 0; i < lines.length; i++) {
            if (naming.matcher(lines[i]).matches()) {
                return i + 1;
            }
        }
        return line(MATTER_STATUS_RULES, "milestones");
    }

    private <T> T attempt(String name, java.util.function.Supplier<T> load) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            problems.add(new FileProblem(file.toString(), 1, "missing: the hub reads this file"));
            return null;
        }
        files++;
        try {
            return load.get();
        } catch (InvalidRoutesFiles e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private int line(String name, Object... path) {
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            return RulesYaml.source(in, file(name)).lineOf(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private List<Path> list(String glob) {
        List<Path> out = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(null);
        return out;
    }
}
