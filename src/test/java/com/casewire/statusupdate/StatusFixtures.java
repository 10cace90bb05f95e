package com.casewire.statusupdate;

import com.casewire.canonical.Contact;
import com.casewire.canonical.Matter;
import com.casewire.canonical.MatterEvent;
import com.casewire.canonical.StaffMember;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Clio webhook deliveries of the record models the status workflow listens to, shaped by the fields
 * {@code ClioWebhookSubscriptions} asks for (shared/vendor-apis.md §1.3/1.4), and canonical MyCase events in
 * the vocabulary the MyCase poller emits (task completed, document created, stage_changed, matter_closed).
 */
final class StatusFixtures {

    static final long TASK_WEBHOOK = 5001;
    static final long DOCUMENT_WEBHOOK = 5002;
    static final long CALENDAR_WEBHOOK = 5003;
    static final long ACTIVITY_WEBHOOK = 5004;

    private StatusFixtures() {
    }

    static String etag() {
        return "\\\"" + UUID.randomUUID() + "\\\"";
    }

    static String task(long id, long matterId, String name, String status, String event) {
        return """
                {"data":{"id":%d,"etag":"%s","name":"%s","status":"%s","completed_at":%s,"matter":{"id":%d}},\
                "meta":{"event":"%s","webhook_id":%d}}"""
                .formatted(id, etag(), name, status, "complete".equals(status) ? "\"2026-11-24T16:55:00Z\"" : "null",
                        matterId, event, TASK_WEBHOOK);
    }

    static String document(long id, long matterId, String name, String category) {
        String cat = category == null ? "null" : "{\"id\":31,\"name\":\"" + category + "\"}";
        return """
                {"data":{"id":%d,"etag":"%s","name":"%s","created_at":"2026-11-24T16:55:00Z","document_category":%s,\
                "matter":{"id":%d}},"meta":{"event":"created","webhook_id":%d}}"""
                .formatted(id, etag(), name, cat, matterId, DOCUMENT_WEBHOOK);
    }

    /** Calendar entry ids are strings in Clio. */
    static String calendarEntry(String id, long matterId, String summary, String startAt, String event) {
        return """
                {"data":{"id":"%s","etag":"%s","summary":"%s","start_at":"%s","end_at":"%s","matter":{"id":%d}},\
                "meta":{"event":"%s","webhook_id":%d}}"""
                .formatted(id, etag(), summary, startAt, startAt, matterId, event, CALENDAR_WEBHOOK);
    }

    static String activity(long id, long matterId, String note) {
        return """
                {"data":{"id":%d,"etag":"%s","type":"TimeEntry","date":"2026-11-24","quantity":1800.0,"note":"%s",\
                "matter":{"id":%d},"user":{"id":77}},"meta":{"event":"created","webhook_id":%d}}"""
                .formatted(id, etag(), note, matterId, ACTIVITY_WEBHOOK);
    }

    /** GET /matters/{id}.json with custom field values (field name → value; a contact field holds the contact id). */
    static String matterWithCustomFields(long matterId, String practiceArea, String phone, String email,
                                         Map<String, String> customFields) {
        StringBuilder cf = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, String> e : customFields.entrySet()) {
            if (n > 0) {
                cf.append(',');
            }
            boolean contact = e.getKey().toLowerCase().contains("contact") && e.getValue().matches("\\d+");
            cf.append("{\"id\":\"cf-").append(++n).append("\",\"field_name\":\"").append(e.getKey())
                    .append("\",\"field_type\":\"").append(contact ? "contact" : "text_line").append("\",\"value\":")
                    .append(contact ? e.getValue() : "\"" + e.getValue() + "\"").append('}');
        }
        return """
                {"data":{"id":%d,"etag":"\\"m%d\\"","display_number":"%05d-Doe","description":"Doe Family Matter",\
                "status":"Open","practice_area":{"id":12,"name":"%s"},\
                "responsible_attorney":{"id":77,"name":"Alex Counsel","email":"alex@firm.example"},\
                "client":{"id":501,"name":"Jane Doe","first_name":"Jane","last_name":"Doe",\
                "primary_email_address":%s,"primary_phone_number":%s},\
                "custom_field_values":[%s]}}"""
                .formatted(matterId, matterId, matterId, practiceArea, json(email), json(phone), cf);
    }

    static String contact(long id, String name, String first, String phone, String email) {
        return """
                {"data":{"id":%d,"name":"%s","first_name":"%s","last_name":"%s","primary_email_address":%s,\
                "primary_phone_number":%s}}"""
                .formatted(id, name, first, name.substring(name.indexOf(' ') + 1), json(email), json(phone));
    }

    static Matter myCaseMatter(String id, String name, String practiceArea, String phone, String email) {
        return new Matter(id, "MC-" + id, name, "Open", practiceArea,
                new StaffMember("s-9", "Robin Advocate", "robin@firm.example"),
                new Contact("mc-c-" + id, "Sam Rivera", "Sam", email, phone, null, null));
    }

    static MatterEvent myCase(Matter matter, String model, String event, String recordId, Map<String, String> details) {
        return new MatterEvent("mycase", model, event, recordId, "mycase:" + model + ":" + recordId + ":" + event,
                matter, Instant.parse("2026-11-24T17:00:00Z"), details);
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
