package com.casewire.practice.mycase;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.config.FirmProperties;
import com.casewire.practice.PracticeManagement;
import com.casewire.practice.PracticeRecordMarker;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@link PracticeManagement} on MyCase. Searches use MyCase's exact-value client filters ({@code filter[email]},
 * {@code filter[cell_phone_number]}, {@code filter[first_name]}, {@code filter[last_name]}); MyCase documents no
 * case search, so matters are found by walking the case list. Creating a matter is two calls (the case, then its
 * client and attorney relationships) and MyCase takes no idempotency key: callers must not retry it blindly.
 */
@Component
@ConditionalOnProperty(name = "hub.practice-management", havingValue = "mycase")
class MyCasePracticeManagement implements PracticeManagement {

    private final MyCaseClient mycase;
    private final MyCaseMatters matters;
    private final ObjectMapper json;
    private final ZoneId firmZone;
    private final String taskPriority;
    private final MyCaseProperties settings;

    MyCasePracticeManagement(MyCaseClient mycase, MyCaseMatters matters, ObjectMapper json, MyCaseProperties settings,
                             FirmProperties firm) {
        this.mycase = mycase;
        this.matters = matters;
        this.json = json;
        this.firmZone = firm.zone();
        this.taskPriority = settings.taskPriority();
        this.settings = settings;
    }

    @Override
    public Optional<Matter> findMatter(String matterId) {
        return matters.find(matterId);
    }

    @Override
    public String addMatterNote(String matterId, String subject, String detail, LocalDate date) {
        return mycase.createCaseNote(matterId, subject, detail, date.toString());
    }

    /**
     * As {@code hub.mycase.unknown-note-outcome} says: the case's note (GET /cases/{id}/notes, all of them: no filter is
     * reported) whose text carries the marker; or resend; or an operator.
     */
    @Override
    public Optional<String> findMatterNote(String matterId, String idempotencyKey, Instant createdSince) {
        return MyCaseUnknownOutcomes.caseNote(mycase, settings.unknownNoteOutcome(), matterId,
                text -> PracticeRecordMarker.isMarked(text, idempotencyKey));
    }

    /**
     * As {@code hub.mycase.unknown-task-outcome} says: the task changed since {@code createdSince} (GET /tasks with the
     * updated-after filter the poller uses) whose description carries the marker; or resend; or an operator.
     */
    @Override
    public Optional<String> findTask(NewTask task, String idempotencyKey, Instant createdSince) {
        return MyCaseUnknownOutcomes.task(mycase, settings.unknownTaskOutcome(), createdSince,
                text -> PracticeRecordMarker.isMarked(text, idempotencyKey));
    }

    @Override
    public List<Contact> searchContacts(String query) {
        return clientsFor(query).stream()
                .map(client -> MyCaseMapper.toContact(client, matters.phoneRegion(), matters.preferenceField()))
                .toList();
    }

    /**
     * The clients {@code filter[email]} finds, narrowed to those whose {@code email} is exactly the address; each one's
     * cases ({@code GET /clients/{id}/cases}, reported by a third-party client, unconfirmed); of those with status
     * open, the one updated last ({@code updated_at}, the field the poller reads), the highest id when that is missing.
     * MyCase reports no case opening date, so "most recent" here is "most recently changed".
     */
    @Override
    public Optional<Matter> latestOpenMatterOfClient(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String wanted = email.strip();
        JsonNode latestCase = null;
        JsonNode latestClient = null;
        for (JsonNode client : mycase.listClients(Map.of("filter[email]", wanted))) {
            String address = MyCaseMapper.text(client, "email");
            String clientId = MyCaseMapper.text(client, "id");
            if (address == null || clientId == null || !wanted.equalsIgnoreCase(address.strip())) {
                continue;
            }
            for (JsonNode kase : mycase.listAll("/clients/" + java.net.URLEncoder.encode(clientId,
                    java.nio.charset.StandardCharsets.UTF_8) + "/cases", Map.of())) {
                if ("open".equalsIgnoreCase(lower(MyCaseMapper.text(kase, "status")))
                        && (latestCase == null || updatedLater(kase, latestCase))) {
                    latestCase = kase;
                    latestClient = client;
                }
            }
        }
        if (latestCase == null) {
            return Optional.empty();
        }
        return Optional.of(MyCaseMapper.toMatter(latestCase, latestClient, null, matters.phoneRegion(),
                matters.preferenceField()));
    }

    private static boolean updatedLater(JsonNode a, JsonNode b) {
        Instant ta = MyCaseMapper.instant(MyCaseMapper.text(a, "updated_at"));
        Instant tb = MyCaseMapper.instant(MyCaseMapper.text(b, "updated_at"));
        if (ta != null && tb != null && !ta.equals(tb)) {
            return ta.isAfter(tb);
        }
        if (ta != null && tb == null) {
            return true;
        }
        if (ta == null && tb != null) {
            return false;
        }
        return lower(MyCaseMapper.text(a, "id")).compareTo(lower(MyCaseMapper.text(b, "id"))) > 0;
    }

