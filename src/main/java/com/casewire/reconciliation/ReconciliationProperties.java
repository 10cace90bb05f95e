package com.casewire.reconciliation;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.reconciliation.*}: when the day is reconciled and how the gateway is read.
 *
 * @param enabled          false: no daily run (a run on demand still works)
 * @param runAt            the firm's local time the day's run starts (18:30)
 * @param checkIntervalMillis how often the clustered schedule looks whether a run is due or one needs resuming
 * @param staleAfter       a run whose instance has not reported progress for this long is taken over (a crash)
 * @param gatewayPageSize  transactions per LawPay request (the gateway's documented default is 20; its maximum is
 *                         unconfirmed)
 * @param gatewayMaxPages  more pages than this fails the run rather than paging for ever
 * @param gatewayStatuses  transaction statuses that count as money received
 * @param stageBatch       facts staged per batch insert and commit, at least (a source's pages are gathered until
 *                         they hold this many)
 * @param maxTasks         at most this many practice-system tasks per run for money exceptions (the rest are in the
 *                         report)
 * @param maxAttachmentBytes a section's CSV attachment larger than this is cut (the API serves it whole)
 */
@ConfigurationProperties("hub.reconciliation")
record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("18:30") LocalTime runAt,
        @DefaultValue("60000") long checkIntervalMillis,
        @DefaultValue("5m") Duration staleAfter,
        @DefaultValue("20") int gatewayPageSize,
        @DefaultValue("100000") int gatewayMaxPages,
        @DefaultValue({"COMPLETED", "AUTHORIZED"}) List<String> gatewayStatuses,
        @DefaultValue("1000") int stageBatch,
        @DefaultValue("50") int maxTasks,
        @DefaultValue("500000") int maxAttachmentBytes) {

    ReconciliationProperties {
        if (gatewayPageSize < 1 || gatewayMaxPages < 1 || stageBatch < 1 || maxTasks < 0 || maxAttachmentBytes < 1000) {
            throw new IllegalArgumentException("hub.reconciliation: gateway-page-size, gateway-max-pages and stage-batch"
                    + " must be at least 1, max-tasks at least 0, max-attachment-bytes at least 1000");
        }
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("hub.reconciliation.stale-after must be positive");
        }
    }
}
