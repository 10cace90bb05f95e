package com.casewire.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The billing walkthrough's set-up: {@code POST /sandbox/clio/simulate/overdue-bill?matterId=1002&daysOverdue=8&amount=85000}
 * puts a bill awaiting payment on the Clio simulator, due that many days ago, for the matter's client (amount in
 * cents), counted from the hub's clock (a route test's clock too). The bill is shaped as Clio's Bill with the fields the
 * hub asks for.
 */
@RestController
@Profile("sandbox")
class SandboxBillingController {

    private final SandboxState state;

    private final Clock clock;

    SandboxBillingController(SandboxState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    @PostMapping("/sandbox/clio/simulate/overdue-bill")
    ResponseEntity<Map<String, Object>> overdueBill(@RequestParam String matterId,
                                                    @RequestParam(defaultValue = "8") int daysOverdue,
                                                    @RequestParam(defaultValue = "85000") long amount) {
        Map<String, Object> matter = state.matters.get(matterId);
        if (matter == null || daysOverdue < 0 || daysOverdue > 365 || amount <= 0) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error",
                    "matterId must be a sandbox matter (1001, 1002, 1003), daysOverdue 0 to 365, amount positive cents"));
        }
        long id = state.ids.incrementAndGet();
        LocalDate due = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(daysOverdue);
        @SuppressWarnings("unchecked")
        Map<String, Object> client = (Map<String, Object>) matter.get("client");
        Map<String, Object> bill = new LinkedHashMap<>();
        bill.put("id", id);
        bill.put("etag", "\"" + Long.toHexString(id) + "\"");
        bill.put("number", "INV-" + id);
        bill.put("state", "awaiting_payment");
        bill.put("type", "MatterBill");
        bill.put("issued_at", due.minusDays(30).toString());
        bill.put("due_at", due.toString());
        double units = amount / 100.0;
        bill.put("total", units);
        bill.put("balance", units);
        bill.put("due", units);
        bill.put("paid", 0);
        bill.put("client", Map.of("id", client.get("id"), "name", client.get("name"), "first_name", client.get("first_name"),
                "primary_email_address", client.get("primary_email_address")));
        bill.put("matters", List.of(Map.of("id", matter.get("id"))));
        state.bills.put(String.valueOf(id), bill);
        return ResponseEntity.status(HttpStatus.CREATED).body(bill);
    }
}
