package com.casewire.timeentry;

import com.casewire.api.ApiAnswers;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/time-capture?from=YYYY-MM-DD&to=YYYY-MM-DD} (REST DSL in {@code camel/api.camel.yaml}, behind the
 * API token): same-day capture per attorney.
 */
@Component("timeCaptureApi")
public class TimeCaptureApi {

    private final TimeCapture capture;

    TimeCaptureApi(TimeCapture capture) {
        this.capture = capture;
    }

    public Object capture(@Header("from") String from, @Header("to") String to, Message message) {
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(String.valueOf(from));
            end = LocalDate.parse(String.valueOf(to));
        } catch (DateTimeParseException e) {
            return ApiAnswers.refuse(message, 400, "bad_dates", "from and to must be dates such as 2026-12-01");
        }
        if (end.isBefore(start) || start.plusDays(366).isBefore(end)) {
            return ApiAnswers.refuse(message, 400, "bad_range", "to must be on or after from, at most a year later");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", start.toString());
        out.put("to", end.toString());
        out.put("attorneys", capture.rates(start, end));
        return out;
    }
}
