package com.casewire.timeentry;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/time-capture?from=YYYY-MM-DD&to=YYYY-MM-DD}: same-day capture per attorney (behind the API token). */
@RestController
class TimeCaptureController {

    private final TimeCapture capture;

    TimeCaptureController(TimeCapture capture) {
        this.capture = capture;
    }

    @GetMapping("/api/time-capture")
    ResponseEntity<Map<String, Object>> capture(@RequestParam String from, @RequestParam String to) {
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(from);
            end = LocalDate.parse(to);
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "from and to must be dates such as 2026-12-01"));
        }
        if (end.isBefore(start) || start.plusDays(366).isBefore(end)) {
            return ResponseEntity.badRequest().body(Map.of("error", "to must be on or after from, at most a year later"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", start.toString());
        out.put("to", end.toString());
        out.put("attorneys", capture.rates(start, end));
        return ResponseEntity.ok(out);
    }
}
