package com.casewire.notify;

import com.casewire.canonical.Channel;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one workflow declares about its message templates, in one place: the placeholders its models provide (some only
 * sometimes: those belong inside a {@code {{#name}}...{{/name}}} section) and the messages it sends, each on the
 * channels it may use. The renderer gives a template exactly these placeholders; {@code --validate} checks the
 * integrator's files against the same declaration, so a template that passes the check cannot ask for a value the
 * workflow never has.
 *
 * @param workflow the folder under {@code templates/} and the {@code Notification.workflow}
 * @param placeholders every placeholder the workflow's models may carry
 * @param sometimes those of {@code placeholders} that some messages lack
 * @param messages message name (file name's first part) to the channels it may go out on
 */
public record WorkflowTemplates(String workflow, Set<String> placeholders, Set<String> sometimes,
                                Map<String, Set<Channel>> messages) {

    /** What {@link Notifier} adds to every notification's model: every notifying workflow provides them. */
    static final Set<String> NOTIFIER_PLACEHOLDERS = Set.of(Notifier.FIRM_NAME, Notifier.CLIENT_FIRST_NAME,
            Notifier.CLIENT_NAME);

    public WorkflowTemplates {
        placeholders = Collections.unmodifiableSet(new LinkedHashSet<>(placeholders));
        sometimes = Set.copyOf(sometimes);
        messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
    }

    /** A declaration for a workflow whose messages go through {@code direct:notify} (with the notifier's placeholders). */
    public static Builder notifying(String workflow) {
        return new Builder(workflow).provides(NOTIFIER_PLACEHOLDERS.toArray(String[]::new));
    }

    /** A declaration for a workflow that renders its own messages. */
    public static Builder of(String workflow) {
        return new Builder(workflow);
    }

    /** The template's view of {@code model}: the declared placeholders that have a value (blank is no value). */
    Map<String, Object> context(Map<String, String> model) {
        Map<String, Object> context = new HashMap<>();
        model.forEach((key, value) -> {
            if (placeholders.contains(key) && value != null && !value.isBlank()) {
                context.put(key, value);
            }
        });
        return context;
    }

    /** This declaration with more messages (a workflow whose messages come from its rules file: the milestones). */
    public WorkflowTemplates withMessages(Map<String, Set<Channel>> more) {
        Map<String, Set<Channel>> all = new LinkedHashMap<>(messages);
        all.putAll(more);
        return new WorkflowTemplates(workflow, placeholders, sometimes, all);
    }

    /** Builds a declaration. */
    public static final class Builder {

        private final String workflow;
        private final Set<String> placeholders = new LinkedHashSet<>();
        private final Set<String> sometimes = new LinkedHashSet<>();
        private final Map<String, Set<Channel>> messages = new LinkedHashMap<>();

        private Builder(String workflow) {
            this.workflow = workflow;
        }

        /** Placeholders every message of the workflow has a value for. */
        public Builder provides(String... names) {
            placeholders.addAll(Arrays.asList(names));
            return this;
        }

        /** Placeholders only some messages (or some matters) have a value for. */
        public Builder sometimes(String... names) {
            placeholders.addAll(Arrays.asList(names));
            sometimes.addAll(Arrays.asList(names));
            return this;
        }

        public Builder message(String name, Channel first, Channel... more) {
            messages.put(name, EnumSet.of(first, more));
            return this;
        }

        public WorkflowTemplates build() {
            return new WorkflowTemplates(workflow, placeholders, sometimes, messages);
        }
    }
}
