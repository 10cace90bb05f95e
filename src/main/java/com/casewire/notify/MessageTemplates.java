package com.casewire.notify;

import com.casewire.canonical.Channel;
import com.casewire.routesdir.FileProblem;
import com.casewire.routesdir.InvalidRoutesFiles;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Message text from Mustache template files under {@code routes/templates/}, owned by integrators. Lookup, first
 * match wins:
 * <ol>
 *   <li>{@code <workflow>/<milestone>.<practice-area>.<channel>.txt}</li>
 *   <li>{@code <workflow>/<milestone>.<channel>.txt}</li>
 *   <li>portal only: the milestone's email text, {@code <workflow>/<milestone>[.<practice-area>].email.txt}</li>
 *   <li>{@code <workflow>/generic.<channel>.txt}</li>
 *   <li>{@code generic.<channel>.txt}</li>
 * </ol>
 * Placeholders are {@code {{name}}} (dotted names such as {@code {{client.firstName}}} are one name); a section
 * {@code {{#matter.number}}...{{/matter.number}}} shows its text only when the value is there. Strict: a placeholder
 * with no value is an error, never an empty gap in a client's message; a template sees only the placeholders its
 * workflow declares ({@link WorkflowTemplates}). Every file is compiled when the hub starts, so a broken tag stops
 * the start. An optional first line {@code Subject: ...} gives the email subject.
 */
public final class MessageTemplates {

    /** A rendered message and the template file it came from. */
    public record Rendered(String templateId, String subject, String body) {
    }

    /** Plain text (no HTML escaping: SMS and plain-text email); a missing variable throws. */
    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true);
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    /** JMustache puts the line at the end of a syntax error's message: "Section missing close tag 'x' @ line 2". */
    private static final Pattern AT_LINE = Pattern.compile(" @ line (\\d+)$");
    private static final Pattern EDGE_DASHES = Pattern.compile("(^-|-$)");

    private final Path root;
    private final Map<String, WorkflowTemplates> workflows;
    private final Map<String, Template> compiled;

    /**
     * Compiles every template under {@code root}.
     *
     * @throws InvalidRoutesFiles naming each file and line whose Mustache does not compile
     */
    public MessageTemplates(Path root, Collection<WorkflowTemplates> workflows) {
        this.root = root;
        this.workflows = workflows.stream().collect(Collectors.toMap(WorkflowTemplates::workflow, Function.identity()));
        Map<String, Template> templates = new LinkedHashMap<>();
        List<FileProblem> problems = new ArrayList<>();
        for (Path file : files(root)) {
            String id = root.relativize(file).toString().replace('\\', '/');
            try {
                templates.put(id, compile(read(file)));
            } catch (MustacheParseException e) {
                problems.add(problem(root.resolve(id).toString(), e));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRoutesFiles(problems);
        }
        this.compiled = Map.copyOf(templates);
    }

    public Rendered render(String workflow, String milestone, String practiceArea, Channel channel,
                           Map<String, String> model) {
        WorkflowTemplates declared = workflows.get(workflow);
        if (declared == null) {
            throw new IllegalStateException("workflow " + workflow + " declares no templates (notify.WorkflowTemplates)");
        }
        for (String candidate : candidates(workflow, milestone, practiceArea, channel)) {
            Template template = compiled.get(candidate);
            if (template != null) {
                return fill(candidate, template, declared.context(model));
            }
        }
        throw new IllegalStateException("no template for workflow " + workflow + ", milestone " + milestone
                + ", channel " + channel.id() + " under " + root.toAbsolutePath());
    }

    /** Whether the file the lookup would use for this message is the message's own (not a generic text). */
    static List<String> candidates(String workflow, String milestone, String practiceArea, Channel channel) {
        List<String> names = new ArrayList<>(ownCandidates(workflow, milestone, practiceArea, channel));
        names.add(workflow + "/generic." + channel.id() + ".txt");
        names.add("generic." + channel.id() + ".txt");
        return names;
    }

    /** The files that are a message's own text on a channel, most specific first (no generic fallback). */
    public static List<String> ownCandidates(String workflow, String milestone, String practiceArea, Channel channel) {
        List<String> names = new ArrayList<>();
        String ch = channel.id();
        String area = slug(practiceArea);
        if (milestone != null && area != null) {
            names.add(workflow + "/" + milestone + "." + area + "." + ch + ".txt");
        }
        if (milestone != null) {
            names.add(workflow + "/" + milestone + "." + ch + ".txt");
        }
        // a portal note may say what an email says: the milestone's email text before any generic portal text
        if (channel == Channel.PORTAL && milestone != null) {
            if (area != null) {
                names.add(workflow + "/" + milestone + "." + area + ".email.txt");
            }
            names.add(workflow + "/" + milestone + ".email.txt");
        }
        return names;
    }

    /** "Personal Injury" becomes "personal-injury". */
    public static String slug(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return EDGE_DASHES.matcher(NOT_SLUG.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll("-")).replaceAll("");
    }

    /** A template's text compiled as the renderer compiles it. */
    public static Template compile(String text) {
        return COMPILER.compile(text);
    }

    /** A Mustache syntax error as {@code file:line: message}. */
    public static FileProblem problem(String file, MustacheParseException e) {
        String message = e.getMessage() == null ? "cannot be read" : e.getMessage();
        java.util.regex.Matcher at = AT_LINE.matcher(message);
        int line = at.find() ? Integer.parseInt(at.group(1)) : 1;
        return new FileProblem(file, line, "template: " + at.replaceFirst(""));
    }

    /** Every {@code .txt} file under {@code root}, in a stable order; none when it does not exist. */
    public static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list templates under " + root, e);
        }
    }

    static Rendered fill(String templateId, Template template, Map<String, Object> context) {
        String rendered;
        try {
            rendered = template.execute(context).strip();
        } catch (MustacheException.Context e) {
            throw new IllegalStateException("template " + templateId + " needs {{" + missing(template, context, e.key)
                    + "}} (line " + e.lineNo + ") but it has no value");
        }
        String subject = null;
        if (rendered.startsWith("Subject:")) {
            int eol = rendered.indexOf('\n');
            subject = (eol < 0 ? rendered.substring(8) : rendered.substring(8, eol)).strip();
            rendered = eol < 0 ? "" : rendered.substring(eol + 1).strip();
        }
        return new Rendered(templateId, subject, rendered);
    }

    /** The placeholder JMustache could not resolve: it names only a dotted name's first part. */
    private static String missing(Template template, Map<String, Object> context, String key) {
        List<String> names = new ArrayList<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                names.add(name);
            }

            @Override
            public boolean visitInclude(String name) {
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                return true;
            }
        });
        return names.stream().filter(n -> !context.containsKey(n) && (n.equals(key) || n.startsWith(key + ".")))
                .findFirst().orElse(key);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }
}
