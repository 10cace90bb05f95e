package com.casewire.canonical;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Something happened to a matter or to a record attached to it.
 *
 * @param source practice-management system ("clio" or "mycase")
 * @param model the kind of record that changed, in the hub's words whatever the vendor calls it:
 *              matter (MyCase: case), task, document, calendar_entry, activity
 * @param event what happened to it (created, updated, deleted, matter_opened, matter_pended, matter_closed;
 *              from MyCase's poller also completed, stage_changed)
 * @param recordId id of the changed record
 * @param sourceKey the inbox dedupe key of the delivery that carried it
 * @param details the changed record's fields a milestone rule may test, flat and as text: name, status,
 *                category, summary, start_at, stage, previous_stage, previous_status (absent keys are unknown)
 */
public record MatterEvent(String source, String model, String event, String recordId, String sourceKey,
                          Matter matter, Instant occurredAt, Map<String, String> details) {

    public MatterEvent {
        Map<String, String> known = new HashMap<>();
        if (details != null) {
            details.forEach((k, v) -> {
                if (k != null && v != null) {
                    known.put(k, v);
                }
            });
        }
        details = Map.copyOf(known);
    }

    public MatterEvent(String source, String model, String event, String recordId, String sourceKey, Matter matter,
                       Instant occurredAt) {
        this(source, model, event, recordId, sourceKey, matter, occurredAt, Map.of());
    }

    /** The detail named {@code key}, or null. */
    public String detail(String key) {
        return details.get(key);
    }
}
