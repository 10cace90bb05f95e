package com.casewire.ops;

import com.casewire.audit.CommunicationLog;
import com.casewire.canonical.Channel;
import com.casewire.notify.ApprovalWorkflow;
import com.casewire.notify.Approvals;
import com.casewire.notify.ChannelPreferences;
import com.casewire.outbox.OutboxRepository;
import com.casewire.schedule.DurableTimers;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The staff and operator API (token-protected by {@link ApiTokenFilter}). */
@RestController
@RequestMapping("/api")
class OpsController {

    private final HubOperations ops;
    private final OutboxRepository outbox;
    private final CommunicationLog commLog;
    private final Approvals approvals;
    private final ApprovalWorkflow approvalWorkflow;
    private final ChannelPreferences preferences;
    private final DurableTimers timers;
    private final Clock clock;

    OpsController(HubOperations ops, OutboxRepository outbox, CommunicationLog commLog, Approvals approvals,
                  ApprovalWorkflow approvalWorkflow, ChannelPreferences preferences, DurableTimers timers, Clock clock) {
        this.ops = ops;
        this.outbox = outbox;
        this.commLog = commLog;
        this.approvals = approvals;
        this.approvalWorkflow = approvalWorkflow;
        this.preferences = preferences;
        this.timers = timers;
        this.clock = clock;
    }

    /** Rows by state, the inbox's included: what an operator (or the soak's drain) looks at first. */
    @GetMapping("/status")
    Map<String, Object> status() {
        return Map.of("outbox", ops.getOutboxByState(), "inboxDepth", ops.getInboxDepth(),
                "inboxFailed", ops.getInboxFailed(), "deadLetters", ops.getDeadLetters());
    }

    @GetMapping("/outbox/dead-letters")
    List<OutboxRepository.OutboxRow> deadLetters() {
        return outbox.inState("DEAD");
    }

