package com.casewire.practice.clio;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.notify.NotificationProperties;
import com.casewire.practice.PracticeManagement;
import com.casewire.practice.PracticeRecordMarker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@link PracticeManagement} on Clio Manage. */
@Component
@ConditionalOnProperty(name = "hub.practice-management", havingValue = "clio")
class ClioPracticeManagement implements PracticeManagement {

    private static final Logger log = LoggerFactory.getLogger(ClioPracticeManagement.class);

    private final ClioClient clio;
    private final ClioMatters matters;
    private final String phoneRegion;

    ClioPracticeManagement(ClioClient clio, ClioMatters matters, NotificationProperties notifications) {
        this.clio = clio;
        this.matters = matters;
        this.phoneRegion = notifications.defaultPhoneRegion();
    }

    @Override
    public Optional<Matter> findMatter(String matterId) {
        return matters.find(matterId);
    }

    @Override
    public String addMatterNote(String matterId, String subject, String detail, LocalDate date) {
        return clio.createMatterNote(matterId, subject, detail, date.toString());
    }

    /** A note's fields the look-up reads: the marker is in {@code detail}. */
    static final String NOTE_LOOKUP_FIELDS = "id,subject,detail";
    /** A task's fields the look-up reads: the marker is in {@code description}. */
    static final String TASK_LOOKUP_FIELDS = "id,name,description";

