package com.casewire.inbox;

import com.casewire.db.DatabaseOutage;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While the database cannot be reached, nothing a vendor or a form sends can be stored: every endpoint answers 503
 * with {@code Retry-After}, so the sender tries again, never a 2xx for what was not stored and never a 500 with a
 * stack trace. One log line per refused request. Other database failures are faults and go on to the usual 500.
 */
@RestControllerAdvice
class DatabaseOutageAnswers {

    /** Seconds a sender is asked to wait; the pool tries the database again on every request meanwhile. */
    static final int RETRY_AFTER_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageAnswers.class);

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Map<String, Object>> databaseFailure(RuntimeException e, HttpServletRequest request) {
        if (!DatabaseOutage.isTransient(e)) {
            throw e;
        }
        log.warn("refused {} {}: 503, database unavailable ({})", request.getMethod(), request.getRequestURI(),
                DatabaseOutage.reason(e));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("error", "database_unavailable",
                        "message", "the hub cannot store this request now; nothing was stored, retry later"));
    }
}
