package com.casewire.reconciliation;

import com.casewire.api.ApiAnswers;
import com.casewire.vendor.VendorException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Behind the REST DSL in {@code camel/api.camel.yaml} (API token): {@code GET /api/reconciliations/{date}} (JSON),
 * {@code GET /api/reconciliations/{date}.csv} (the report's sections as CSV) and {@code POST .../{date}/run}. A run on
 * demand answers when its report is queued: 409 while another instance runs the day, 503 when a vendor failed it (the
 * schedule resumes it). The GET answers JSON or CSV by the path, so its verb has no JSON binding and this bean writes
 * the JSON itself, with the application's ObjectMapper.
 */
@Component("reconciliationApi")
public class ReconciliationApi {

    private static final String CSV = ".csv";

    private final Reconciliations reports;
    private final ReconciliationRuns runs;
    private final ObjectMapper json;

    ReconciliationApi(Reconciliations reports, ReconciliationRuns runs, ObjectMapper json) {
        this.reports = reports;
        this.runs = runs;
        this.json = json;
    }

    /** The day's report: {@code 2026-12-07} as JSON, {@code 2026-12-07.csv} as CSV; 404 before the day has run. */
    public String report(@Header("date") String date, Message message) throws JsonProcessingException {
        boolean csv = date != null && date.endsWith(CSV);
        LocalDate day = parse(csv ? date.substring(0, date.length() - CSV.length()) : date);
        if (day == null) {
            return asJson(message, badDate(message));
        }
        if (!csv) {
            Object view = reports.view(day).map(Object.class::cast).orElseGet(() -> notRun(message, day));
            return asJson(message, view);
        }
        return reports.csv(day).map(text -> {
            message.setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=UTF-8");
            message.setHeader("Content-Disposition", "attachment; filename=\"reconciliation-" + day + ".csv\"");
            return text;
        }).orElseGet(() -> {
            try {
                return asJson(message, notRun(message, day));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public Object run(@Header("date") String date, Message message) {
        LocalDate day = parse(date);
        if (day == null) {
            return badDate(message);
        }
        try {
            runs.runNow(day, "api from " + ApiAnswers.remoteAddress(message));
        } catch (IllegalArgumentException e) {
            return ApiAnswers.refuse(message, 400, "future_date", e.getMessage());
        } catch (ReconciliationRuns.AlreadyRunning e) {
            return ApiAnswers.refuse(message, 409, "running", e.getMessage());
        } catch (RuntimeException e) {
            VendorException vendor = cause(e);
            if (vendor == null) {
                throw e;
            }
            message.setHeader("Retry-After", "60");
            return ApiAnswers.refuse(message, 503, "vendor_failed", "the run stopped (" + vendor.getMessage()
                    + "); the schedule resumes it, or post again");
        }
        return reports.view(day).orElseThrow();
    }

    private String asJson(Message message, Object body) throws JsonProcessingException {
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        return json.writeValueAsString(body);
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
            return date == null ? null : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, Object> badDate(Message message) {
        return ApiAnswers.refuse(message, 400, "bad_date", "the date must look like 2026-12-07");
    }

    private static Map<String, Object> notRun(Message message, LocalDate day) {
        return ApiAnswers.refuse(message, 404, "not_run",
                "no reconciliation of " + day + " yet; POST /api/reconciliations/" + day + "/run to run it");
    }
}
