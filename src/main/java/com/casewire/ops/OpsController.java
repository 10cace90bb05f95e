package com.casewire.ops;

import com.casewire.audit.CommunicationLog;
import com.casewire.canonical.Notification;
import com.casewire.notify.Approvals;
import com.casewire.outbox.OutboxRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
    private final ProducerTemplate camel;
    private final ObjectMapper json;
    private final Clock clock;

    OpsController(HubOperations ops, OutboxRepository outbox, CommunicationLog commLog, Approvals approvals,
                  ProducerTemplate camel, ObjectMapper json, Clock clock) {
        this.ops = ops;
        this.outbox = outbox;
        this.commLog = commLog;
        this.approvals = approvals;
        this.camel = camel;
        this.json = json;
        this.clock = clock;
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

    @GetMapping("/communications")
    List<CommunicationLog.StoredEntry> communications(@RequestParam(name = "matterId", required = false) String matterId) {
        return matterId == null ? commLog.all() : commLog.forMatter(matterId);
    }

    @GetMapping("/communications/verify")
    CommunicationLog.Verification verify() {
        return commLog.verify();
    }

    @GetMapping("/approvals")
    List<Approvals.Parked> pendingApprovals() {
        return approvals.inState("PENDING");
    }

    @PostMapping("/approvals/{id}/approve")
    ResponseEntity<Map<String, Object>> approve(@PathVariable long id,
                                                @RequestParam(name = "by", defaultValue = "api") String by) throws IOException {
        Approvals.Parked parked = approvals.find(id).orElse(null);
        if (parked == null || !approvals.decide(id, "APPROVED", by, clock.instant())) {
            return notPending(id);
        }
        camel.sendBody("direct:notify", json.readValue(parked.payload(), Notification.class).approve());
        return ResponseEntity.ok(Map.of("status", "approved", "id", id));
    }

    @PostMapping("/approvals/{id}/reject")
    ResponseEntity<Map<String, Object>> reject(@PathVariable long id,
                                               @RequestParam(name = "by", defaultValue = "api") String by) {
        if (!approvals.decide(id, "REJECTED", by, clock.instant())) {
            return notPending(id);
        }
        return ResponseEntity.ok(Map.of("status", "rejected", "id", id));
    }

    private static ResponseEntity<Map<String, Object>> notPending(long id) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "not_pending",
                "message", "approval " + id + " does not exist or was decided already"));
    }
}
