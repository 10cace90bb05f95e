package com.casewire.ops;

import com.casewire.api.ApiAnswers;
import com.casewire.audit.CommunicationLog;
import com.casewire.inbox.InboxStore;
import com.casewire.outbox.OutboxState;
import com.casewire.outbox.OutboxStore;
import com.casewire.schedule.DurableTimers;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The staff and operator API behind the REST DSL in {@code camel/api.camel.yaml} (token-protected by
 * {@link ApiTokenFilter}): inbox, outbox and timer replays, the communication log (approvals and channel preferences:
 * {@code notify.ApprovalApi}, {@code notify.ChannelPreferenceApi}). Path and query parameters arrive as headers; a JSON
 * body as a map; refusals answer through {@link ApiAnswers}.
 */
@Component("opsApi")
public class OpsApi {

    /** The inbox's states, as {@code GET /api/inbox?state=} takes them. */
    static final List<String> INBOX_STATES = List.of("FAILED", "RECEIVED", "PROCESSED");
    /** Most inbox rows one answer lists (oldest first). */
    static final int INBOX_PAGE = 200;

    private final HubOperations ops;
    private final InboxStore inbox;
    private final OutboxStore outbox;
    private final CommunicationLog commLog;
    private final DurableTimers timers;

    OpsApi(HubOperations ops, InboxStore inbox, OutboxStore outbox, CommunicationLog commLog, DurableTimers timers) {
        this.ops = ops;
        this.inbox = inbox;
        this.outbox = outbox;
        this.commLog = commLog;
        this.timers = timers;
    }

    /** Rows by state, the inbox's included: what an operator (or the soak's drain) looks at first. */
    public Map<String, Object> status() {
        return Map.of("outbox", ops.getOutboxByState(), "inboxDepth", ops.getInboxDepth(),
                "inboxFailed", ops.getInboxFailed(), "deadLetters", ops.getDeadLetters());
    }

    /**
     * Inbox rows in one state ({@code ?state=}, FAILED when absent): FAILED are events no route could process (a
     * template that cannot be filled, a route that throws), each with its error, waiting for {@link #replayInbox}.
     */
    public Object inbox(@Header("state") String state, Message message) {
        String wanted = state == null || state.isBlank() ? "FAILED" : state.strip().toUpperCase(java.util.Locale.ROOT);
        if (!INBOX_STATES.contains(wanted)) {
            return ApiAnswers.refuse(message, 400, "unknown_state",
                    "state must be one of " + String.join(", ", INBOX_STATES) + "; got '" + ApiAnswers.printable(state) + "'");
        }
        return inbox.inState(wanted, INBOX_PAGE);
    }

    /** Re-drives a FAILED inbox row (after its route, rules or template file was fixed); what it sent before stays sent. */
    public Object replayInbox(@Header("id") String rawId, Message message) {
        return replayRow(rawId, message, ops::replayInboxEvent, "inbox row %d does not exist or is not FAILED");
    }

    public List<OutboxStore.OutboxRow> deadLetters() {
        return outbox.inState(OutboxState.DEAD);
    }

    public Object replay(@Header("id") String rawId, Message message) {
        return replayRow(rawId, message, ops::replayDeadLetter, "outbox row %d does not exist or is not DEAD or FAILED");
    }

    /** Replays the row whose id is in the path; {@code notReplayable} (with the id for %d) answers a refused replay. */
    private static Object replayRow(String rawId, Message message, LongPredicate replay, String notReplayable) {
        return ApiAnswers.withId(rawId, message, id -> replay.test(id)
                ? Map.of("status", "replayed", "id", id)
                : ApiAnswers.refuse(message, 409, "not_replayable", notReplayable.formatted(id)));
    }

    /** Durable timers that exhausted their attempts (state FAILED), oldest first; {@code kind} narrows the list. */
    public List<DurableTimers.DeadTimer> deadTimers(@Header("kind") String kind) {
        return timers.dead(kind == null || kind.isBlank() ? null : kind.strip());
    }

    /** Replays one dead timer: attempts reset, due now. {@code by} names the person asking, for the log. */
    public Object replayTimer(@Header("id") String rawId, @Header("by") String by, Message message) {
        OptionalLong id = ApiAnswers.id(rawId);
        if (id.isEmpty()) {
            return ApiAnswers.badId(message, rawId);
        }
        return switch (timers.replay(id.getAsLong(), caller(by, message))) {
            case REPLAYED -> Map.of("status", "replayed", "id", id.getAsLong());
            case ALREADY_PENDING -> ApiAnswers.refuse(message, 409, "already_pending", "timer " + id.getAsLong()
                    + " stays dead: the same action is already pending or running");
            case NOT_FAILED -> ApiAnswers.refuse(message, 409, "not_replayable",
                    "timer " + id.getAsLong() + " does not exist or is not dead (FAILED)");
        };
    }

    /** Replays every dead timer of one kind ({@code ?kind=status-flush}). */
    public Object replayDeadTimers(@Header("kind") String kind, @Header("by") String by, Message message) {
        if (kind == null || kind.isBlank()) {
            return ApiAnswers.refuse(message, 400, "missing_kind",
                    "give the timer kind to replay, e.g. ?kind=status-flush (GET /api/timers/dead lists them)");
        }
        DurableTimers.ReplayCount count = timers.replayDead(kind.strip(), caller(by, message));
        return Map.of("kind", kind.strip(), "replayed", count.replayed(), "alreadyPending", count.alreadyPending());
    }

    // one shared API token: the caller's name is only what they say, so their address goes with it into the log
    private static String caller(String by, Message message) {
        String name = ApiAnswers.printable(by);
        return (name.isEmpty() ? "api" : "api (" + name + ")") + " from " + ApiAnswers.remoteAddress(message);
    }

    public List<CommunicationLog.StoredEntry> communications(@Header("matterId") String matterId) {
        return matterId == null ? commLog.all() : commLog.forMatter(matterId);
    }

    /**
     * The chain recomputed; with {@code anchorSeq} and {@code anchorHash} (a head a daily reconciliation report
     * carried out of the hub) also whether the chain still leads to that anchor, which a rewrite that recomputed
     * every later hash cannot fake.
     */
    public Object verify(@Header("anchorSeq") String anchorSeq, @Header("anchorHash") String anchorHash, Message message) {
        if (anchorSeq == null && anchorHash == null) {
            return commLog.verify();
        }
        if (anchorSeq == null || anchorHash == null || !anchorSeq.matches("\\d{1,18}")
                || !anchorHash.matches("[0-9a-fA-F]{64}")) {
            return ApiAnswers.refuse(message, 400, "bad_anchor",
                    "anchorSeq (an entry number) and anchorHash (64 hex digits) go together, as the report prints them");
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("chain", commLog.verify());
        out.put("anchor", commLog.verifyAnchor(new CommunicationLog.Anchor(Long.parseLong(anchorSeq), anchorHash)));
        return out;
    }
}