    @PostMapping("/outbox/{id}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable long id) {
        if (!ops.replayDeadLetter(id)) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "not_replayable",
                    "message", "outbox row " + id + " does not exist or is not DEAD or FAILED"));
        }
        return ResponseEntity.ok(Map.of("status", "replayed", "id", id));
    }

    /** Durable timers that exhausted their attempts (state FAILED), oldest first; {@code kind} narrows the list. */
    @GetMapping("/timers/dead")
    List<DurableTimers.DeadTimer> deadTimers(@RequestParam(name = "kind", required = false) String kind) {
        return timers.dead(kind == null || kind.isBlank() ? null : kind.strip());
    }

    /** Replays one dead timer: attempts reset, due now. {@code by} names the person asking, for the log. */
    @PostMapping("/timers/{id}/replay")
    ResponseEntity<Map<String, Object>> replayTimer(@PathVariable long id,
                                                    @RequestParam(name = "by", required = false) String by,
                                                    HttpServletRequest request) {
        return switch (timers.replay(id, caller(by, request))) {
            case REPLAYED -> ResponseEntity.ok(Map.of("status", "replayed", "id", id));
            case ALREADY_PENDING -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "already_pending",
                    "message", "timer " + id + " stays dead: the same action is already pending or running"));
            case NOT_FAILED -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "not_replayable",
                    "message", "timer " + id + " does not exist or is not dead (FAILED)"));
        };
    }

    /** Replays every dead timer of one kind ({@code ?kind=status-flush}). */
    @PostMapping("/timers/dead/replay")
    ResponseEntity<Map<String, Object>> replayDeadTimers(@RequestParam(name = "kind", required = false) String kind,
                                                         @RequestParam(name = "by", required = false) String by,
                                                         HttpServletRequest request) {
        if (kind == null || kind.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "missing_kind",
                    "message", "give the timer kind to replay, e.g. ?kind=status-flush (GET /api/timers/dead lists them)"));
        }
        DurableTimers.ReplayCount count = timers.replayDead(kind.strip(), caller(by, request));
        return ResponseEntity.ok(Map.of("kind", kind.strip(), "replayed", count.replayed(),
                "alreadyPending", count.alreadyPending()));
    }

    // one shared API token: the caller's name is only what they say, so their address goes with it into the log
    private static String caller(String by, HttpServletRequest request) {
        String name = by == null ? "" : by.replaceAll("\\p{Cntrl}", " ").strip();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return (name.isEmpty() ? "api" : "api (" + name + ")") + " from " + request.getRemoteAddr();
    }

    @GetMapping("/communications")
    List<CommunicationLog.StoredEntry> communications(@RequestParam(name = "matterId", required = false) String matterId) {
        return matterId == null ? commLog.all() : commLog.forMatter(matterId);
    }

    /**
     * The chain recomputed; with {@code anchorSeq} and {@code anchorHash} (a head a daily reconciliation report
     * carried out of the hub) also whether the chain still leads to that anchor, which a rewrite that recomputed
     * every later hash cannot fake.
     */
    @GetMapping("/communications/verify")
    ResponseEntity<?> verify(@RequestParam(name = "anchorSeq", required = false) String anchorSeq,
                             @RequestParam(name = "anchorHash", required = false) String anchorHash) {
        if (anchorSeq == null && anchorHash == null) {
            return ResponseEntity.ok(commLog.verify());
        }
        if (anchorSeq == null || anchorHash == null || !anchorSeq.matches("\\d{1,18}")
                || !anchorHash.matches("[0-9a-fA-F]{64}")) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_anchor", "message",
                    "anchorSeq (an entry number) and anchorHash (64 hex digits) go together, as the report prints them"));
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("chain", commLog.verify());
        out.put("anchor", commLog.verifyAnchor(new CommunicationLog.Anchor(Long.parseLong(anchorSeq), anchorHash)));
        return ResponseEntity.ok(out);
    }

    @GetMapping("/approvals")
    List<Approvals.Parked> pendingApprovals() {
        return approvals.inState("PENDING");
    }

    /**
     * Approves a parked notification: exactly its text goes out through notify, once. An optional JSON body
     * {@code {"text": "..."}} is an edit: that text goes out instead, on the same channel.
     */
    @PostMapping("/approvals/{id}/approve")
    ResponseEntity<Map<String, Object>> approve(@PathVariable long id,
                                                @RequestParam(name = "by", defaultValue = "api") String by,
                                                @RequestBody(required = false) Map<String, String> body) {
        String text = body == null ? null : body.get("text");
        if (approvalWorkflow.approve(id, by, text) != ApprovalWorkflow.Outcome.APPROVED) {
            return notPending(id);
        }
        return ResponseEntity.ok(Map.of("status", "approved", "id", id, "edited", text != null && !text.isBlank()));
    }

    /** Rejects a parked notification: nothing is sent; an optional JSON body {@code {"reason": "..."}} is kept. */
    @PostMapping("/approvals/{id}/reject")
    ResponseEntity<Map<String, Object>> reject(@PathVariable long id,
                                               @RequestParam(name = "by", defaultValue = "api") String by,
                                               @RequestBody(required = false) Map<String, String> body) {
        if (approvalWorkflow.reject(id, by, body == null ? null : body.get("reason")) != ApprovalWorkflow.Outcome.REJECTED) {
            return notPending(id);
        }
        return ResponseEntity.ok(Map.of("status", "rejected", "id", id));
    }

    /**
     * Sets a client's channel preference kept by the hub: body {@code {"channel": "sms|email|portal"}} and one of
     * {@code contactId} (the practice-management contact id), {@code phone} (E.164) or {@code email}. It is used
     * when the practice-management preference field is empty. {@code "channel": null} clears it.
     */
    @PutMapping("/channel-preferences")
    ResponseEntity<Map<String, Object>> setPreference(@RequestBody Map<String, String> body) {
        Optional<String> key = preferenceKey(body);
        if (key.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "missing_subject",
                    "message", "give one of contactId, phone (E.164) or email"));
        }
        if (body.get("channel") == null) {
            preferences.clear(key.get());
            return ResponseEntity.ok(Map.of("subject", key.get(), "channel", "none"));
        }
        Optional<Channel> channel = Channel.parse(body.get("channel"));
        if (channel.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "unknown_channel",
                    "message", "channel must be sms, email or portal; got '" + body.get("channel") + "'"));
        }
        preferences.set(key.get(), channel.get(), "api", clock.instant());
        return ResponseEntity.ok(Map.of("subject", key.get(), "channel", channel.get().id()));
    }

    @GetMapping("/channel-preferences")
    ResponseEntity<Map<String, Object>> getPreference(@RequestParam Map<String, String> query) {
        Optional<String> key = preferenceKey(query);
        if (key.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "missing_subject",
                    "message", "give one of contactId, phone (E.164) or email"));
        }
        Map<String, Object> out = new HashMap<>();
        out.put("subject", key.get());
        out.put("channel", preferences.find(key.get()).map(ChannelPreferences.Stored::channel).orElse("none"));
        return ResponseEntity.ok(out);
    }

    private static Optional<String> preferenceKey(Map<String, String> body) {
        if (body.get("contactId") != null && !body.get("contactId").isBlank()) {
            return Optional.of(ChannelPreferences.contactKey(body.get("contactId").strip()));
        }
        if (body.get("phone") != null && body.get("phone").strip().matches("\\+[1-9]\\d{6,14}")) {
            return Optional.of(ChannelPreferences.phoneKey(body.get("phone")));
        }
        if (body.get("email") != null && body.get("email").contains("@")) {
            return Optional.of(ChannelPreferences.emailKey(body.get("email")));
        }
        return Optional.empty();
    }

    private static ResponseEntity<Map<String, Object>> notPending(long id) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "not_pending",
                "message", "approval " + id + " does not exist or was decided already"));
    }
}
