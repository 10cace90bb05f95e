package com.casewire.practice.mycase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a polled MyCase record means, in the hub's vocabulary (shared with the milestone rules, so fixed):
 * <ul>
 *   <li>case: {@code matter/created} when never seen; {@code matter/stage_changed} (details stage, previous_stage)
 *       when its stage differs from the last one seen; {@code matter/matter_closed} when its status became closed;
 *       both when both happened; otherwise {@code matter/updated}.</li>
 *   <li>task: {@code task/completed} (details name, status) when it became complete; {@code task/created} when
 *       new; otherwise {@code task/updated}.</li>
 *   <li>document: {@code document/created} (details name, category when known) when uploaded since the last poll,
 *       otherwise {@code document/updated}.</li>
 * </ul>
 * Plain logic over the stored payload: the poller wrote the previous state into it, so re-processing a row always
 * gives the same events.
 */
final class MyCaseChanges {

    public static final String CASES = "cases";
    public static final String TASKS = "tasks";
    public static final String DOCUMENTS = "documents";
    static final String COMPLETED = "completed";
    static final String OPEN = "open";

    /** One event a record stands for; details with no value are left out (absent means unknown). */
    public record Change(String model, String event, Map<String, String> details) {
        public Change {
            Map<String, String> known = new HashMap<>();
            details.forEach((k, v) -> {
                if (v != null) {
                    known.put(k, v);
                }
            });
            details = Map.copyOf(known);
        }
    }

    /** What the poller last saw of a case (stage, status) or task (status: completed or open). */
    public record Seen(String stage, String status) {
    }

    private MyCaseChanges() {
    }

    /**
     * @param previous what was seen of the record before, or null when it is new to the hub
     * @param created  whether the record is new (cases, tasks: never seen; documents: created since the last poll)
     */
    public static List<Change> classify(String resource, JsonNode record, Seen previous, boolean created) {
        return switch (resource) {
            case CASES -> caseChanges(record, previous, created);
            case TASKS -> List.of(taskChange(record, previous, created));
            case DOCUMENTS -> List.of(documentChange(record, created));
            default -> throw new IllegalArgumentException("not a polled MyCase resource: " + resource);
        };
    }

    /** What to remember of a record so the next change can be compared; null for resources without transitions. */
    public static Seen seen(String resource, JsonNode record) {
        return switch (resource) {
            case CASES -> new Seen(stageOf(record), MyCaseMapper.text(record, "status"));
            case TASKS -> new Seen(null, isComplete(record) ? COMPLETED : OPEN);
            default -> null;
        };
    }

    /** Whether the poller keeps per-record state for {@code resource}. */
    public static boolean tracksState(String resource) {
        return CASES.equals(resource) || TASKS.equals(resource);
    }

    private static List<Change> caseChanges(JsonNode record, Seen previous, boolean created) {
        Map<String, String> details = new HashMap<>();
        details.put("name", MyCaseMapper.text(record, "name"));
        details.put("status", MyCaseMapper.text(record, "status"));
        String stage = stageOf(record);
        details.put("stage", stage);
        if (created || previous == null) {
            return List.of(new Change("matter", "created", details));
        }
        List<Change> changes = new ArrayList<>();
        if (stage != null && !sameText(stage, previous.stage())) {
            Map<String, String> staged = new HashMap<>(details);
            staged.put("previous_stage", previous.stage());
            changes.add(new Change("matter", "stage_changed", staged));
        }
        boolean closedNow = isClosed(MyCaseMapper.text(record, "status"));
        if (closedNow && !isClosed(previous.status())) {
            Map<String, String> closed = new HashMap<>(details);
            closed.put("previous_status", previous.status());
            changes.add(new Change("matter", "matter_closed", closed));
        }
        if (changes.isEmpty()) {
            Map<String, String> updated = new HashMap<>(details);
            if (!sameText(MyCaseMapper.text(record, "status"), previous.status())) {
                updated.put("previous_status", previous.status());
            }
            changes.add(new Change("matter", "updated", updated));
        }
        return changes;
    }

    private static Change taskChange(JsonNode record, Seen previous, boolean created) {
        Map<String, String> details = new HashMap<>();
        details.put("name", MyCaseMapper.text(record, "name"));
        boolean complete = isComplete(record);
        String status = MyCaseMapper.text(record, "status");
        details.put("status", status != null ? status : complete ? COMPLETED : OPEN);
        boolean wasComplete = previous != null && COMPLETED.equals(previous.status());
        if (complete && !wasComplete) {
            return new Change("task", "completed", details);
        }
        return new Change("task", created ? "created" : "updated", details);
    }

    private static Change documentChange(JsonNode record, boolean created) {
        Map<String, String> details = new HashMap<>();
        details.put("name", documentName(record));
        details.put("category", MyCaseMapper.nameOf(record.path("category")));
        return new Change("document", created ? "created" : "updated", details);
    }

    /** A document's name: {@code name}, else {@code filename}, else the last part of its {@code path}. */
    static String documentName(JsonNode record) {
        for (String field : new String[] {"name", "filename"}) {
            String value = MyCaseMapper.text(record, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        String path = MyCaseMapper.text(record, "path");
        return path == null ? null : path.substring(path.lastIndexOf('/') + 1);
    }

    static String stageOf(JsonNode kase) {
        return MyCaseMapper.nameOf(kase.path("case_stage"));
    }

    /** Completion as MyCase clients report it: {@code completed: true}, or a status of completed/complete/done. */
    static boolean isComplete(JsonNode task) {
        if (task.path("completed").isBoolean()) {
            return task.path("completed").asBoolean();
        }
        String status = MyCaseMapper.text(task, "status");
        return status != null && List.of("completed", "complete", "done").contains(status.toLowerCase(Locale.ROOT));
    }

    static boolean isClosed(String status) {
        return status != null && status.equalsIgnoreCase("closed");
    }

    private static boolean sameText(String a, String b) {
        return Objects.equals(a == null ? null : a.trim().toLowerCase(Locale.ROOT),
                b == null ? null : b.trim().toLowerCase(Locale.ROOT));
    }
}
