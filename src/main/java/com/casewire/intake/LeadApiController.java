package com.casewire.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff API for leads (behind {@code Authorization: Bearer <hub.api.token>} like all of /api): list (optionally by
 * state), show one with its history and conflict findings, mark converted (contact and matter created in the
 * practice-management system, route {@code intake-convert-lead}) or declined.
 */
@RestController
class LeadApiController {

    private final LeadRepository leads;
    private final IntakeConversion conversion;
    private final ProducerTemplate camel;

    LeadApiController(LeadRepository leads, IntakeConversion conversion, ProducerTemplate camel) {
        this.leads = leads;
        this.conversion = conversion;
        this.camel = camel;
    }

    private static final List<String> STATES = List.of(LeadRecord.NEW, LeadRecord.ACKNOWLEDGED, LeadRecord.BOOKED,
            LeadRecord.ESCALATED, LeadRecord.CONVERTED, LeadRecord.DECLINED);

    /** Every lead, newest first, or those in one state; an unknown state is a 400 naming the known ones. */
    @GetMapping("/api/intake/leads")
    ResponseEntity<?> list(@RequestParam(required = false) String state) {
        if (state != null && !STATES.contains(state)) {
            return ResponseEntity.badRequest().body(Map.of("error", "unknown_state",
                    "message", "state must be one of " + String.join(", ", STATES)));
        }
        return ResponseEntity.ok(leads.list(state));
    }

    @GetMapping("/api/intake/leads/{id}")
    ResponseEntity<?> show(@PathVariable long id) {
        return leads.find(id).<ResponseEntity<?>>map(lead -> ResponseEntity.ok(Map.of("lead", lead,
                        "history", leads.events(id),
                        "conflictMatches", lead.conflictDetail() == null || "CLEAR".equals(lead.conflictStatus())
                                ? List.of() : List.of(lead.conflictDetail().split("\n")))))
                .orElseGet(() -> notFound(id));
    }

    @PostMapping("/api/intake/leads/{id}/convert")
    ResponseEntity<?> convert(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
        if (leads.find(id).isEmpty()) {
            return notFound(id);
        }
        String description = body == null ? null : body.path("matterDescription").asText(null);
        try {
            IntakeConversion.Converted converted = camel.requestBodyAndHeader("direct:intake-convert", String.valueOf(id),
                    "casewireMatterDescription", description, IntakeConversion.Converted.class);
            return ResponseEntity.ok(converted);
        } catch (org.apache.camel.CamelExecutionException e) {
            if (e.getCause() instanceof IntakeConversion.Refused refused) {
                return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "cannot_convert", "message", refused.getMessage()));
            }
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "practice_management_failed",
                    "message", String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage())));
        }
    }

    @PostMapping("/api/intake/leads/{id}/decline")
    ResponseEntity<?> decline(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
        if (leads.find(id).isEmpty()) {
            return notFound(id);
        }
        if (!conversion.decline(id, body == null ? null : body.path("reason").asText(null))) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "closed", "message",
                    "lead " + id + " is already " + leads.find(id).orElseThrow().state()));
        }
        return ResponseEntity.ok(leads.find(id).orElseThrow());
    }

    private static ResponseEntity<?> notFound(long id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found", "message", "no lead " + id));
    }
}
