package com.casewire.canonical;

import java.time.Instant;

/**
 * Something happened to a matter or to a record attached to it.
 *
 * @param source practice-management system ("clio" or "mycase")
 * @param model the kind of record that changed (matter, task, document, calendar_entry, activity)
 * @param event what happened to it (created, updated, matter_closed, ...)
 * @param recordId id of the changed record
 * @param sourceKey the inbox dedupe key of the delivery that carried it
 */
public record MatterEvent(String source, String model, String event, String recordId, String sourceKey,
                          Matter matter, Instant occurredAt) {
}
