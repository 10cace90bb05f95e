package com.casewire.statusupdate;

import com.casewire.canonical.MatterEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * The integrator's milestone map ({@code routes/matter-status.rules.yaml}): which practice-management
 * events are milestones a client hears about. Everything else is recorded and dropped.
 */
public final class MilestoneRules {

    /** One rule: an event of {@code model} (and {@code source}, when given) whose event name is listed. */
    public record Rule(String milestone, String source, String model, List<String> events, boolean requiresApproval) {

        boolean matches(MatterEvent e) {
            return (source == null || source.equals(e.source())) && model.equals(e.model()) && events.contains(e.event());
        }
    }

    private final List<Rule> rules;

    public MilestoneRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static MilestoneRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read milestone rules " + file.toAbsolutePath(), e);
        }
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
        List<Rule> rules = entries.stream().map(o -> {
            if (!(o instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(name + ": each milestone must be a mapping with id, model and events; got '"
                        + o + "'");
            }
            Map<String, Object> m = (Map<String, Object>) o;
            String id = require(m, "id", name);
            String model = require(m, "model", name);
            Object events = m.get("events");
            if (!(events instanceof List<?> eventList) || eventList.isEmpty()) {
                throw new IllegalArgumentException(name + ": milestone " + id + " needs a non-empty 'events' list");
            }
            return new Rule(id, (String) m.get("source"), model, eventList.stream().map(String::valueOf).toList(),
                    Boolean.TRUE.equals(m.get("requiresApproval")));
        }).toList();
        return new MilestoneRules(rules);
    }

    public Optional<Rule> match(MatterEvent event) {
        return rules.stream().filter(r -> r.matches(event)).findFirst();
    }

    private static String require(Map<String, Object> m, String key, String name) {
        Object value = m.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(name + ": a milestone is missing '" + key + "': " + m);
        }
        return String.valueOf(value);
    }
}
