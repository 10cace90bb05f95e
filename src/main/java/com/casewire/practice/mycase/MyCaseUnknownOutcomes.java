package com.casewire.practice.mycase;

import com.casewire.practice.mycase.MyCaseProperties.UnknownOutcome;
import com.casewire.outbox.OutcomeNeedsOperator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Settles a MyCase note or task whose send has an unknown outcome, as {@code hub.mycase.unknown-note-outcome} and
 * {@code unknown-task-outcome} say (MyCase takes no idempotency key; see docs/connectors/mycase.md): look the record
 * up by the text the hub wrote into it, answer "not there" so the outbox sends it again, or leave it to a person.
 * A listing that fails throws (the outbox asks again later); one whose records lack the text field cannot tell, and
 * is left to a person rather than read as "not there".
 */
final class MyCaseUnknownOutcomes {

    private MyCaseUnknownOutcomes() {
    }

    /** The case's note (GET /cases/{id}/notes) whose {@code note} text {@code matches}. */
    static Optional<String> caseNote(MyCaseClient mycase, UnknownOutcome choice, String caseId, Predicate<String> matches) {
        if (!decide(choice, "unknown-note-outcome", "a note on case " + caseId)) {
            return Optional.empty();
        }
        return matching(mycase.listCaseNotes(caseId), "note", matches, "GET /cases/" + caseId + "/notes");
    }

    /** The task changed since {@code since} (GET /tasks with the updated-after filter) whose description {@code matches}. */
    static Optional<String> task(MyCaseClient mycase, UnknownOutcome choice, Instant since, Predicate<String> matches) {
        if (!decide(choice, "unknown-task-outcome", "a task")) {
            return Optional.empty();
        }
        return matching(mycase.listChangedSince("tasks", since), "description", matches, "GET /tasks");
    }

    /** True: look it up. False: resend. Throws for an operator. */
    private static boolean decide(UnknownOutcome choice, String key, String what) {
        return switch (choice) {
            case LOOK_UP -> true;
            case RESEND -> false;
            case OPERATOR -> throw new OutcomeNeedsOperator("hub.mycase." + key + "=operator: check whether MyCase has "
                    + what + " written by this row (its text ends with the row's [casewire:...] marker or ref) and"
                    + " replay the row only if it has not");
        };
    }

    private static Optional<String> matching(List<JsonNode> records, String field, Predicate<String> matches,
                                             String call) {
        boolean unreadable = false;
        for (JsonNode record : records) {
            String text = MyCaseMapper.text(record, field);
            if (text == null) {
                unreadable |= !record.has(field);
                continue;
            }
            String id = MyCaseMapper.text(record, "id");
            if (matches.test(text) && id != null && !id.isBlank()) {
                return Optional.of(id);
            }
        }
        if (unreadable) {
            throw new OutcomeNeedsOperator(call + " answered records without '" + field + "', so the hub cannot"
                    + " recognise what it wrote: check MyCase and replay the row only if the record is not there");
        }
        return Optional.empty();
    }
}
