package com.casewire.sandbox;

import com.casewire.config.HubProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clio Manage v4 simulator: Bearer token, {"data": ...} envelopes, {"error":{"type","message"}} errors.
 * Serves GET /matters/{id}.json, GET/POST /notes.json, and for intake GET /contacts.json and /matters.json
 * (query search) and POST /tasks.json (tasks are listed with the notes on the sandbox page).
 */
@RestController
@Profile("sandbox")
@RequestMapping("/sandbox/clio/api/v4")
class SandboxClioController {

    private final SandboxState state;
    private final String token;

    SandboxClioController(SandboxState state, HubProperties hub) {
        this.state = state;
        this.token = "Bearer " + hub.clio().accessToken();
    }

    @GetMapping("/matters/{id}.json")
    ResponseEntity<Map<String, Object>> matter(@RequestHeader(value = "Authorization", required = false) String auth,
                                               @PathVariable String id,
                                               @RequestParam(required = false) String fields) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        Map<String, Object> matter = state.matters.get(id);
        if (matter == null) {
            return error(HttpStatus.NOT_FOUND, "RecordNotFound", "Matter " + id + " could not be found");
        }
        return ResponseEntity.ok(Map.of("data", matter));
    }

    @PostMapping("/notes.json")
    ResponseEntity<Map<String, Object>> createNote(@RequestHeader(value = "Authorization", required = false) String auth,
                                                   @RequestBody JsonNode body) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        JsonNode data = body.path("data");
        if (!"Matter".equals(data.path("type").asText()) || !data.path("matter").path("id").canConvertToLong()) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "ValidationError", "type Matter and matter.id are required");
        }
        String matterId = data.path("matter").path("id").asText();
        if (!state.matters.containsKey(matterId)) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "ValidationError", "Matter " + matterId + " does not exist");
        }
        long id = state.ids.incrementAndGet();
        state.notes.add(new SandboxState.Note(id, matterId, data.path("subject").asText(), data.path("detail").asText(),
                data.path("date").asText(), Instant.now()));
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("id", id);
        note.put("etag", "\"" + Long.toHexString(id) + "\"");
        note.put("subject", data.path("subject").asText());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("data", note));
    }

    @GetMapping("/notes.json")
    ResponseEntity<Map<String, Object>> notes(@RequestHeader(value = "Authorization", required = false) String auth,
                                              @RequestParam(name = "matter_id", required = false) String matterId) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (SandboxState.Note n : state.notes) {
            if (matterId == null || matterId.equals(n.matterId())) {
                data.add(Map.of("id", n.id(), "subject", n.subject(), "detail", n.detail(), "date", n.date(),
                        "matter", Map.of("id", Long.parseLong(n.matterId()))));
            }
        }
        return ResponseEntity.ok(Map.of("data", data, "meta", Map.of("paging", Map.of())));
    }

    /** GET /contacts.json?query=: the sandbox matters' clients whose name, email or phone contains the query. */
    @GetMapping("/contacts.json")
    ResponseEntity<Map<String, Object>> contacts(@RequestHeader(value = "Authorization", required = false) String auth,
                                                 @RequestParam(required = false) String query) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        List<Object> data = new ArrayList<>();
        for (Map<String, Object> matter : state.matters.values()) {
            Object client = matter.get("client");
            if (client instanceof Map<?, ?> c && mentions(c.values(), query)) {
                data.add(c);
            }
        }
        return ResponseEntity.ok(Map.of("data", data, "meta", Map.of("paging", Map.of())));
    }

    /** GET /matters.json?query=: sandbox matters whose description, number or client name contains the query. */
    @GetMapping("/matters.json")
    ResponseEntity<Map<String, Object>> searchMatters(@RequestHeader(value = "Authorization", required = false) String auth,
                                                      @RequestParam(required = false) String query) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        List<Object> data = new ArrayList<>();
        for (Map<String, Object> matter : state.matters.values()) {
            Object client = matter.get("client");
            List<Object> fields = new ArrayList<>(List.of(String.valueOf(matter.get("description")),
                    String.valueOf(matter.get("display_number"))));
            if (client instanceof Map<?, ?> c) {
                fields.add(String.valueOf(c.get("name")));
            }
            if (mentions(fields, query)) {
                data.add(matter);
            }
        }
        return ResponseEntity.ok(Map.of("data", data, "meta", Map.of("paging", Map.of())));
    }

    /** POST /tasks.json: name, description and assignee{id,type} required, as in Clio's spec. */
    @PostMapping("/tasks.json")
    ResponseEntity<Map<String, Object>> createTask(@RequestHeader(value = "Authorization", required = false) String auth,
                                                   @RequestBody JsonNode body) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        JsonNode data = body.path("data");
        if (data.path("name").asText().isBlank() || data.path("description").asText().isBlank()
                || !data.path("assignee").path("id").canConvertToLong()) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "ValidationError", "name, description and assignee are required");
        }
        long id = state.ids.incrementAndGet();
        state.notes.add(new SandboxState.Note(id, "task", "Task for user " + data.path("assignee").path("id").asText() + ": "
                + data.path("name").asText(), data.path("description").asText(), "", Instant.now()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("data", Map.of("id", id, "etag", "\"" + id + "\"")));
    }

    private static boolean mentions(java.util.Collection<?> values, String query) {
        if (query == null || query.isBlank()) {
            return false;
        }
        String q = query.toLowerCase(java.util.Locale.ROOT);
        return values.stream().anyMatch(v -> v != null && String.valueOf(v).toLowerCase(java.util.Locale.ROOT).contains(q));
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String type, String message) {
        return ResponseEntity.status(status).body(Map.of("error", Map.of("type", type, "message", message)));
    }
}
