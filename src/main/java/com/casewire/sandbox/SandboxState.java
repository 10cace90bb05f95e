package com.casewire.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** What the sandbox simulators received, kept in memory for the sandbox page. */
class SandboxState {

    record Sms(String sid, String to, String from, String body, Instant at) {
    }

    record Note(long id, String matterId, String subject, String detail, String date, Instant at) {
    }

    /** A Clio Activity of type TimeEntry; {@code quantity} in seconds (API 4.0.4 and later). */
    record TimeEntry(long id, String matterId, String userId, String date, long quantity, String note, Instant at) {
    }

    /** A post the sandbox's webhook catcher received ({@code POST /sandbox/webhooks/{name}}): a Slack hook, say. */
    record Webhook(String name, String body, Instant at) {
    }

    final List<Webhook> webhooks = new CopyOnWriteArrayList<>();
    final List<Sms> messages = new CopyOnWriteArrayList<>();
    final List<TimeEntry> timeEntries = new CopyOnWriteArrayList<>();
    final List<Note> notes = new CopyOnWriteArrayList<>();
    final Map<String, Map<String, Object>> matters = new ConcurrentHashMap<>();
    final AtomicLong ids = new AtomicLong(9000);
    /** Contacts that are no matter's client (a company's billing contact), by id, as GET /contacts/{id}.json returns them. */
    final Map<String, Map<String, Object>> contacts = new ConcurrentHashMap<>();
    /** The hourly rate of the simulator's users (Clio User {@code rate}), in dollars: what a time entry's total bills at. */
    static final double USER_RATE = 300.00;
    /** Bills of the Clio simulator, by id, as GET /bills.json returns them (created by /sandbox/clio/simulate/overdue-bill). */
    final Map<String, Map<String, Object>> bills = new ConcurrentHashMap<>();
    /** Events of the LawPay simulator, by id, as the gateway's Events API returns them. */
    final Map<String, Map<String, Object>> lawpayEvents = new ConcurrentHashMap<>();
}
