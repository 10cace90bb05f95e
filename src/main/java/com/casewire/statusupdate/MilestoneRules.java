package com.casewire.statusupdate;

import com.casewire.canonical.Channel;
import com.casewire.canonical.MatterEvent;
import com.casewire.notify.MessageTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.Yaml;

/**
 * The integrator's milestone map ({@code routes/matter-status.rules.yaml}): which practice-management
 * events are milestones a client hears about, on which channels, whether an attorney approves first, and
 * which template says it. Everything else is recorded and dropped. Also maps the firm's practice-area
 * names to the template areas.
 */
public final class MilestoneRules {

    /** One test on a detail of the event (name, status, category, summary, start_at, stage, ...). */
    public record Condition(String key, String op, Object operand) {

        boolean test(Map<String, String> details) {
            String value = details.get(key);
            return switch (op) {
                case "present" -> (value != null && !value.isBlank()) == Boolean.TRUE.equals(operand);
                case "equals" -> value != null && value.strip().equalsIgnoreCase(String.valueOf(operand).strip());
                case "notEquals" -> value == null || !value.strip().equalsIgnoreCase(String.valueOf(operand).strip());
                case "in" -> value != null && ((List<?>) operand).stream()
                        .anyMatch(o -> String.valueOf(o).strip().equalsIgnoreCase(value.strip()));
                case "contains" -> value != null && value.toLowerCase(Locale.ROOT)
                        .contains(String.valueOf(operand).toLowerCase(Locale.ROOT));
                case "regex" -> value != null && ((Pattern) operand).matcher(value).find();
                case "changed" -> {
                    String previous = details.get("previous_" + key);
                    boolean changed = value != null && (previous == null || !previous.strip().equalsIgnoreCase(value.strip()));
                    yield changed == Boolean.TRUE.equals(operand);
                }
                default -> throw new IllegalStateException("unknown condition " + op);
            };
        }
    }

    /** An event of {@code model} (and {@code source}, when given) whose name is listed and whose details pass every condition. */
    public record Trigger(String source, String model, List<String> events, List<Condition> when) {

        boolean matches(MatterEvent e) {
            return (source == null || source.equals(e.source())) && model.equals(e.model()) && events.contains(e.event())
                    && when.stream().allMatch(c -> c.test(e.details()));
        }
    }

    /**
     * A milestone.
     *
     * @param milestone its id; selects {@code templates/matter-status/<template>.*.txt} (template defaults to the id)
     * @param headline one plain line naming it, used when several milestones are combined into one update
     * @param channels channel ids it may go out on (empty: any)
     * @param oncePerMatter true: a client hears about it once per matter; false: once per record that raised it
     */
    public record Rule(String milestone, String headline, List<String> channels, boolean requiresApproval,
                       String template, boolean oncePerMatter, List<Trigger> triggers) {

        boolean matches(MatterEvent e) {
            return triggers.stream().anyMatch(t -> t.matches(e));
        }
    }

    private static final List<String> OPS = List.of("present", "equals", "notEquals", "in", "contains", "regex", "changed");

    private final List<Rule> rules;
    private final Map<String, Pattern> practiceAreas;

    public MilestoneRules(List<Rule> rules, Map<String, Pattern> practiceAreas) {
        this.rules = List.copyOf(rules);
        this.practiceAreas = new LinkedHashMap<>(practiceAreas);
    }

