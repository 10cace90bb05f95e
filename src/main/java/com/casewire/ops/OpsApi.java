package com.casewire.ops;

import com.casewire.api.ApiAnswers;
import com.casewire.audit.CommunicationLog;
import com.casewire.canonical.Channel;
import com.casewire.inbound.InboxRepository;
import com.casewire.notify.ApprovalState;
import com.casewire.notify.ApprovalWorkflow;
import com.casewire.notify.Approvals;
import com.casewire.notify.ChannelPreferences;
import com.casewire.outbox.OutboxRepository;
import com.casewire.outbox.OutboxState;
import com.casewire.schedule.DurableTimers;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The staff and operator API behind the REST DSL in {@code camel/api.camel.yaml} (token-protected by
 * {@link ApiTokenFilter}): inbox, outbox and timer replays, the communication log, approvals, channel preferences. Path and
 * query parameters arrive as headers; a JSON body as a map; refusals answer through {@link ApiAnswers}.
 */
@Component("opsApi")
public class OpsApi {

    /** The inbox's states, as {@code GET /api/inbox?state=} takes them. */
    static final List<String> INBOX_STATES = List.of("FAILED", "RECEIVED", "PROCESSED");
    /** Most inbox rows one answer lists (oldest first). */
    static final int INBOX_PAGE = 200;

    private final HubOperations ops;
    private final InboxRepository inbox;
    private final OutboxRepository outbox;
    private final CommunicationLog commLog;
    private final Approvals approvals;
    private final ApprovalWorkflow approvalWorkflow;
    private final ChannelPreferences preferences;
    private final DurableTimers timers;
    private final Clock clock;

    OpsApi(HubOperations ops, InboxRepository inbox, OutboxRepository outbox, CommunicationLog commLog, Approvals approvals,
           ApprovalWorkflow approvalWorkflow, ChannelPreferences preferences, DurableTimers timers, Clock clock) {
        this.ops = ops;
        this.inbox = inbox;
        this.outbox = outbox;
        this.commLog = commLog;
        this.approvals = approvals;
        this.approvalWorkflow = approvalWorkflow;
        this.preferences = preferences;
        this.timers = timers;
        this.clock = clock;
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

    public List<OutboxRepository.OutboxRow> deadLetters() {
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

    public List<Approvals.Parked> pendingApprovals() {
        return approvals.inState(ApprovalState.PENDING);
    }

    /**
     * Approves a parked notification: exactly its text goes out through notify, once. An optional JSON body
     * {@code {"text": "..."}} is an edit: that text goes out instead, on the same channel.
     */
    public Object approve(@Header("id") String rawId, @Header("by") String by, Message message) {
        return ApiAnswers.withIdAndBody(rawId, message, (id, body) -> {
            String text = text(body, "text");
            if (approvalWorkflow.approve(id, decider(by), text) != ApprovalWorkflow.Outcome.APPROVED) {
                return notPending(message, id);
            }
            return Map.of("status", "approved", "id", id, "edited", text != null && !text.isBlank());
        });
    }

    /** Rejects a parked notification: nothing is sent; an optional JSON body {@code {"reason": "..."}} is kept. */
    public Object reject(@Header("id") String rawId, @Header("by") String by, Message message) {
        return ApiAnswers.withIdAndBody(rawId, message, (id, body) ->
                approvalWorkflow.reject(id, decider(by), text(body, "reason")) != ApprovalWorkflow.Outcome.REJECTED
                        ? notPending(message, id) : Map.of("status", "rejected", "id", id));
    }

    /**
     * Sets a client's channel preference kept by the hub: body {@code {"channel": "sms|email|portal"}} and one of
     * {@code contactId} (the practice-management contact id), {@code phone} (E.164) or {@code email}. It is used
     * when the practice-management preference field is empty. {@code "channel": null} clears it.
     */
    public Object setPreference(Message message) {
        Map<String, Object> body = ApiAnswers.jsonObject(message);
        if (body == null) {
            return ApiAnswers.notAnObject(message);
        }
        Optional<String> key = preferenceKey(body);
        if (key.isEmpty()) {
            return ApiAnswers.refuse(message, 400, "missing_subject", "give one of contactId, phone (E.164) or email");
        }
        String wanted = text(body, "channel");
        if (wanted == null) {
            preferences.clear(key.get());
            return Map.of("subject", key.get(), "channel", "none");
        }
        Optional<Channel> channel = Channel.parse(wanted);
        if (channel.isEmpty()) {
            return ApiAnswers.refuse(message, 400, "unknown_channel",
                    "channel must be sms, email or portal; got '" + ApiAnswers.printable(wanted) + "'");
        }
        preferences.set(key.get(), channel.get(), "api", clock.instant());
        return Map.of("subject", key.get(), "channel", channel.get().id());
    }

    /** The preference kept for one of {@code ?contactId=}, {@code ?phone=} or {@code ?email=}. */
    public Object getPreference(@Headers Map<String, Object> query, Message message) {
        Optional<String> key = preferenceKey(query);
        if (key.isEmpty()) {
            return ApiAnswers.refuse(message, 400, "missing_subject", "give one of contactId, phone (E.164) or email");
        }
        Map<String, Object> out = new HashMap<>();
        out.put("subject", key.get());
        out.put("channel", preferences.find(key.get()).map(ChannelPreferences.Stored::channel).orElse("none"));
        return out;
    }

    private static Optional<String> preferenceKey(Map<String, Object> fields) {
        String contactId = text(fields, "contactId");
        String phone = text(fields, "phone");
        String email = text(fields, "email");
        if (contactId != null && !contactId.isBlank()) {
            return Optional.of(ChannelPreferences.contactKey(contactId.strip()));
        }
        if (phone != null && phone.strip().matches("\\+[1-9]\\d{6,14}")) {
            return Optional.of(ChannelPreferences.phoneKey(phone));
        }
        if (email != null && email.contains("@")) {
            return Optional.of(ChannelPreferences.emailKey(email));
        }
        return Optional.empty();
    }

    /** A field of a JSON body or the query as text: null when absent or JSON null, numbers and booleans as written. */
    private static String text(Map<String, Object> fields, String name) {
        Object value = fields == null ? null : fields.get(name);
        return value == null ? null : value.toString();
    }

    private static String decider(String by) {
        return by == null || by.isBlank() ? "api" : by;
    }

    private static Map<String, Object> notPending(Message message, long id) {
        return ApiAnswers.refuse(message, 409, "not_pending", "approval " + id + " does not exist or was decided already");
    }
}
