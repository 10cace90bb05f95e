package com.casewire.reconciliation;

import com.casewire.vendor.VendorException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/reconciliations/{date}} (JSON), {@code .../{date}.csv} and {@code POST .../{date}/run} (behind the API
 * token). A run on demand answers when its report is queued: 409 while another instance runs the day, 503 when a
 * vendor failed it (the schedule resumes it).
 */
@RestController
class ReconciliationController {

    private final Reconciliations reports;
    private final ReconciliationRuns runs;

    ReconciliationController(Reconciliations reports, ReconciliationRuns runs) {
        this.reports = reports;
        this.runs = runs;
    }

    @GetMapping("/api/reconciliations/{date}")
    ResponseEntity<?> report(@PathVariable String date) {
        LocalDate day = parse(date);
        if (day == null) {
            return badDate(date);
        }
        return reports.view(day).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notRun(day));
    }

    @GetMapping("/api/reconciliations/{date}.csv")
    ResponseEntity<?> csv(@PathVariable String date) {
        LocalDate day = parse(date);
        if (day == null) {
            return badDate(date);
        }
        return reports.csv(day).<ResponseEntity<?>>map(csv -> ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"reconciliation-" + day + ".csv\"")
                .body(csv)).orElseGet(() -> notRun(day));
    }

    @PostMapping("/api/reconciliations/{date}/run")
    ResponseEntity<?> run(@PathVariable String date, HttpServletRequest request) {
        LocalDate day = parse(date);
        if (day == null) {
            return badDate(date);
        }
        try {
            runs.runNow(day, "api from " + request.getRemoteAddr());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "future_date", "message", e.getMessage()));
        } catch (ReconciliationRuns.AlreadyRunning e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "running", "message", e.getMessage()));
        } catch (RuntimeException e) {
            VendorException vendor = cause(e);
            if (vendor == null) {
                throw e;
            }
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60")
                    .body(Map.of("error", "vendor_failed", "message", "the run stopped (" + vendor.getMessage()
                            + "); the schedule resumes it, or post again"));
        }
        return ResponseEntity.ok(reports.view(day).orElseThrow());
    }

    private static VendorException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VendorException v) {
                return v;
            }
        }
        return null;
    }

    private static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ResponseEntity<?> badDate(String date) {
        return ResponseEntity.badRequest().body(Map.of("error", "bad_date", "message",
                "the date must look like 2026-12-07"));
    }

    private static ResponseEntity<?> notRun(LocalDate day) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_run", "message",
                "no reconciliation of " + day + " yet; POST /api/reconciliations/" + day + "/run to run it"));
    }
}