    /** GET /notes.json?matter_id=&type=Matter&created_since=, every page; the note whose detail carries the marker. */
    @Override
    public Optional<String> findMatterNote(String matterId, String idempotencyKey, Instant createdSince) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("matter_id", matterId);
        filters.put("type", "Matter");
        return marked(clio.listCreatedSince("/notes.json", filters, NOTE_LOOKUP_FIELDS, createdSince), "detail",
                idempotencyKey);
    }

    /**
     * GET /tasks.json?matter_id=&created_since= (a task without a matter: {@code assignee_id} with
     * {@code assignee_type=user}, which Clio requires beside it), every page; the task whose description carries the
     * marker.
     */
    @Override
    public Optional<String> findTask(NewTask task, String idempotencyKey, Instant createdSince) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (task.matterId() != null) {
            filters.put("matter_id", task.matterId());
        } else {
            filters.put("assignee_id", task.assigneeId());
            filters.put("assignee_type", "user");
        }
        return marked(clio.listCreatedSince("/tasks.json", filters, TASK_LOOKUP_FIELDS, createdSince), "description",
                idempotencyKey);
    }

    private static Optional<String> marked(List<JsonNode> records, String field, String idempotencyKey) {
        return records.stream().filter(r -> PracticeRecordMarker.isMarked(r.path(field).asText(null), idempotencyKey))
                .map(r -> r.path("id").asText()).filter(id -> !id.isBlank()).findFirst();
    }

    /** Contact fields a search asks for: enough for the conflict pre-check's name, phone and email matching. */
    static final String CONTACT_FIELDS = "id,name,first_name,last_name,type,primary_email_address,primary_phone_number";
    static final int SEARCH_LIMIT = 50;

    @Override
    public List<Contact> searchContacts(String query) {
        return clio.search("/contacts.json", query, CONTACT_FIELDS, SEARCH_LIMIT).stream()
                .map(data -> ClioMatterMapper.toContact(data, phoneRegion)).toList();
    }

    /** A contact's fields the client-by-email look-up reads: every address, not only the primary one. */
    static final String CONTACT_EMAIL_FIELDS = "id,name,primary_email_address,email_addresses{address}";

    /**
     * {@code GET /contacts.json?query=<email>} (Clio's free-text search), narrowed on our side to contacts that have
     * exactly that address (primary or any other); then each one's open matters, {@code GET /matters.json?client_id=
     * &status=open}, every page. The most recent is the one with the latest {@code open_date}, the highest id when
     * dates tie or are missing.
     */
    @Override
    public Optional<Matter> latestOpenMatterOfClient(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String wanted = email.strip().toLowerCase(java.util.Locale.ROOT);
        JsonNode latest = null;
        for (JsonNode contact : clio.search("/contacts.json", wanted, CONTACT_EMAIL_FIELDS, SEARCH_LIMIT)) {
            if (!hasAddress(contact, wanted)) {
                continue;
            }
            String path = "/matters.json?client_id=" + java.net.URLEncoder.encode(contact.path("id").asText(),
                    java.nio.charset.StandardCharsets.UTF_8) + "&status=open";
            for (JsonNode matter : clio.listAll(path, ClioMatterMapper.MATTER_FIELDS + ",open_date")) {
                if ("open".equalsIgnoreCase(matter.path("status").asText()) && (latest == null || moreRecent(matter, latest))) {
                    latest = matter;
                }
            }
        }
        return Optional.ofNullable(latest).map(m -> ClioMatterMapper.toMatter(m, phoneRegion));
    }

    private static boolean hasAddress(JsonNode contact, String wanted) {
        if (wanted.equalsIgnoreCase(contact.path("primary_email_address").asText("").strip())) {
            return true;
        }
        for (JsonNode address : contact.path("email_addresses")) {
            if (wanted.equalsIgnoreCase(address.path("address").asText("").strip())) {
                return true;
            }
        }
        return false;
    }

    /** Later {@code open_date} (ISO dates compare as text), then the higher id. */
    private static boolean moreRecent(JsonNode a, JsonNode b) {
        String da = a.path("open_date").asText("");
        String db = b.path("open_date").asText("");
        int byDate = da.compareTo(db);
        if (byDate != 0) {
            return byDate > 0;
        }
        return a.path("id").asLong() > b.path("id").asLong();
    }

    @Override
    public List<Matter> searchMatters(String query) {
        return clio.search("/matters.json", query, ClioMatterMapper.MATTER_FIELDS, SEARCH_LIMIT).stream()
                .map(data -> ClioMatterMapper.toMatter(data, phoneRegion)).toList();
    }

    @Override
    public String createTask(NewTask task) {
        ObjectNode data = clio.newData();
        data.put("name", task.name());
        data.put("description", task.description());
        ObjectNode assignee = data.putObject("assignee");
        assignee.put("id", Long.parseLong(task.assigneeId()));
        assignee.put("type", "User");
        if (task.dueAt() != null) {
            data.put("due_at", DateTimeFormatter.ISO_INSTANT.format(task.dueAt()));
        }
        if (task.matterId() != null) {
            data.putObject("matter").put("id", Long.parseLong(task.matterId()));
        }
        data.put("priority", "High");
        data.put("notify_assignee", true);
        return clio.createTask(data);
    }

    @Override
    public String createContact(NewContact contact) {
        ObjectNode data = clio.newData();
        data.put("type", "Person");
        String name = ((contact.firstName() == null ? "" : contact.firstName()) + " "
                + (contact.lastName() == null ? "" : contact.lastName())).strip();
        data.put("name", name);
        if (contact.firstName() != null) {
            data.put("first_name", contact.firstName());
        }
        if (contact.lastName() != null) {
            data.put("last_name", contact.lastName());
        }
        if (contact.email() != null) {
            ObjectNode email = data.putArray("email_addresses").addObject();
            email.put("name", "Other");
            email.put("address", contact.email());
            email.put("default_email", true);
        }
        if (contact.phone() != null) {
            ObjectNode phone = data.putArray("phone_numbers").addObject();
            phone.put("name", "Other");
            phone.put("number", contact.phone());
            phone.put("default_number", true);
        }
        return clio.createContact(data);
    }

    /**
     * Opens the matter with status Open. The practice area is looked up by name ({@code GET /practice_areas.json?name=});
     * a name Clio does not know leaves the matter without one rather than failing the conversion.
     */
    @Override
    public String createMatter(NewMatter matter) {
        ObjectNode data = clio.newData();
        data.putObject("client").put("id", Long.parseLong(matter.clientId()));
        data.put("description", matter.description());
        data.put("status", "Open");
        if (matter.practiceArea() != null && !matter.practiceArea().isBlank()) {
            clio.findPracticeAreaId(matter.practiceArea()).ifPresentOrElse(
                    id -> data.putObject("practice_area").put("id", Long.parseLong(id)),
                    () -> log.warn("Clio has no practice area named '{}'; matter opened without one", matter.practiceArea()));
        }
        if (matter.responsibleAttorneyId() != null && !matter.responsibleAttorneyId().isBlank()) {
            data.putObject("responsible_attorney").put("id", Long.parseLong(matter.responsibleAttorneyId()));
        }
        return clio.createMatter(data);
    }
}