    /** Cases whose name or number contains {@code query}, and the cases of clients the query finds. */
    @Override
    public List<Matter> searchMatters(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String needle = query.trim().toLowerCase(Locale.ROOT);
        Map<String, JsonNode> clients = new LinkedHashMap<>();
        clientsFor(query).forEach(client -> clients.put(MyCaseMapper.text(client, "id"), client));
        List<Matter> found = new ArrayList<>();
        for (JsonNode kase : mycase.listCases()) {
            String name = lower(MyCaseMapper.text(kase, "name"));
            String number = lower(MyCaseMapper.text(kase, "case_number"));
            Set<String> caseClients = clientIds(kase);
            JsonNode client = caseClients.stream().map(clients::get).filter(c -> c != null).findFirst().orElse(null);
            if (name.contains(needle) || number.contains(needle) || client != null) {
                found.add(MyCaseMapper.toMatter(kase, client, null, matters.phoneRegion(), matters.preferenceField()));
            }
        }
        return found;
    }

    /** POST /tasks {"name","description","priority","due_date","staff":[{"id"}],"case":{"id"}}. */
    @Override
    public String createTask(NewTask task) {
        ObjectNode body = json.createObjectNode();
        body.put("name", task.name());
        if (task.description() != null) {
            body.put("description", task.description());
        }
        body.put("priority", taskPriority);
        if (task.dueAt() != null) {
            body.put("due_date", LocalDate.ofInstant(task.dueAt(), firmZone).toString());
        }
        if (task.assigneeId() != null) {
            body.putArray("staff").addObject().set("id", MyCaseMapper.idValue(task.assigneeId()));
        }
        if (task.matterId() != null) {
            body.putObject("case").set("id", MyCaseMapper.idValue(task.matterId()));
        }
        return mycase.createTask(body);
    }

    /** POST /clients {"first_name","last_name","email","cell_phone_number"}. */
    @Override
    public String createContact(NewContact contact) {
        ObjectNode body = json.createObjectNode();
        putIfPresent(body, "first_name", contact.firstName());
        putIfPresent(body, "last_name", contact.lastName());
        putIfPresent(body, "email", contact.email());
        putIfPresent(body, "cell_phone_number", contact.phone());
        return mycase.createClient(body);
    }

    /**
     * POST /cases {"name","status":"open","practice_area"}, then the client (and attorney) relationships. When a
     * relationship call fails the case exists already: the error names it and is permanent, so nothing retries into
     * a second case.
     */
    @Override
    public String createMatter(NewMatter matter) {
        ObjectNode body = json.createObjectNode();
        body.put("name", matter.description());
        body.put("status", "open");
        putIfPresent(body, "practice_area", matter.practiceArea());
        String caseId = mycase.createCase(body);
        try {
            mycase.addClientToCase(caseId, matter.clientId());
            if (matter.responsibleAttorneyId() != null) {
                mycase.addStaffToCase(caseId, matter.responsibleAttorneyId());
            }
        } catch (VendorException e) {
            throw new VendorException(MyCaseClient.VENDOR, false, e.httpStatus(), e.vendorCode(),
                    "case " + caseId + " was created but linking its client or attorney failed (link it by hand): "
                            + e.getMessage(), null, e);
        }
        return caseId;
    }

    /**
     * Clients for a free-text query, narrowed with MyCase's exact filters: an email address, a phone number, or a
     * name (last word as last name; a single word as first or last name).
     */
    private List<JsonNode> clientsFor(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String q = query.trim();
        if (q.contains("@")) {
            return mycase.listClients(Map.of("filter[email]", q));
        }
        if (q.replaceAll("[^0-9]", "").length() >= 7 && !q.matches(".*[A-Za-z].*")) {
            return mycase.listClients(Map.of("filter[cell_phone_number]", q));
        }
        String[] words = q.split("\\s+");
        if (words.length > 1) {
            return mycase.listClients(Map.of("filter[last_name]", words[words.length - 1]));
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (String filter : List.of("filter[last_name]", "filter[first_name]")) {
            mycase.listClients(Map.of(filter, q)).forEach(c -> byId.putIfAbsent(MyCaseMapper.text(c, "id"), c));
        }
        return new ArrayList<>(byId.values());
    }

    private static Set<String> clientIds(JsonNode kase) {
        List<JsonNode> entries = new ArrayList<>();
        kase.path("clients").forEach(entries::add);
        if (kase.path("client").isObject()) {
            entries.add(kase.path("client"));
        }
        return entries.stream().map(c -> MyCaseMapper.text(c, "id")).filter(id -> id != null).collect(Collectors.toSet());
    }

    private static void putIfPresent(ObjectNode body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
