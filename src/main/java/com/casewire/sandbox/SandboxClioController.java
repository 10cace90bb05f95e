package com.casewire.sandbox;

import com.casewire.practice.clio.ClioProperties;
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
 * (query search) and POST /tasks.json (tasks are listed with the notes on the sandbox page); for time entries
 * GET /users.json (the matters' responsible attorneys) and GET/POST /activities.json (type TimeEntry, quantity in
 * seconds); for trust retainers GET /matters.json?status=open (with the matters' account_balances), GET
 * /contacts/{id}.json, and each time entry's price and total at the users' rate; for billing GET
 * /bills.json?overdue_only=true.
 */
@RestController
@Profile("sandbox")
@RequestMapping("/sandbox/clio/api/v4")
class SandboxClioController {

    private final SandboxState state;
    private final String token;

    SandboxClioController(SandboxState state, ClioProperties clio) {
        this.state = state;
        this.token = "Bearer " + clio.accessToken();
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

    /**
     * GET /matters.json?query=: sandbox matters whose description, number or client name contains the query; without a
     * query, GET /matters.json?status=: every matter with that status (Open, Pending, Closed; case-insensitive).
     */
    @GetMapping("/matters.json")
    ResponseEntity<Map<String, Object>> searchMatters(@RequestHeader(value = "Authorization", required = false) String auth,
                                                      @RequestParam(required = false) String query,
                                                      @RequestParam(required = false) String status) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        List<Object> data = new ArrayList<>();
        if (query == null && status != null) {
            state.matters.values().stream().filter(m -> status.equalsIgnoreCase(String.valueOf(m.get("status"))))
                    .forEach(data::add);
            return ResponseEntity.ok(Map.of("data", data, "meta", Map.of("paging", Map.of())));
        }
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

    /** GET /contacts/{id}.json: a matter's client or another sandbox contact; 404 as Clio answers an unknown id. */
    @GetMapping("/contacts/{id}.json")
    ResponseEntity<Map<String, Object>> contact(@RequestHeader(value = "Authorization", required = false) String auth,
                                                @PathVariable String id) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        Map<String, Object> contact = state.contacts.get(id);
        for (Map<String, Object> matter : state.matters.values()) {
            if (contact == null && matter.get("client") instanceof Map<?, ?> c && id.equals(String.valueOf(c.get("id")))) {
                contact = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : c.entrySet()) {
                    contact.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
        }
        return contact == null ? error(HttpStatus.NOT_FOUND, "RecordNotFound", "Contact " + id + " could not be found")
                : ResponseEntity.ok(Map.of("data", contact));
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

    /**
     * GET /bills.json: the simulator's bills; with {@code overdue_only=true} those awaiting payment, with a balance,
     * whose due date has passed (Clio's "Filter Bill records to those that are overdue").
     */
    @GetMapping("/bills.json")
    ResponseEntity<Map<String, Object>> bills(@RequestHeader(value = "Authorization", required = false) String auth,
                                              @RequestParam(name = "overdue_only", required = false) Boolean overdueOnly) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        List<Object> data = new ArrayList<>();
        for (Map<String, Object> bill : state.bills.values()) {
            boolean overdue = "awaiting_payment".equals(bill.get("state")) && ((Number) bill.get("balance")).doubleValue() > 0
                    && String.valueOf(bill.get("due_at")).compareTo(today) < 0;
            if (!Boolean.TRUE.equals(overdueOnly) || overdue) {
                data.add(bill);
            }
        }
        return ResponseEntity.ok(Map.of("data", data, "meta", Map.of("paging", Map.of())));
    }

    /** GET /users.json: the sandbox matters' responsible attorneys, as enabled users. */
    @GetMapping("/users.json")
    ResponseEntity<Map<String, Object>> users(@RequestHeader(value = "Authorization", required = false) String auth) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        Map<Object, Object> users = new LinkedHashMap<>();
        for (Map<String, Object> matter : state.matters.values()) {
            if (matter.get("responsible_attorney") instanceof Map<?, ?> a) {
                Map<String, Object> user = new LinkedHashMap<>();
                a.forEach((k, v) -> user.put(String.valueOf(k), v));
                user.put("enabled", true);
                user.put("rate", SandboxState.USER_RATE);
                users.putIfAbsent(a.get("id"), user);
            }
        }
        return ResponseEntity.ok(Map.of("data", new ArrayList<>(users.values()), "meta", Map.of("paging", Map.of())));
    }

    /** GET /activities.json?type=TimeEntry with the date range, user and matter filters Clio documents. */
    @GetMapping("/activities.json")
    ResponseEntity<Map<String, Object>> activities(@RequestHeader(value = "Authorization", required = false) String auth,
                                                   @RequestParam(required = false) String type,
                                                   @RequestParam(name = "start_date", required = false) String startDate,
                                                   @RequestParam(name = "end_date", required = false) String endDate,
                                                   @RequestParam(name = "user_id", required = false) String userId,
                                                   @RequestParam(name = "matter_id", required = false) String matterId) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        List<Object> data = new ArrayList<>();
        for (SandboxState.TimeEntry e : state.timeEntries) {
            if ((type == null || "TimeEntry".equals(type)) && (userId == null || userId.equals(e.userId()))
                    && (matterId == null || matterId.equals(e.matterId()))
                    && (startDate == null || e.date().compareTo(startDate) >= 0)
                    && (endDate == null || e.date().compareTo(endDate) <= 0)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("id", e.id());
                a.put("etag", "\"" + e.id() + "\"");
                a.put("type", "TimeEntry");
                a.put("date", e.date());
                a.put("quantity", e.quantity());
                a.put("note", e.note());
                a.put("price", SandboxState.USER_RATE);
                a.put("total", java.math.BigDecimal.valueOf(e.quantity() * SandboxState.USER_RATE / 3600)
                        .setScale(2, java.math.RoundingMode.HALF_UP));
                a.put("billed", false);
                a.put("non_billable", false);
                a.put("matter", Map.of("id", Long.parseLong(e.matterId())));
                a.put("user", Map.of("id", Long.parseLong(e.userId())));
                data.add(a);
            }
        }
        return ResponseEntity.ok(Map.of("data", data, "meta", Map.of("paging", Map.of())));
    }

    /** POST /activities.json: type, date required (quantity in seconds, matter and user ids), as in Clio's spec. */
    @PostMapping("/activities.json")
    ResponseEntity<Map<String, Object>> createActivity(@RequestHeader(value = "Authorization", required = false) String auth,
                                                       @RequestBody JsonNode body) {
        if (!token.equals(auth)) {
            return error(HttpStatus.UNAUTHORIZED, "UnauthorizedError", "The access token is missing or invalid");
        }
        JsonNode data = body.path("data");
        if (!"TimeEntry".equals(data.path("type").asText()) || data.path("date").asText().isBlank()
                || !data.path("quantity").isNumber() || !data.path("matter").path("id").canConvertToLong()
                || !data.path("user").path("id").canConvertToLong()) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "ValidationError", "type TimeEntry, date, quantity, matter and user are required");
        }
        String matterId = data.path("matter").path("id").asText();
        if (!state.matters.containsKey(matterId)) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "ValidationError", "Matter " + matterId + " does not exist");
        }
        long id = state.ids.incrementAndGet();
        state.timeEntries.add(new SandboxState.TimeEntry(id, matterId, data.path("user").path("id").asText(),
                data.path("date").asText(), data.path("quantity").asLong(), data.path("note").asText(null), Instant.now()));
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
