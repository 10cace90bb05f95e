package com.casewire.statusupdate;

import com.casewire.canonical.Channel;
import com.casewire.canonical.MatterEvent;
import com.casewire.notify.MessageTemplates;
import com.casewire.routesdir.NearestKey;
import com.casewire.routesdir.RulesYaml;
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

    /** The file as written. */
    record File(Map<String, String> practiceAreas, List<MilestoneSpec> milestones) {
    }

    /** A milestone as written; source/model/events/when on the milestone itself are the short form of one trigger. */
    record MilestoneSpec(String id, String headline, List<String> channels, Boolean requiresApproval, String template,
                         String repeat, List<TriggerSpec> triggers, String source, String model, List<String> events,
                         Map<String, Object> when) {
    }

    record TriggerSpec(String source, String model, List<String> events, Map<String, Object> when) {
    }

    static MilestoneRules parse(InputStream in, String name) {
        RulesYaml.Source src = RulesYaml.source(in, name);
        File f = src.bind(File.class);
        if (f.milestones() == null) {
            throw src.problem("expected a top-level 'milestones' list");
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < f.milestones().size(); i++) {
            MilestoneSpec m = f.milestones().get(i);
            if (m == null) {
                throw src.problem("each milestone must be a mapping with id and triggers", "milestones", i);
            }
            rules.add(rule(m, src, i));
        }
        Map<String, Pattern> areas = new LinkedHashMap<>();
        if (f.practiceAreas() != null) {
            f.practiceAreas().forEach((area, regex) -> areas.put(area, regex(regex, src, "practice area " + area,
                    "practiceAreas", area)));
        }
        return new MilestoneRules(rules, areas);
    }

    private static Rule rule(MilestoneSpec m, RulesYaml.Source src, int index) {
        if (m.id() == null || m.id().isBlank()) {
            throw src.problem("a milestone is missing 'id'", "milestones", index);
        }
        String id = m.id();
        List<Trigger> triggers = new ArrayList<>();
        if (m.triggers() != null) {
            for (int t = 0; t < m.triggers().size(); t++) {
                TriggerSpec spec = m.triggers().get(t);
                if (spec == null) {
                    throw src.problem("milestone " + id + ": each trigger must be a mapping", "milestones", index, "triggers", t);
                }
                triggers.add(trigger(spec, id, src, "milestones", index, "triggers", t));
            }
        } else {
            triggers.add(trigger(new TriggerSpec(m.source(), m.model(), m.events(), m.when()), id, src, "milestones", index));
        }
        if (triggers.isEmpty()) {
            throw src.problem("milestone " + id + " needs at least one trigger", "milestones", index, "triggers");
        }
        List<String> channels = new ArrayList<>();
        List<String> given = m.channels() == null ? List.of() : m.channels();
        for (int c = 0; c < given.size(); c++) {
            String channel = given.get(c);
            channels.add(Channel.parse(channel).map(Channel::id).orElseThrow(() -> src.problem("milestone " + id
                    + ": unknown channel '" + channel + "' (expected sms, email or portal)", "milestones", index, "channels")));
        }
        String repeat = m.repeat() == null ? "per-record" : m.repeat();
        if (!repeat.equals("per-record") && !repeat.equals("once-per-matter")) {
            throw src.problem("milestone " + id + ": repeat must be per-record or once-per-matter", "milestones", index,
                    "repeat");
        }
        String headline = m.headline() == null ? id.replace('-', ' ') : m.headline();
        String template = m.template() == null ? id : m.template();
        return new Rule(id, headline, channels, Boolean.TRUE.equals(m.requiresApproval()), template,
                repeat.equals("once-per-matter"), triggers);
    }

    private static Trigger trigger(TriggerSpec t, String id, RulesYaml.Source src, Object... at) {
        if (t.model() == null || t.model().isBlank()) {
            throw src.problem("milestone " + id + ": a trigger is missing 'model'", at);
        }
        if (t.events() == null || t.events().isEmpty()) {
            throw src.problem("milestone " + id + " needs a non-empty 'events' list", at);
        }
        List<Condition> when = new ArrayList<>();
        if (t.when() != null) {
            Object[] whenPath = append(at, "when");
            t.when().forEach((key, spec) -> when.add(condition(key, spec, id, src, append(whenPath, key))));
        }
        return new Trigger(t.source(), t.model(), List.copyOf(t.events()), when);
    }

    private static Condition condition(String key, Object spec, String id, RulesYaml.Source src, Object[] at) {
        if (!(spec instanceof Map<?, ?> m)) {
            return new Condition(key, "equals", String.valueOf(spec)); // status: complete
        }
        if (m.size() != 1) {
            throw src.problem("milestone " + id + ": condition on '" + key + "' must have exactly one of " + OPS, at);
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String op = String.valueOf(e.getKey());
        Object operand = e.getValue();
        return switch (op) {
            case "regex" -> new Condition(key, op, regex(String.valueOf(operand), src, "milestone " + id, at));
            case "in" -> {
                if (!(operand instanceof List<?>)) {
                    throw src.problem("milestone " + id + ": 'in' on '" + key + "' needs a list", at);
                }
                yield new Condition(key, op, operand);
            }
            case "present", "changed" -> new Condition(key, op, Boolean.valueOf(String.valueOf(operand)));
            case "equals", "notEquals", "contains" -> new Condition(key, op, String.valueOf(operand));
            default -> throw src.problem("milestone " + id + ": condition on '" + key + "': "
                    + NearestKey.unknownKey(op, OPS).replace("unknown key", "unknown condition"), append(at, op));
        };
    }

    private static Pattern regex(String regex, RulesYaml.Source src, String where, Object... at) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw src.problem(where + ": invalid regex '" + regex + "': " + e.getDescription(), at);
        }
    }

    private static Object[] append(Object[] path, Object part) {
        Object[] out = java.util.Arrays.copyOf(path, path.length + 1);
        out[path.length] = part;
        return out;
    }
}
