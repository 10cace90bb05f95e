package com.casewire.schedule;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import com.casewire.db.DatabaseOutage;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Quartz's JDBC job store reads its triggers from the database every few seconds, and while the database is
 * unreachable it logs each failed read, check-in and rollback at ERROR with a stack trace. The hub's rule for an
 * outage is one line per failure and no stack trace (docs/design.md, "Database outage"), so those events become one
 * WARN line here. Anything else Quartz logs, and its failures for other reasons, pass unchanged.
 */
final class QuartzOutageLog extends TurboFilter {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(QuartzOutageLog.class);
    private static final String NAME = "casewire-quartz-outage";

    /** Adds the filter to Logback once per JVM (test contexts start many hubs in one). */
    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        synchronized (QuartzOutageLog.class) {
            if (context.getTurboFilterList().stream().noneMatch(f -> NAME.equals(f.getName()))) {
                QuartzOutageLog filter = new QuartzOutageLog();
                filter.setName(NAME);
                filter.start();
                context.addTurboFilter(filter);
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            t = last; // log.error("... {}", x, e): Logback takes the throwable from the arguments after this filter
        }
        if (t == null || level == null || !level.isGreaterOrEqual(Level.WARN) || !fromQuartz(logger.getName())
                || !(DatabaseOutage.isUnreachable(t) || closedConnection(t))) {
            return FilterReply.NEUTRAL;
        }
        String what = format == null ? "" : MessageFormatter.arrayFormat(format, params).getMessage();
        LOG.warn("quartz: database unavailable, the scheduler tries again: {} ({})", what, DatabaseOutage.reason(t));
        return FilterReply.DENY;
    }

    /** Hikari's answer on a connection the outage closed under the job store (no SQLState). */
    private static boolean closedConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException && "Connection is closed".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean fromQuartz(String logger) {
        return logger.startsWith("org.quartz.") || logger.startsWith("org.springframework.scheduling.quartz.");
    }
}
