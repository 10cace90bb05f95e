package com.casewire.notify;

import com.casewire.canonical.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message text from template files under {@code routes/templates/}, owned by integrators. Lookup, first
 * match wins:
 * <ol>
 *   <li>{@code <workflow>/<milestone>.<practice-area>.<channel>.txt}</li>
 *   <li>{@code <workflow>/<milestone>.<channel>.txt}</li>
 *   <li>portal only: the milestone's email text, {@code <workflow>/<milestone>[.<practice-area>].email.txt}</li>
 *   <li>{@code <workflow>/generic.<channel>.txt}</li>
 *   <li>{@code generic.<channel>.txt}</li>
 * </ol>
 * Placeholders are {@code {{name}}}; a placeholder with no value is an error, never an empty gap in a
 * client's message. An optional first line {@code Subject: ...} gives the email subject.
 */
public final class MessageTemplates {

    /** A rendered message and the template file it came from. */
    public record Rendered(String templateId, String subject, String body) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("(^-|-$)");

    private final Path root;
    private final Map<Path, Optional<String>> cache = new ConcurrentHashMap<>();

    public MessageTemplates(Path root) {
        this.root = root;
    }

    public Rendered render(String workflow, String milestone, String practiceArea, Channel channel,
                           Map<String, String> model) {
        for (String candidate : candidates(workflow, milestone, practiceArea, channel)) {
            Optional<String> text = cache.computeIfAbsent(root.resolve(candidate), MessageTemplates::load);
            if (text.isPresent()) {
                return fill(candidate, text.get(), model);
            }
        }
        throw new IllegalStateException("no template for workflow " + workflow + ", milestone " + milestone
                + ", channel " + channel.id() + " under " + root.toAbsolutePath());
    }

    static List<String> candidates(String workflow, String milestone, String practiceArea, Channel channel) {
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
        names.add(workflow + "/generic." + ch + ".txt");
        names.add("generic." + ch + ".txt");
        return names;
    }

    /** "Personal Injury" becomes "personal-injury". */
    public static String slug(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return EDGE_DASHES.matcher(NOT_SLUG.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll("-")).replaceAll("");
    }

    static Rendered fill(String templateId, String text, Map<String, String> model) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = model.get(m.group(1));
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("template " + templateId + " needs {{" + m.group(1) + "}} but it has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String rendered = out.toString().strip();
        String subject = null;
        if (rendered.startsWith("Subject:")) {
            int eol = rendered.indexOf('\n');
            subject = (eol < 0 ? rendered.substring(8) : rendered.substring(8, eol)).strip();
            rendered = eol < 0 ? "" : rendered.substring(eol + 1).strip();
        }
        return new Rendered(templateId, subject, rendered);
    }

    private static Optional<String> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }
}
