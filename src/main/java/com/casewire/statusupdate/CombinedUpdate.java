package com.casewire.statusupdate;

import com.casewire.canonical.Notification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several milestones of one matter that fell into one update window, as one notification: milestone
 * {@value #MILESTONE} (templates {@code matter-status/combined.*.txt}), the recipient and matter details of
 * the latest, {@code {{updates}}} listing each milestone's headline, and only the channels every one of them
 * allows (the latest one's when they share none).
 */
final class CombinedUpdate {

    static final String MILESTONE = "combined";
    static final String HEADLINE = "milestone.headline";

    private CombinedUpdate() {
    }

    /** {@code parts} in the order they happened, at least one; a single part is sent as it is. */
    static Notification of(String matterId, List<Long> rowIds, List<Notification> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to combine for matter " + matterId);
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Notification latest = parts.get(parts.size() - 1);
        Map<String, String> model = new HashMap<>(latest.model());
        List<String> headlines = new ArrayList<>();
        for (Notification p : parts) {
            String headline = p.model().getOrDefault(HEADLINE, p.milestone().replace('-', ' '));
            if (!headlines.contains(headline)) {
                headlines.add(headline);
            }
        }
        model.put(StatusUpdateTemplates.UPDATES, headlines.stream().map(h -> "- " + h).collect(Collectors.joining("\n")));
        model.put(StatusUpdateTemplates.UPDATES_COUNT, String.valueOf(headlines.size()));
        model.put(StatusUpdateTemplates.MILESTONES, parts.stream().map(Notification::milestone).distinct().collect(Collectors.joining(", ")));
        model.remove(HEADLINE);
        String key = StatusUpdates.WORKFLOW + ":" + matterId + ":combined:" + rowIds.get(0) + "-" + rowIds.get(rowIds.size() - 1);
        return new Notification(key, latest.workflow(), MILESTONE, latest.practiceArea(), matterId, latest.recipient(), model,
                false, false, channels(parts), null);
    }

    static List<String> channels(List<Notification> parts) {
        Set<String> common = null;
        for (Notification p : parts) {
            if (p.channels().isEmpty()) {
                continue; // any channel: no narrowing
            }
            if (common == null) {
                common = new LinkedHashSet<>(p.channels());
            } else {
                common.retainAll(p.channels());
            }
        }
        if (common == null) {
            return List.of();
        }
        return common.isEmpty() ? parts.get(parts.size() - 1).channels() : List.copyOf(common);
    }
}
