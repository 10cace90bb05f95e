package com.casewire.audit;

import java.time.Instant;

/**
 * One client communication: what was sent (or failed), to whom, on which channel, about which matter.
 *
 * @param outcome SENT, or FAILED when the vendor refused it for good or attempts ran out
 */
public record LogEntry(String idempotencyKey, Instant recordedAt, String matterId, String recipientName,
                       String recipientAddress, String channel, String workflow, String template, String subject,
                       String body, String outcome, String vendorMessageId, String error) {
}
