package com.casewire.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, resumes and re-runs reconciliations. The clustered schedule calls {@link #tick} (one instance at a time);
 * the API and JMX call {@link #runNow}. Either claims the day's {@code recon_run} row first (a conditional insert or
 * update), so one instance runs a day at a time, then sends the run through {@code direct:reconciliation-run}.
 */
public class ReconciliationRuns {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationRuns.class);
    static final String RUN_ENDPOINT = "direct:reconciliation-run";

    /** The day is being reconciled by someone else right now. */
    static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning(LocalDate date) {
            super("the reconciliation of " + date + " is running");
        }
    }

    private final RunStore runs;
    private final FindingStore findings;
    private final ProducerTemplate camel;
    private final ReconciliationProperties properties;
    private final ZoneId firmZone;
    private final Clock clock;
    private final String instance;

    ReconciliationRuns(RunStore runs, FindingStore findings, ProducerTemplate camel, ReconciliationProperties properties,
                       ZoneId firmZone, Clock clock, String instance) {
        this.runs = runs;
        this.findings = findings;
        this.camel = camel;
        this.properties = properties;
        this.firmZone = firmZone;
        this.clock = clock;
        this.instance = instance;
    }

    /**
     * Starts today's run once the firm's clock has passed {@code run-at} (once per day: the row's primary key), and
     * resumes any run an instance left unfinished (a crash: its claim went stale; a failure: it let go). Returns how
     * many runs it took on. First clears the staged facts of reported days.
     */
    public int tick() {
        findings.deleteReportedFacts();
        int taken = 0;
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(firmZone);
        if (properties.enabled() && !local.toLocalTime().isBefore(properties.runAt())
                && runs.find(local.toLocalDate()).isEmpty() && runs.create(local.toLocalDate(), "schedule", now, instance)) {
            taken++;
            execute(local.toLocalDate());
        }
        for (LocalDate date : runs.idleUnfinished(now.minus(properties.staleAfter()))) {
            if (runs.claimIdle(date, clock.instant(), clock.instant().minus(properties.staleAfter()), instance)) {
                log.info("reconciliation of {} resumes (its run was left unfinished)", date);
                taken++;
                execute(date);
            }
        }
        return taken;
    }

    /**
     * Reconciles {@code date} now: a new day, the next generation of a reported one, or an unfinished one taken over.
     * Throws {@link AlreadyRunning} while another instance holds it, and {@link IllegalArgumentException} for a day
     * that has not begun.
     */
    public void runNow(LocalDate date, String by) {
        Instant now = clock.instant();
        if (date.isAfter(now.atZone(firmZone).toLocalDate())) {
            throw new IllegalArgumentException("the reconciliation of " + date + " cannot run before that day");
        }
        boolean claimed = runs.create(date, by, now, instance) || runs.restart(date, by, now, instance)
                || runs.claimIdle(date, now, now.minus(properties.staleAfter()), instance);
        if (!claimed) {
            throw new AlreadyRunning(date);
        }
        log.info("reconciliation of {} asked for by {}", date, by);
        execute(date);
    }

    private void execute(LocalDate date) {
        RunStore.RunRow row = runs.find(date).orElseThrow();
        Instant start = date.atStartOfDay(firmZone).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(firmZone).toInstant();
        Instant now = clock.instant();
        Run run = new Run(date, row.generation(), row.stage(), instance, start, end.isAfter(now) ? now : end);
        try {
            camel.requestBody(RUN_ENDPOINT, run);
        } catch (RuntimeException e) {
            runs.release(date, instance); // the next tick takes it up again
            throw e;
        }
    }
}