    public static MilestoneRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read milestone rules " + file.toAbsolutePath(), e);
        }
    }

    public Optional<Rule> match(MatterEvent event) {
        return rules.stream().filter(r -> r.matches(event)).findFirst();
    }

    public Optional<Rule> byId(String milestone) {
        return rules.stream().filter(r -> r.milestone().equals(milestone)).findFirst();
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * The template area for the firm's practice-area name ("Family Law" → family): the first area whose
     * pattern finds a match, else the name's own slug (so a firm may also name templates after its areas).
     */
    public String practiceArea(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return practiceAreas.entrySet().stream().filter(e -> e.getValue().matcher(name).find()).map(Map.Entry::getKey)
                .findFirst().orElse(MessageTemplates.slug(name));
    }

    @SuppressWarnings("unchecked")
    static MilestoneRules parse(InputStream in, String name) {
        Object loaded = new Yaml().load(in);
        if (!(loaded instanceof Map<?, ?> doc)) {
            throw new IllegalArgumentException(name + ": expected a mapping with a top-level 'milestones' list");
        }
        Object list = doc.get("milestones");
        if (!(list instanceof List<?> entries)) {
            throw new IllegalArgumentException(name + ": expected a top-level 'milestones' list");
        }
        List<Rule> rules = new ArrayList<>();
        for (Object o : entries) {
            if (!(o instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(name + ": each milestone must be a mapping with id and triggers; got '"
                        + o + "'");
            }
            rules.add(rule((Map<String, Object>) o, name));
        }
        Map<String, Pattern> areas = new LinkedHashMap<>();
        if (doc.get("practiceAreas") instanceof Map<?, ?> map) {
            map.forEach((area, regex) -> areas.put(String.valueOf(area), regex(String.valueOf(regex), name,
                    "practice area " + area)));
        }
        return new MilestoneRules(rules, areas);
    }

    @SuppressWarnings("unchecked")
    private static Rule rule(Map<String, Object> m, String name) {
        String id = require(m, "id", name);
        List<Trigger> triggers = new ArrayList<>();
        if (m.get("triggers") instanceof List<?> list) {
            for (Object t : list) {
                if (!(t instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException(name + ": milestone " + id + ": each trigger must be a mapping");
                }
                triggers.add(trigger((Map<String, Object>) t, id, name));
            }
        } else {
            triggers.add(trigger(m, id, name)); // the short form: source/model/events/when on the milestone itself
        }
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException(name + ": milestone " + id + " needs at least one trigger");
        }
        List<String> channels = new ArrayList<>();
        if (m.get("channels") instanceof List<?> list) {
            for (Object c : list) {
                channels.add(Channel.parse(String.valueOf(c)).map(Channel::id).orElseThrow(() -> new IllegalArgumentException(
                        name + ": milestone " + id + ": unknown channel '" + c + "' (expected sms, email or portal)")));
            }
        }
        String repeat = m.get("repeat") == null ? "per-record" : String.valueOf(m.get("repeat"));
        if (!repeat.equals("per-record") && !repeat.equals("once-per-matter")) {
            throw new IllegalArgumentException(name + ": milestone " + id + ": repeat must be per-record or once-per-matter");
        }
        String headline = m.get("headline") == null ? id.replace('-', ' ') : String.valueOf(m.get("headline"));
        String template = m.get("template") == null ? id : String.valueOf(m.get("template"));
        return new Rule(id, headline, channels, Boolean.TRUE.equals(m.get("requiresApproval")), template,
                repeat.equals("once-per-matter"), triggers);
    }

    @SuppressWarnings("unchecked")
    private static Trigger trigger(Map<String, Object> t, String id, String name) {
        Object model = t.get("model");
        if (model == null || String.valueOf(model).isBlank()) {
            throw new IllegalArgumentException(name + ": milestone " + id + ": a trigger is missing 'model': " + t);
        }
        Object events = t.get("events");
        if (!(events instanceof List<?> eventList) || eventList.isEmpty()) {
            throw new IllegalArgumentException(name + ": milestone " + id + " needs a non-empty 'events' list");
        }
        List<Condition> when = new ArrayList<>();
        if (t.get("when") instanceof Map<?, ?> conditions) {
            conditions.forEach((key, spec) -> when.add(condition(String.valueOf(key), spec, id, name)));
        } else if (t.get("when") != null) {
            throw new IllegalArgumentException(name + ": milestone " + id + ": 'when' must map detail names to conditions");
        }
        Object source = t.get("source");
        return new Trigger(source == null ? null : String.valueOf(source), String.valueOf(model),
                eventList.stream().map(String::valueOf).toList(), when);
    }

    private static Condition condition(String key, Object spec, String id, String name) {
        if (!(spec instanceof Map<?, ?> m)) {
            return new Condition(key, "equals", String.valueOf(spec)); // status: complete
        }
        if (m.size() != 1) {
            throw new IllegalArgumentException(name + ": milestone " + id + ": condition on '" + key
                    + "' must have exactly one of " + OPS);
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String op = String.valueOf(e.getKey());
        Object operand = e.getValue();
        return switch (op) {
            case "regex" -> new Condition(key, op, regex(String.valueOf(operand), name, "milestone " + id));
            case "in" -> {
                if (!(operand instanceof List<?>)) {
                    throw new IllegalArgumentException(name + ": milestone " + id + ": 'in' on '" + key + "' needs a list");
                }
                yield new Condition(key, op, operand);
            }
            case "present", "changed" -> new Condition(key, op, Boolean.valueOf(String.valueOf(operand)));
            case "equals", "notEquals", "contains" -> new Condition(key, op, String.valueOf(operand));
            default -> throw new IllegalArgumentException(name + ": milestone " + id + ": unknown condition '" + op
                    + "' on '" + key + "' (expected one of " + OPS + ")");
        };
    }

    private static Pattern regex(String regex, String name, String where) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(name + ": " + where + ": invalid regex '" + regex + "': " + e.getDescription());
        }
    }

    private static String require(Map<String, Object> m, String key, String name) {
        Object value = m.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(name + ": a milestone is missing '" + key + "': " + m);
        }
        return String.valueOf(value);
    }
}
